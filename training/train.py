"""Train the bundled pipeline from corpus/ with the committed configs.

    python training/train.py                      # writes cppcc_nlp/model
    python training/train.py -o /tmp/model        # somewhere else

Steps: the domain pkuseg segmenter (training/segmenter.py), NER with spaCy (configs/ner.cfg),
the sentence topic model (scikit-learn), then the assembled pipeline (configs/base.cfg plus the
trained components). The model's meta records the SHA-256 of the corpus and configs it was built
from, so tests can tell when the bundled model is stale. Only the corpus's "train" split is used.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import spacy  # noqa: E402
from spacy.util import load_config, load_model_from_config  # noqa: E402

import cppcc_nlp  # noqa: E402
from cppcc_nlp import corpus as gold  # noqa: E402
from cppcc_nlp.retrain import train_ner  # noqa: E402
from cppcc_nlp.topics import train_model  # noqa: E402
from segmenter import train_segmenter  # noqa: E402

CONFIGS = ROOT / "training" / "configs"
TRAIN_CFG = CONFIGS / "train.cfg"


def inputs_hash() -> str:
    """SHA-256 of everything the model is built from: the corpus and the configs."""
    cfg = load_config(TRAIN_CFG)
    return gold.file_hash([ROOT / cfg["corpus"]["path"]] + sorted(CONFIGS.glob("*.cfg")))


def base_pipeline(segmenter_dir: Path | None):
    """The rule-based skeleton (configs/base.cfg) with the pkuseg segmenter loaded."""
    config = load_config(CONFIGS / "base.cfg")
    if segmenter_dir is not None:
        config["nlp"]["tokenizer"]["segmenter"] = "pkuseg"
    nlp = load_model_from_config(config, auto_fill=True)
    if segmenter_dir is not None:
        nlp.tokenizer.initialize(pkuseg_model=str(segmenter_dir))
    return nlp


def train_ner_on(nlp, records, work: Path, segmenter_dir: Path, cfg) -> Path:
    """spaCy training of tok2vec + ner, with a fixed share of the training documents as spaCy's
    own dev set; returns the trained pipeline's directory."""
    docs = sorted(records, key=lambda r: r["id"])
    random.Random(0).shuffle(docs)
    n_dev = max(1, round(len(docs) * cfg["ner"]["dev_share"]))
    model_dir, _ = train_ner(nlp, docs[n_dev:], docs[:n_dev], ROOT / cfg["ner"]["config"], work,
                             segmenter_dir=segmenter_dir)
    return model_dir


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=cppcc_nlp.MODEL_DIR)
    ap.add_argument("--work", type=Path, default=ROOT / "training" / "output")
    args = ap.parse_args(argv)
    cfg = load_config(TRAIN_CFG)
    started = time.time()
    records = [r for r in gold.load(ROOT / cfg["corpus"]["path"]) if r.get("split", "train") == "train"]
    print(f"training on {len(records)} documents")
    args.work.mkdir(parents=True, exist_ok=True)

    seg_dir = train_segmenter(records, args.work / "pkuseg", cfg["segmenter"]["iterations"],
                              cfg["segmenter"]["seed"])
    nlp = base_pipeline(seg_dir)
    print(f"segmenter trained ({time.time() - started:.0f}s)")

    ner_dir = train_ner_on(nlp, records, args.work, seg_dir, cfg)
    trained = spacy.load(ner_dir)
    nlp.add_pipe("tok2vec", source=trained, before="cppcc_restore_text")
    nlp.add_pipe("ner", source=trained, before="cppcc_restore_text")
    nlp.add_pipe("cppcc_entity_rules", after="ner", config=cfg["rules"])  # measured: evaluate.py ner
    print(f"ner trained ({time.time() - started:.0f}s)")

    topics = nlp.add_pipe("cppcc_topics", before="cppcc_restore_text")
    topics.classifier = train_model(nlp, records, **cfg["topics"])
    print(f"topics trained ({time.time() - started:.0f}s)")

    nlp.meta.update({"name": "cppcc_zh", "version": cppcc_nlp.__version__,
                     "description": "cppcc-nlp: CPPCC work reports, trained on the project's corpus",
                     "cppcc": {"inputs_sha256": inputs_hash(), "train_documents": len(records),
                               "train_seconds": round(time.time() - started)}})
    if args.output.exists():
        shutil.rmtree(args.output)
    nlp.to_disk(args.output)
    print(f"wrote {args.output} in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
