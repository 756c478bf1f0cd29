"""Inter-annotator agreement between the gold corpus and an independent second annotation.

    python training/agreement.py                         # corpus/corpus.jsonl vs corpus/second.jsonl
    python training/agreement.py --before corpus/second_raw.jsonl

Entity agreement is F1 on exact (start, end, label) spans, per label and micro-averaged; topic
agreement is Cohen's kappa (scikit-learn) over the sentences both annotations share.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cppcc_nlp.corpus import ENTITY_LABELS, load  # noqa: E402


def agreement(first: list[dict], second: list[dict]) -> dict:
    """Entity F1 per label and micro, topic kappa, over the documents in ``second``."""
    from sklearn.metrics import cohen_kappa_score

    by_id = {r["id"]: r for r in first}
    tp, n1, n2 = Counter(), Counter(), Counter()
    t1, t2 = [], []
    for b in second:
        a = by_id[b["id"]]
        assert a["text"] == b["text"], f"{b['id']}: the two annotations are of different texts"
        ea = {(e["start"], e["end"], e["label"]) for e in a["entities"]}
        eb = {(e["start"], e["end"], e["label"]) for e in b["entities"]}
        for lab in ENTITY_LABELS:
            tp[lab] += len({e for e in ea & eb if e[2] == lab})
            n1[lab] += len({e for e in ea if e[2] == lab})
            n2[lab] += len({e for e in eb if e[2] == lab})
        sa = {(s["start"], s["end"]): s["topic"] for s in a["sentences"]}
        for s in b["sentences"]:
            if (s["start"], s["end"]) in sa:
                t1.append(sa[(s["start"], s["end"])])
                t2.append(s["topic"])

    def f1(t, a, b):
        return round(2 * t / (a + b), 4) if a + b else 1.0

    out = {"documents": len(second), "sentences": len(t1),
           "entity_f1": {lab: f1(tp[lab], n1[lab], n2[lab]) for lab in ENTITY_LABELS},
           "entity_f1_micro": f1(sum(tp.values()), sum(n1.values()), sum(n2.values())),
           "topic_kappa": round(float(cohen_kappa_score(t1, t2)), 4),
           "topic_agreement": round(sum(x == y for x, y in zip(t1, t2)) / max(1, len(t1)), 4)}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "corpus.jsonl")
    ap.add_argument("--second", type=Path, default=ROOT / "corpus" / "second.jsonl")
    args = ap.parse_args(argv)
    print(json.dumps(agreement(load(args.corpus), load(args.second)), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
