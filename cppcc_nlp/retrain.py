"""Retrain the pipeline on a research group's own annotated reports.

The bundled segmenter is kept (it was trained for this domain; spans that fall inside its words
are reported); the entity recogniser and the topic model are trained again on the bundled corpus
plus the user's documents (or the user's alone), with the committed NER config. A held-out share of
the user's documents and the bundled corpus's held-out documents score the model before and after.
Labels the user's data adds (say PERSON or DATE) are learnt like the others.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Callable

from spacy.language import Language

from . import corpus as gold
from .evaluation import evaluate
from .interchange import ImportReport, read_doccano, read_labelstudio

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus" / "corpus.jsonl"
DEFAULT_CONFIG = ROOT / "training" / "configs" / "ner.cfg"
USER_HELDOUT_PERCENT = 20


def read_any(path: str | Path) -> tuple[list[dict], ImportReport]:
    """Records from a corpus JSONL file, a Label Studio JSON export or a doccano JSONL export,
    told apart by their content. Invalid files raise with line-numbered errors."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        return read_labelstudio(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        is_corpus = "sentences" in json.loads(first)
    except json.JSONDecodeError as err:
        raise ValueError(f"{path}:1: not valid JSON ({err.msg})") from None
    if not is_corpus:
        return read_doccano(path)
    errors = gold.validate(path, labels=None, require_topics=False)
    if errors:
        raise gold.CorpusError(errors)
    records = [r for _, r in gold.read_jsonl(path)]
    return records, ImportReport(documents=len(records), entities=sum(len(r["entities"]) for r in records),
                                 sentences=sum(len(r["sentences"]) for r in records))


def split_user(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """A fixed held-out share of the user's documents (at least one when there are two or more)."""
    heldout = [r for r in records if gold.hash_percent(r["id"]) < USER_HELDOUT_PERCENT]
    if not heldout and len(records) > 1:
        heldout = [records[-1]]
    return [r for r in records if r not in heldout], heldout


def train_ner(nlp: Language, train_recs: list[dict], dev_recs: list[dict], config: Path, work: Path, *,
              segmenter_dir: Path | None = None, overrides: dict | None = None,
              log: Callable[[str], None] = print) -> tuple[Path, list[str]]:
    """spaCy training of tok2vec + ner (``config``) on records tokenised by ``nlp``'s tokenizer.
    Returns the trained pipeline's directory and the spans left out because they do not fall on
    token boundaries (each also logged)."""
    from spacy.cli.train import train as spacy_train

    problems: list[str] = []
    gold.to_docbin(nlp, train_recs, problems).to_disk(work / "train.spacy")
    gold.to_docbin(nlp, dev_recs, problems).to_disk(work / "dev.spacy")
    for p in problems:
        log(f"  span not on token boundaries, left out: {p}")
    if segmenter_dir is None:
        segmenter_dir = work / "pkuseg"
        nlp.tokenizer.save_segmenter(segmenter_dir)
    spacy_train(config, work / "ner", use_gpu=-1, overrides={
        "paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
        "paths.segmenter": str(segmenter_dir), **(overrides or {})})
    return work / "ner" / "model-last", problems


def retrain(base_path: Path, output: Path, user_records: list[dict], *, only: bool = False,
            corpus_path: Path = DEFAULT_CORPUS, config: Path = DEFAULT_CONFIG,
            overrides: dict | None = None, log: Callable[[str], None] = print) -> dict:
    """Train on the bundled corpus plus ``user_records`` (or those alone), starting from the
    pipeline at ``base_path``, and write the result to ``output``; returns the before/after
    scores and the spans left out."""
    import spacy

    from .topics import train_model

    base = spacy.load(base_path)

    for p, what in ((config, "NER config"), (corpus_path, "bundled corpus")):
        if not p.exists() and (what != "bundled corpus" or not only):
            raise FileNotFoundError(f"{p}: the {what} is missing: run from a source checkout of cppcc-nlp "
                                    f"or pass it explicitly")
    user_train, user_heldout = split_user(user_records)
    bundled = [] if only else gold.load(corpus_path)
    train_recs = user_train + [r for r in bundled if r.get("split", "train") == "train"]
    bundled_heldout = [r for r in bundled if r.get("split") == "heldout"]
    log(f"training on {len(train_recs)} documents ({len(user_train)} yours), "
        f"held out: {len(user_heldout)} of yours, {len(bundled_heldout)} bundled")
    with tempfile.TemporaryDirectory() as tmp:
        model_dir, problems = train_ner(base, train_recs, user_heldout or train_recs[:1], config, Path(tmp),
                                        overrides=overrides, log=log)
        trained = spacy.load(model_dir)
        nlp = spacy.load(base_path)
        for name in ("tok2vec", "ner"):
            if name in nlp.pipe_names:
                nlp.remove_pipe(name)
            nlp.add_pipe(name, source=trained, before="cppcc_topics" if "cppcc_topics" in nlp.pipe_names
                         else "cppcc_restore_text")
    model = train_model(nlp, train_recs)
    if model is not None:
        nlp.get_pipe("cppcc_topics").classifier = model
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    log(f"wrote {output}; problems: {len(problems)} span(s) not on token boundaries")
    results = {}
    for name, recs in (("your held-out", user_heldout), ("bundled held-out", bundled_heldout)):
        if recs:
            results[f"{name} before"] = evaluate(base, recs)
            results[f"{name} after"] = evaluate(nlp, recs)
    return {"results": results, "problems": problems}
