"""The gold corpus: valid, large enough, and free of text from the held-out dev set."""
import json

import pytest

from cppcc_nlp.corpus import CorpusError, load, statistics, validate
from cppcc_nlp.normalize import normalize
from conftest import ROOT, SEEDS, SHARED

CORPUS = ROOT / "corpus" / "corpus.jsonl"
DEV = SHARED / "eval" / "dev.jsonl"
PASSAGE = 20


def test_corpus_validates():
    assert validate(CORPUS) == []


def test_corpus_is_large_and_varied_enough():
    stats = statistics(load(CORPUS))
    assert stats["characters"]["authored"] >= 150_000
    assert sum(stats["entities"].values()) >= 3000
    assert stats["documents"]["seed"] == 5
    assert stats["authored_localities"] >= 40
    assert set(stats["authored_levels"]) == {"province", "city", "county", "district"}
    assert min(stats["topics"].values()) >= 300


def test_validator_names_document_and_line_of_every_problem(tmp_path):
    good = json.loads(CORPUS.read_text(encoding="utf-8").splitlines()[0])
    broken = dict(good, id="broken")
    broken["entities"] = [dict(broken["entities"][0], end=broken["entities"][0]["end"] + 1),
                          {"start": 0, "end": 2, "label": "PERSON"},
                          {"start": 1, "end": 3, "label": "ORG"},
                          {"start": 5, "end": 10**6, "label": "ORG"}]
    broken["sentences"] = broken["sentences"][1:] + [{"start": 0, "end": 1, "topic": "SPORT"}]
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (good, broken, good)) + "\n{oops\n",
                 encoding="utf-8")
    errors = validate(f)
    text = "\n".join(errors)
    assert f"{f}:2: broken: entity" in text and "does not match" in text
    assert "unknown label 'PERSON'" in text and "overlap" in text and "out of range" in text
    assert "topic 'SPORT'" in text
    assert f"{f}:3: {good['id']}: duplicate id (first on line 1)" in text
    assert f"{f}:4: not valid JSON" in text
    with pytest.raises(CorpusError):
        load(f)


def _passages(text: str, n: int = PASSAGE) -> set[str]:
    squeezed = "".join(text.split())
    return {squeezed[i:i + n] for i in range(len(squeezed) - n + 1)}


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev.jsonl is not beside the project")
def test_no_dev_sentence_or_long_passage_is_in_the_corpus():
    corpus = "".join("".join(r["text"].split()) for r in load(CORPUS))
    seed_text = "".join("".join(normalize(p.read_text(encoding="utf-8")).text.split()) for p in SEEDS)
    seeds = _passages(seed_text)  # the register every report repeats is not a leak
    corpus_passages = _passages(corpus)
    leaks = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        for s in gold["sentences"]:
            sent = "".join(gold["text"][s["start"]:s["end"]].split())
            if len(sent) >= 8 and sent in corpus and sent not in seed_text:
                leaks.append(sent)
        leaks += sorted((_passages(gold["text"]) & corpus_passages) - seeds)
    assert leaks == [], f"{len(leaks)} dev passages in the corpus, e.g. {leaks[:3]}"
