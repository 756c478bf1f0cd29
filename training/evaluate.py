"""Evaluate the pipeline: cross-validation on the corpus, alignment, and the dev score.

    python training/evaluate.py topics      # compare topic designs on the same document folds
    python training/evaluate.py ner         # document-level cross-validation of NER
    python training/evaluate.py seeds       # NER trained on the team's documents, scored on the seeds
    python training/evaluate.py alignment   # share of gold entities on token boundaries
    python training/evaluate.py dev         # ../shared/eval/score.py on the bundled model
    python training/evaluate.py all         # everything, written to training/metrics.json

Cross-validation splits by document (5 folds, fixed seed) over the whole corpus. The dev file
holds real reports kept for measurement only: nothing here trains or tunes on it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from spacy.util import load_config  # noqa: E402

import cppcc_nlp  # noqa: E402
from cppcc_nlp import corpus as gold  # noqa: E402
from cppcc_nlp.evaluation import prf  # noqa: E402
from cppcc_nlp.topics import as_rows, build_model  # noqa: E402
from cppcc_nlp.topics import training_rows  # noqa: E402
from train import TRAIN_CFG  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
METRICS = ROOT / "training" / "metrics.json"
FOLDS = 5


def folds(records: list[dict], k: int = FOLDS) -> list[list[dict]]:
    """``k`` document folds, balanced by size, fixed."""
    order = sorted(records, key=lambda r: (-len(r["text"]), r["id"]))
    out: list[list[dict]] = [[] for _ in range(k)]
    for i, r in enumerate(order):
        out[i % k if (i // k) % 2 == 0 else k - 1 - i % k].append(r)
    return out


def topic_scores(y_true: list[str], y_pred: list[str]) -> dict:
    from sklearn.metrics import f1_score

    return {"accuracy": round(sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true), 4),
            "macro_f1": round(float(f1_score(y_true, y_pred, labels=list(gold.TOPICS), average="macro")), 4),
            "per_topic_f1": dict(zip(gold.TOPICS, (round(float(x), 4) for x in f1_score(
                y_true, y_pred, labels=list(gold.TOPICS), average=None))))}


def eval_topics(records: list[dict]) -> dict:
    """Topic designs compared on the same folds, and trained on the team's documents alone and
    scored on the seeds: sentence alone, with its section heading, with the sentences around it,
    the regularisation strength and the n-gram lengths (1-3 when not named)."""
    nlp = cppcc_nlp.load()
    rows = {r["id"]: training_rows(nlp, [r]) for r in records}
    designs = {"sentence C=1.0": dict(c=1.0), "sentence C=4.0": dict(c=4.0), "sentence C=16.0": dict(c=16.0),
               "sentence+heading C=4.0": dict(heading=True), "sentence+heading C=16.0": dict(heading=True, c=16.0),
               "sentence+neighbours 0.3 C=4.0": dict(context_weight=0.3),
               "sentence+neighbours 0.5 C=4.0": dict(context_weight=0.5),
               "sentence+neighbours 0.7 C=4.0": dict(context_weight=0.7),
               "sentence+neighbours 0.5 C=2.0": dict(context_weight=0.5, c=2.0),
               "sentence+neighbours 0.5 C=8.0": dict(context_weight=0.5, c=8.0),
               "sentence+neighbours 0.5 C=4.0, 2-3-grams": dict(context_weight=0.5, ngrams=(2, 3)),
               "sentence+neighbours 0.5 C=4.0, 2-grams": dict(context_weight=0.5, ngrams=(2, 2)),
               "sentence+neighbours 0.5 C=4.0, 2-4-grams": dict(context_weight=0.5, ngrams=(2, 4)),
               "sentence+neighbours 0.5 C=4.0, 1-2-grams": dict(context_weight=0.5, ngrams=(1, 2)),
               "sentence+neighbours 0.5 C=4.0, 1-4-grams": dict(context_weight=0.5, ngrams=(1, 4)),
               "sentence+neighbours 0.5 C=2.0, 2-3-grams": dict(context_weight=0.5, ngrams=(2, 3), c=2.0),
               "sentence+neighbours 0.5 C=8.0, 2-3-grams": dict(context_weight=0.5, ngrams=(2, 3), c=8.0),
               "sentence+heading+neighbours 0.5 C=4.0": dict(heading=True, context_weight=0.5)}
    seed_ids = {r["id"] for r in records if r.get("source", "authored") != "authored"}
    held_out = {"cv": [{r["id"] for r in test} for test in folds(records)], "seeds": [seed_ids]}
    out = {}
    for name, params in designs.items():
        params = {"heading": False, "c": 4.0, **params}
        for where, splits in held_out.items():
            y_true, y_pred = [], []
            for test_ids in splits:
                train_x = [x for i, (xs, _) in rows.items() if i not in test_ids for x in xs]
                train_y = [y for i, (_, ys) in rows.items() if i not in test_ids for y in ys]
                model = build_model(**params).fit(as_rows(train_x), train_y)
                for i in sorted(test_ids):
                    xs, ys = rows[i]
                    y_true += ys
                    y_pred += list(model.predict(as_rows(xs)))
            key = name if where == "cv" else f"{name}, trained on the team's documents, scored on the seeds"
            out[key] = topic_scores(y_true, y_pred)
            print(f"  {key}: macro-F1 {out[key]['macro_f1']}  accuracy {out[key]['accuracy']}")
    for arch in ("spacy.TextCatBOW.v3", "spacy.TextCatEnsemble.v2"):
        name = f"spaCy textcat {arch.split('.')[1]} (sentence)"
        y_true, y_pred = [], []
        for test_ids in held_out["cv"]:
            train = [(x[0], y) for i, (xs, ys) in rows.items() if i not in test_ids for x, y in zip(xs, ys)]
            model = train_textcat(nlp, train, arch)
            for i in sorted(test_ids):
                xs, ys = rows[i]
                y_true += ys
                y_pred += [max(cats, key=cats.get) for cats in (d.cats for d in model.pipe(nlp.make_doc(x[0]) for x in xs))]
        out[name] = topic_scores(y_true, y_pred)
        print(f"  {name}: macro-F1 {out[name]['macro_f1']}  accuracy {out[name]['accuracy']}")
    return out


def train_textcat(nlp, rows: list[tuple[str, str]], arch: str, epochs: int = 10):
    """A spaCy exclusive ``textcat`` over the pipeline's words, trained on (sentence, topic) rows
    with fixed seed and settings (10 epochs, not tuned): the alternative to the scikit-learn design."""
    import random

    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    spacy.util.fix_random_seed(0)
    tc = spacy.blank("zh", vocab=nlp.vocab)
    model = {"@architectures": arch, "exclusive_classes": True, "nO": None}
    if arch.startswith("spacy.TextCatBOW"):
        model.update(ngram_size=2, no_output_layer=False, length=262144)
    else:
        model.update(
            tok2vec={"@architectures": "spacy.Tok2Vec.v2",
                     "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64, "rows": [2000, 2000, 500, 1000, 500],
                               "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"], "include_static_vectors": False},
                     "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                                "maxout_pieces": 3, "depth": 2}},
            linear_model={"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1,
                          "no_output_layer": False, "length": 262144})
        model.pop("exclusive_classes")
    textcat = tc.add_pipe("textcat", config={"model": model})
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": {t: float(t == topic) for t in gold.TOPICS}})
                for text, topic in rows]
    optimizer = tc.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, 16):
            tc.update(batch, sgd=optimizer, drop=0.2)
    return tc


def eval_ner(records: list[dict], epochs: int, model_dir: Path = cppcc_nlp.MODEL_DIR,
             overrides: dict | None = None, splits: list[tuple[list, list]] | None = None) -> dict:
    """NER cross-validation: spaCy training on four folds, scored on the fifth (or on the given
    ``(train, test)`` splits), with and without the entity rules (configs/train.cfg [rules]) after
    the model. Uses the bundled segmenter (trained on the corpus's train split, so its boundaries
    have seen some test documents: alignment there is a little optimistic, the NER scores are not)."""
    import spacy

    from cppcc_nlp.evaluation import evaluate
    from cppcc_nlp.retrain import train_ner

    cfg = load_config(TRAIN_CFG)
    nlp = cppcc_nlp.load(model_dir)
    seg_dir = Path(tempfile.mkdtemp()) / "pkuseg"
    nlp.tokenizer.save_segmenter(seg_dir)
    flags = [k for k, v in cfg["rules"].items() if isinstance(v, bool)]
    rules = {"statistical": None, "statistical+rules as configured": cfg["rules"]}
    rules.update({f"as configured, {flag} {'off' if cfg['rules'][flag] else 'on'}":
                  dict(cfg["rules"], **{flag: not cfg["rules"][flag]}) for flag in flags})
    counts = {variant: Counter() for variant in rules}
    parts = folds(records)
    if splits is None:
        splits = [([r for j, f in enumerate(parts) if j != k for r in f], test) for k, test in enumerate(parts)]
    for k, (train, test) in enumerate(splits):
        with tempfile.TemporaryDirectory() as tmp:
            model_path, _ = train_ner(nlp, train, test, ROOT / cfg["ner"]["config"], Path(tmp),
                                      segmenter_dir=seg_dir, overrides={"training.max_epochs": epochs, **(overrides or {})})
            trained = spacy.load(model_path)
            for variant, c in counts.items():
                pipe = spacy.load(model_dir, exclude=["tok2vec", "ner", "cppcc_topics", "cppcc_entity_rules"])
                pipe.add_pipe("tok2vec", source=trained, before="cppcc_restore_text")
                pipe.add_pipe("ner", source=trained, before="cppcc_restore_text")
                if rules[variant]:
                    pipe.add_pipe("cppcc_entity_rules", after="ner", config=rules[variant])
                for lab, s in evaluate(pipe, test)["entities"].items():
                    if lab != "micro":
                        c[(lab, "tp")] += s["correct"]
                        c[(lab, "gold")] += s["gold"]
                        c[(lab, "pred")] += s["predicted"]
        print(f"  fold {k + 1}: done")
    out = {}
    for variant, c in counts.items():
        labels = sorted({lab for lab, _ in c})
        out[variant] = {lab: prf(c[(lab, "tp")], c[(lab, "pred")], c[(lab, "gold")]) for lab in labels}
        out[variant]["micro"] = prf(sum(c[(lab, "tp")] for lab in labels), sum(c[(lab, "pred")] for lab in labels),
                                    sum(c[(lab, "gold")] for lab in labels))
    return out


def eval_seeds(records: list[dict], epochs: int, model_dir: Path = cppcc_nlp.MODEL_DIR,
               overrides: dict | None = None) -> dict:
    """NER trained on the team's own documents alone and scored on the five seeds: real reports,
    the nearest thing in the corpus to reports from elsewhere, whose errors may be read."""
    seeds = [r for r in records if r.get("source", "authored") != "authored"]
    authored = [r for r in records if r not in seeds]
    if not seeds:
        raise SystemExit("no seed reports in the corpus (records with a source other than 'authored')")
    return eval_ner(records, epochs, model_dir, overrides, splits=[(authored, seeds)])


def eval_alignment(records: list[dict]) -> dict:
    """Share of gold entities whose edges fall on token boundaries of the bundled tokenizer."""
    nlp = cppcc_nlp.load()
    out = {}
    sets = {"corpus_train": [r for r in records if r.get("split") == "train"],
            "corpus_heldout": [r for r in records if r.get("split") == "heldout"]}
    if DEV.exists():
        sets["dev"] = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    for name, recs in sets.items():
        ok = n = 0
        for r in recs:
            doc = nlp.make_doc(r["text"])
            for e in r["entities"]:
                n += 1
                ok += doc.char_span(e["start"], e["end"]) is not None
        out[name] = {"entities": n, "aligned": ok, "share": round(ok / n, 4)}
    return out


def eval_dev() -> dict:
    """The project scorer on dev, run on the installed cppcc_nlp.load()."""
    with tempfile.NamedTemporaryFile(suffix=".json") as fh:
        subprocess.run([sys.executable, str(SCORER), str(DEV), "--json", fh.name], check=True,
                       stdout=subprocess.DEVNULL)
        return json.load(open(fh.name, encoding="utf-8"))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["topics", "ner", "seeds", "alignment", "dev", "all"])
    ap.add_argument("--epochs", type=int, default=14, help="NER epochs per fold")
    ap.add_argument("--model", type=Path, default=cppcc_nlp.MODEL_DIR,
                    help="pipeline whose segmenter and rules the folds use (default: the bundled one)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="NER config override for an experiment (e.g. components.tok2vec.model.encode.width=64); "
                         "results are printed, not written to metrics.json")
    args = ap.parse_args(argv)
    if args.set and args.what not in ("ner", "seeds"):
        ap.error("--set overrides the NER config: use it with `ner` or `seeds`")
    from cppcc_nlp.cli import parse_overrides

    try:
        overrides = parse_overrides(args.set)
    except ValueError as e:
        ap.error(str(e))
    records = gold.load(ROOT / load_config(TRAIN_CFG)["corpus"]["path"])
    metrics = {}
    started = time.time()
    if args.what in ("topics", "all"):
        metrics["topics_cv"] = eval_topics(records)
    if args.what in ("alignment", "all"):
        metrics["alignment"] = eval_alignment(records)
    if args.what in ("dev", "all"):
        metrics["dev"] = eval_dev()
    if args.what in ("ner", "all"):
        metrics["ner_cv"] = eval_ner(records, args.epochs, args.model, overrides)
    if args.what in ("seeds", "all"):
        metrics["ner_seeds"] = eval_seeds(records, args.epochs, args.model, overrides)
    print(json.dumps(metrics, ensure_ascii=False, indent=1))
    if overrides:
        print(f"experiment with {overrides}: {METRICS} left as it was ({time.time() - started:.0f}s)")
        return
    # read the file again now: another evaluation may have written its part meanwhile
    stored = json.loads(METRICS.read_text()) if METRICS.exists() else {}
    METRICS.write_text(json.dumps({**stored, **metrics}, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {METRICS} ({time.time() - started:.0f}s)")


if __name__ == "__main__":
    main()
