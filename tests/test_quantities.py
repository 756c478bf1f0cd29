"""Quantities and programme names from real seed text, checked by hand."""
import json

import pytest

from cppcc_nlp import programmes
from cppcc_nlp.quantities import chinese_number, parse
from conftest import ROOT

# (span as the seed writes it, value, unit, approx): every one read off the seed by hand
SEED_QUANTITIES = [
    ("1300余次", 1300, "次", "余"), ("1193件", 1193, "件", None), ("742条", 742, "条", None),
    ("142件", 142, "件", None), ("13次", 13, "次", None), ("1期", 1, "期", None), ("17个", 17, "个", None),
    ("22篇", 22, "篇", None), ("1252个", 1252, "个", None), ("两级", 2, "级", None), ("15项", 15, "项", None),
    ("三级", 3, "级", None), ("11名", 11, "名", None), ("20余次", 20, "次", "余"), ("460余名", 460, "名", "余"),
    ("30多个", 30, "个", "多"), ("16篇次", 16, "篇次", None), ("50余名", 50, "名", "余"),
    ("10余篇", 10, "篇", "余"), ("6000余人次", 6000, "人次", "余"), ("160余个", 160, "个", "余"),
    ("50万元/年", 500000, "元/年", None), ("1200人次", 1200, "人次", None), ("40周岁", 40, "周岁", None),
    ("1周", 1, "周", None), ("3天", 3, "天", None), ("6方面", 6, "方面", None), ("1800余篇", 1800, "篇", "余"),
    ("38%", 38, "%", None), ("100%", 100, "%", None), ("120多人次", 120, "人次", "多"), ("25份", 25, "份", None),
    ("10天", 10, "天", None), ("60余场次", 60, "场次", "余"), ("12批", 12, "批", None),
    ("140人次", 140, "人次", None), ("450余场次", 450, "场次", "余"), ("7400余人次", 7400, "人次", "余"),
    ("480余个", 480, "个", "余"), ("127亿元", 12_700_000_000, "元", None), ("3011万元", 30_110_000, "元", None),
    ("100余天", 100, "天", "余"), ("五个", 5, "个", None), ("37条", 37, "条", None), ("57件", 57, "件", None),
]


def test_seed_quantities_are_all_seed_text():
    seeds = [json.loads(l) for l in (ROOT / "corpus" / "corpus.jsonl").open(encoding="utf-8")][:5]
    spans = {e["text"] for r in seeds for e in r["entities"] if e["label"] == "QUANTITY"}
    assert {q[0] for q in SEED_QUANTITIES} <= spans


@pytest.mark.parametrize("text,value,unit,approx", SEED_QUANTITIES)
def test_seed_quantity_value_unit_approx(text, value, unit, approx):
    assert tuple(parse(text)) == (value, unit, approx)


@pytest.mark.parametrize("text,value,unit,approx", [
    ("十余条", 10, "条", "余"), ("约15分钟", 15, "分钟", "约"), ("近3个小时", 3, "个小时", "近"),
    ("1.2万人次", 12_000, "人次", None), ("3万余元", 30_000, "元", "余"), ("十余万元", 100_000, "元", "余"),
    ("逾2000户", 2000, "户", "逾"), ("一百零五人", 105, "人", None), ("1,200家", 1200, "家", None),
    ("二十三件", 23, "件", None), ("两三元", 2, "元", None),
])
def test_other_forms(text, value, unit, approx):
    assert tuple(parse(text)) == (value, unit, approx)


def test_chinese_numerals():
    assert [chinese_number(t) for t in ["十", "十二", "二十", "一百零五", "三千二百万", "两", "一万二千"]] == [
        10, 12, 20, 105, 32_000_000, 2, 12_000]
    assert chinese_number("十几") is None


def test_canonical_names_merge_the_seed_spellings():
    spellings = ["一线协商·共同缔造", "一线协商˙共同缔造", "一线协商•共同缔造", "“一线协商·共同缔造”", "一线协商共同缔造"]
    assert {programmes.canonical(s) for s in spellings} == {"一线协商·共同缔造"}
    seeds = [json.loads(l) for l in (ROOT / "corpus" / "corpus.jsonl").open(encoding="utf-8")][:5]
    seen = {e["text"] for r in seeds for e in r["entities"] if e["label"] == "PROGRAMME"}
    assert {"一线协商·共同缔造", "一线协商˙共同缔造"} <= seen


def test_users_extend_the_table(tmp_path):
    assert programmes.canonical("“委员议事厅”") == "委员议事厅"
    programmes.add_names({"委员议事堂": "委员议事厅"})
    assert programmes.canonical("“委员议事堂”") == "委员议事厅"
    f = tmp_path / "names.tsv"
    f.write_text("# mine\n协商在身边行动\t协商在身边\n", encoding="utf-8")
    programmes.add_names(f)
    assert programmes.canonical("协商在身边行动") == "协商在身边"
    f.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="names.tsv:1"):
        programmes.add_names(f)
