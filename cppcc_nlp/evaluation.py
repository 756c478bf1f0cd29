"""Score a pipeline on annotated records: per-label entity P/R/F and sentence topics."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from spacy.language import Language

from .corpus import TOPICS


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold": n_gold, "predicted": n_pred, "correct": tp}


def evaluate(nlp: Language, records: Iterable[dict]) -> dict:
    """Exact-span entity scores per label and micro-averaged, and topic accuracy and macro-F1 over
    the sentences that carry a topic. Records hold normalised text, so offsets compare directly."""
    from sklearn.metrics import f1_score

    records = list(records)
    tp, npred, ngold = Counter(), Counter(), Counter()
    y_true, y_pred = [], []
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        pred = Counter((e.start_char, e.end_char, e.label_) for e in doc.ents)
        gold = Counter((e["start"], e["end"], e["label"]) for e in rec["entities"])
        for (_, _, lab), n in (pred & gold).items():
            tp[lab] += n
        for (_, _, lab), n in pred.items():
            npred[lab] += n
        for (_, _, lab), n in gold.items():
            ngold[lab] += n
        for s in rec["sentences"]:
            if s.get("topic"):
                span = doc.char_span(s["start"], s["end"], alignment_mode="expand")
                sent = span.sent if span is not None else None
                y_true.append(s["topic"])
                y_pred.append(sent._.topic if sent is not None and sent._.topic else "NONE")
    labels = sorted(set(npred) | set(ngold))
    out: dict = {"documents": len(records), "entities": {lab: prf(tp[lab], npred[lab], ngold[lab]) for lab in labels}}
    out["entities"]["micro"] = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    if y_true:
        out["topics"] = {"sentences": len(y_true),
                         "accuracy": round(sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true), 4),
                         "macro_f1": round(float(f1_score(y_true, y_pred, labels=list(TOPICS), average="macro",
                                                          zero_division=0)), 4)}
    return out


def table(results: dict[str, dict]) -> str:
    """A plain-text table of several :func:`evaluate` results side by side (name -> result)."""
    names = list(results)
    labels = sorted({lab for r in results.values() for lab in r["entities"]} - {"micro"}) + ["micro"]
    width = max(16, *(len(n) for n in names))
    lines = ["".ljust(16) + "".join(n.rjust(width + 2) for n in names)]
    for lab in labels:
        cells = []
        for n in names:
            s = results[n]["entities"].get(lab)
            cells.append((f"{s['p']:.2f}/{s['r']:.2f}/{s['f']:.2f}" if s else "-").rjust(width + 2))
        lines.append(f"{lab} P/R/F".ljust(16) + "".join(cells))
    lines.append("topic macro-F1".ljust(16) + "".join(
        (f"{results[n]['topics']['macro_f1']:.2f}" if "topics" in results[n] else "-").rjust(width + 2) for n in names))
    return "\n".join(lines)
