"""Retraining end to end: a user's tiny corpus with a label of their own, a tiny config."""
import json

import spacy
from typer.testing import CliRunner

import cppcc_nlp
from cppcc_nlp.cli import app

runner = CliRunner()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建华", "红梅", "志强", "秀英", "海涛", "丽娟", "国庆", "文斌", "晓燕", "德明", "春生", "玉兰"]
BODIES = ["县政协", "市政协", "区政协", "州政协"]
ROLES = ["主席", "副主席", "秘书长"]


def _record(i: int) -> dict:
    """A short document in which people (PERSON, the user's own label) chair and attend meetings."""
    body, role = BODIES[i % 4], ROLES[i % 3]
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)]
    other = SURNAMES[(i + 7) % len(SURNAMES)] + GIVEN[(i + 5) % len(GIVEN)]
    parts = [(body, "ORG"), (role, None), (name, "PERSON"), ("主持会议，", None), (other, "PERSON"),
             ("委员作交流发言，提出建议", None), (f"{i + 3}条", "QUANTITY"), ("。", None)]
    text, ents = "", []
    for piece, label in parts:
        if label:
            ents.append({"start": len(text), "end": len(text) + len(piece), "label": label})
        text += piece
    return {"id": f"t{i}", "text": text, "entities": ents,
            "sentences": [{"start": 0, "end": len(text), "topic": "CONSULTATION" if i % 2 else "OTHER"}]}


def test_retrain_only_on_user_data_learns_a_new_label(tmp_path):
    data = tmp_path / "ours.jsonl"
    data.write_text("".join(json.dumps(_record(i), ensure_ascii=False) + "\n" for i in range(24)), encoding="utf-8")
    out = tmp_path / "model"
    result = runner.invoke(app, ["train", "-o", str(out), "--extra", str(data), "--only",
                                 "--set", "training.max_epochs=20", "--set", "components.tok2vec.model.encode.width=48",
                                 "--set", "components.tok2vec.model.encode.depth=2"])
    assert result.exit_code == 0, result.output
    assert "your held-out before" in result.output and "PERSON P/R/F" in result.output
    for nlp in (cppcc_nlp.load(out), spacy.load(out)):
        doc = nlp("区政协主席郭海涛主持会议，林春生委员作交流发言。")
        assert ("郭海涛", "PERSON") in {(e.text, e.label_) for e in doc.ents}
        assert "PERSON" in nlp.get_pipe("ner").labels


def test_retraining_gives_the_same_weights_in_any_process(tmp_path):
    """The bundled model must be what training/ gives from corpus/: two training runs in processes
    with different hash seeds, on corpus documents whose place names the augmenter makes up, agree
    to the byte."""
    import filecmp
    import os
    import subprocess
    import sys

    from cppcc_nlp import corpus as gold
    from conftest import ROOT

    records = [r for r in gold.load(ROOT / "corpus" / "corpus.jsonl") if r["id"] in {"000", "001", "002", "h1-02", "h6-01"}]
    data = tmp_path / "ours.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for run, hash_seed in (("a", "1"), ("b", "2")):
        subprocess.run([sys.executable, "-m", "cppcc_nlp.cli", "train", "-o", str(tmp_path / run), "--extra", str(data),
                        "--only", "--set", "training.max_epochs=2", "--set", "components.tok2vec.model.encode.width=32",
                        "--set", "components.tok2vec.model.encode.depth=1"],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": hash_seed})
    for part in ("ner/model", "tok2vec/model"):
        assert filecmp.cmp(tmp_path / "a" / part, tmp_path / "b" / part, shallow=False), part
