"""The researcher API on real seed text: structured values, records, multiprocessing, serialisation."""
import json

import pytest
from spacy.tokens import Doc, DocBin

import cppcc_nlp
from cppcc_nlp import corpus, to_records
from conftest import ROOT, SEEDS, seed

# (seed, context in the normalised seed text, QUANTITY span, what it counts): checked by hand
COUNTED = [
    ("000", "开展一线协商活动1300余次", "1300余次", "一线协商活动"),
    ("000", "报送意见建议742条", "742条", "意见建议"),
    ("000", "办理提案142件", "142件", "提案"),
    ("000", "解难题办实事1193件", "1193件", "实事"),
    ("000", "机关干部集中学习47次", "47次", "机关干部集中学习"),
    ("000", "等4个方面提出", "4个", "方面"),
    ("000", "提出9条对策建议", "9条", "对策建议"),
    ("000", "开展调研视察48次", "48次", "调研视察"),
    ("000", "形成调研报告22篇", "22篇", "调研报告"),
    ("000", "解决实际问题1252个", "1252个", "实际问题"),
    ("000", "开展双月专题协商会5次", "5次", "双月专题协商会"),
    ("001", "收集意见建议160余个", "160余个", "意见建议"),
    ("001", "解决实际问题120余个", "120余个", "实际问题"),
    ("001", "反映社情民意信息216篇", "216篇", "社情民意信息"),
    ("001", "兴办便民利民实事253件", "253件", "便民利民实事"),
    ("002", "委员全年提交提案437件", "437件", "提案"),
    ("002", "编发上报省政协信息328篇", "328篇", "信息"),
    ("002", "集体提案43件", "43件", "集体提案"),
    ("003", "建成界别委员工作室10个", "10个", "界别委员工作室"),
    ("003", "精心策划7个重点协商议题", "7个", "重点协商议题"),
    ("003", "开展协商活动450余场次", "450余场次", "协商活动"),
    ("003", "引进项目67个", "67个", "项目"),
    ("004", "市政协共收到微建议37条", "37条", "微建议"),
    ("004", "委员线上值班100余天", "100余天", "委员线上值班"),
]


@pytest.fixture(scope="module")
def gold_seed_docs(nlp):
    records = {r["id"]: r for r in corpus.load(ROOT / "corpus" / "corpus.jsonl") if r["source"] != "authored"}
    return {k: corpus.to_doc(nlp, r) for k, r in records.items()}


@pytest.mark.parametrize("prefix,context,span,expected", COUNTED)
def test_counted_on_gold_seed_quantities(gold_seed_docs, prefix, context, span, expected):
    doc = gold_seed_docs[prefix]
    start = doc.text.index(context) + context.index(span)
    ent = next(e for e in doc.ents if e.start_char == start)
    assert ent.text == span and ent._.counted == expected


def test_pipeline_predicts_entities_with_values_on_raw_traditional_text(nlp):
    raw = seed("002")
    doc = nlp(raw)
    assert doc.text == raw
    quantities = {e.text: (e._.value, e._.unit) for e in doc.ents if e.label_ == "QUANTITY"}
    assert quantities.get("437件") == (437, "件") and quantities.get("1800余篇") == (1800, "篇")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert any("忻州" in o for o in orgs)
    for e in doc.ents:  # offsets are on the user's text
        assert raw[e.start_char:e.end_char] == e.text


def test_every_sentence_and_section_has_a_topic(nlp):
    doc = nlp(seed("003"))
    sents = [s for s in doc.sents if s.text.strip()]
    assert all(s._.topic in corpus.TOPICS for s in sents)
    assert all(abs(sum(s._.topic_scores.values()) - 1) < 0.01 for s in sents)
    assert {sec.label_ for sec in doc.spans["sections"]} <= set(corpus.TOPICS)


def test_records_round_trip_through_json(nlp):
    docs = list(nlp.pipe([seed("000"), seed("004")]))
    records = to_records(docs, ["000", "004"])
    assert json.loads(json.dumps(records, ensure_ascii=False)) == records
    kinds = {r["kind"] for r in records}
    assert kinds == {"entity", "sentence", "section"}
    q = next(r for r in records if r["kind"] == "entity" and r["text"] == "1300余次")
    assert (q["value"], q["unit"], q["approx"], q["doc_id"]) == (1300, "次", "余", "000")


def test_two_processes_give_the_same_output_as_one(nlp):
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    one = to_records(nlp.pipe(texts, n_process=1))
    two = to_records(nlp.pipe(texts, n_process=2, batch_size=2))
    assert one == two


def test_a_doc_with_all_extensions_survives_docbin_and_disk(nlp, tmp_path):
    doc = nlp(seed("001"))
    before = to_records([doc])
    db = DocBin(store_user_data=True)
    db.add(doc)
    again = list(DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(nlp.vocab))[0]
    assert to_records([again]) == before and again._.normalized == doc._.normalized
    doc.to_disk(tmp_path / "doc")
    assert to_records([Doc(nlp.vocab).from_disk(tmp_path / "doc")]) == before


def test_pipeline_round_trips_through_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    again = cppcc_nlp.load(tmp_path / "model")
    text = seed("004")
    assert to_records([again(text)]) == to_records([nlp(text)])


def test_a_sentence_topic_reads_the_sentences_around_it(nlp):
    """The same sentence scores differently between supervision and livelihood neighbours."""
    from cppcc_nlp.topics import rows_of, sentence_contexts

    middle = "委员们逐项听取情况介绍。"
    texts = ["县政协组织委员对河道治理开展专项民主监督。" + middle + "监督组提出整改意见12条，交有关部门限期整改。",
             "镇卫生院新建了康复理疗室。" + middle + "全村1200多位老人从此在家门口就能看病。"]
    docs = [nlp(t) for t in texts]
    rows = [rows_of(sentence_contexts(d)) for d in docs]
    assert [r[1][0] for r in rows] == [middle, middle]
    assert rows[0][1][2] == rows[0][0][0] and rows[0][1][3] == rows[0][2][0] and rows[0][0][2] == rows[0][2][3] == ""
    scores = [[s for s in d.sents if s.text == middle][0]._.topic_scores for d in docs]
    assert scores[0]["SUPERVISION"] > scores[1]["SUPERVISION"] and scores[1]["LIVELIHOOD"] > scores[0]["LIVELIHOOD"]
