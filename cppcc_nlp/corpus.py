"""The annotated corpus: its JSONL format, a validator, and conversion to spaCy Docs.

One document a line::

    {"id": "h3-02", "text": "...", "source": "authored" | "<seed file name>",
     "meta": {"locality": ..., "level": ..., "year": ..., "genre": ...}, "split": "train" | "heldout",
     "entities": [{"start": 0, "end": 3, "label": "ORG"}, ...],
     "sentences": [{"start": 0, "end": 20, "topic": "POLITICAL"}, ...],
     "sections": [{"start": 0, "end": 900, "heading": "一、..."}, ...]}

Offsets are character offsets on ``text``, the normalised text (see labels.md). Entities may also
carry ``text`` (checked against the offsets) and sentences their ``text``; both are optional.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .sections import SECTIONS_KEY

ENTITY_LABELS = ("ORG", "PROGRAMME", "QUANTITY")
TOPICS = ("POLITICAL", "CONSULTATION", "SUPERVISION", "LIVELIHOOD", "OTHER")
SPLITS = ("train", "heldout")
REQUIRED = ("id", "text", "entities", "sentences")


class CorpusError(ValueError):
    """An invalid corpus file; ``errors`` lists every problem as ``file:line: id: message``."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__("\n".join(errors[:20]) + more)


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` for each non-blank line; a line that is not JSON raises."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as err:
                    raise CorpusError([f"{path}:{n}: not valid JSON ({err.msg})"]) from None


def record_errors(rec: dict[str, Any], labels: Iterable[str] | None = ENTITY_LABELS,
                  require_topics: bool = True) -> list[str]:
    """Everything wrong with one record, as messages without the file position. ``labels=None``
    accepts any upper-case label (a user's own, such as PERSON); ``require_topics=False`` accepts
    sentences whose topic is null (not annotated)."""
    missing = [k for k in REQUIRED if k not in rec]
    if missing:
        return [f"missing field(s) {', '.join(missing)}"]
    text = rec["text"]
    known = set(labels) if labels is not None else None
    errors = []
    if not isinstance(text, str) or not text.strip():
        return ["text is empty"]
    spans = []
    for e in rec["entities"]:
        s, t, lab = e.get("start"), e.get("end"), e.get("label")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            errors.append(f"entity {s}-{t} out of range (text has {len(text)} characters)")
            continue
        if (known is not None and lab not in known) or not (isinstance(lab, str) and lab.isupper()):
            errors.append(f"entity {s}-{t} has unknown label {lab!r}")
        if "text" in e and e["text"] != text[s:t]:
            errors.append(f"entity {s}-{t} text {e['text']!r} does not match {text[s:t]!r}")
        if text[s:t] != text[s:t].strip():
            errors.append(f"entity {s}-{t} {text[s:t]!r} has white space at its edge")
        spans.append((s, t))
    spans.sort()
    for (s1, t1), (s2, t2) in zip(spans, spans[1:]):
        if s2 < t1:
            errors.append(f"entities {s1}-{t1} and {s2}-{t2} overlap")
    covered = [False] * len(text)
    last = 0
    for sent in sorted(rec["sentences"], key=lambda x: x.get("start", -1)):
        s, t, topic = sent.get("start"), sent.get("end"), sent.get("topic")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            errors.append(f"sentence {s}-{t} out of range")
            continue
        if s < last:
            errors.append(f"sentence {s}-{t} overlaps the sentence before it")
        if topic not in TOPICS and not (topic is None and not require_topics):
            errors.append(f"sentence {s}-{t} has topic {topic!r}, not one of {', '.join(TOPICS)}")
        covered[s:t] = [True] * (t - s)
        last = t
    gaps = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]
    if gaps:
        errors.append(f"{len(gaps)} character(s) in no sentence, first at {gaps[0]}: {text[gaps[0]:gaps[0] + 10]!r}")
    if rec.get("split", "train") not in SPLITS:
        errors.append(f"split {rec.get('split')!r} is not one of {', '.join(SPLITS)}")
    return errors


def validate(path: str | Path, labels: Iterable[str] | None = ENTITY_LABELS,
             require_topics: bool = True) -> list[str]:
    """Every problem in a corpus file, as ``file:line: id: message``; empty if it is valid.
    Beyond each record: ids and texts must be unique."""
    errors, ids, texts = [], {}, {}
    try:
        for n, rec in read_jsonl(path):
            doc_id = rec.get("id", "?")
            errors += [f"{path}:{n}: {doc_id}: {m}" for m in record_errors(rec, labels, require_topics)]
            if doc_id in ids:
                errors.append(f"{path}:{n}: {doc_id}: duplicate id (first on line {ids[doc_id]})")
            ids.setdefault(doc_id, n)
            key = "".join(str(rec.get("text", "")).split())
            if key in texts:
                errors.append(f"{path}:{n}: {doc_id}: duplicate text of line {texts[key]}")
            texts.setdefault(key, n)
    except CorpusError as err:
        errors += err.errors
    return errors


def load(path: str | Path, labels: Iterable[str] = ENTITY_LABELS) -> list[dict[str, Any]]:
    """The records of a corpus file; raises :class:`CorpusError` listing all problems."""
    errors = validate(path, labels)
    if errors:
        raise CorpusError(errors)
    return [rec for _, rec in read_jsonl(path)]


def to_doc(nlp: Language, rec: dict[str, Any], problems: list[str] | None = None) -> Doc:
    """A Doc of a record: tokens from ``nlp``'s tokenizer, gold entities, sentence starts and
    topics (``sent._.topic``), sections. Entities whose edges fall inside a token are left out and
    described in ``problems``, never dropped silently."""
    doc = nlp.make_doc(rec["text"])
    ents = []
    for e in rec["entities"]:
        span = doc.char_span(e["start"], e["end"], label=e["label"])
        if span is None:
            if problems is not None:
                problems.append(f"{rec['id']}: entity {e['start']}-{e['end']} {rec['text'][e['start']:e['end']]!r} "
                                f"({e['label']}) does not fall on token boundaries")
            continue
        ents.append(span)
    doc.set_ents(ents, default="outside")
    starts = {s["start"] for s in rec["sentences"]}
    for token in doc:
        token.is_sent_start = token.i == 0 or (token.idx in starts and not token.is_space)
    for sent in rec["sentences"]:
        span = doc.char_span(sent["start"], sent["end"], alignment_mode="expand")
        if span is not None:
            span._.topic = sent["topic"]
    doc.spans[SECTIONS_KEY] = [
        sp for s in rec.get("sections", [])
        if (sp := doc.char_span(s["start"], s["end"], label="SECTION", alignment_mode="expand")) is not None
    ]
    return doc


def to_docbin(nlp: Language, records: Iterable[dict[str, Any]], problems: list[str] | None = None) -> DocBin:
    db = DocBin(store_user_data=True)
    for rec in records:
        db.add(to_doc(nlp, rec, problems))
    return db


def statistics(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts a corpus README reports: documents, characters, entities, topics, localities."""
    by_source = Counter("seed" if r.get("source", "authored") != "authored" else "authored" for r in records)
    chars = Counter()
    for r in records:
        chars["seed" if r.get("source", "authored") != "authored" else "authored"] += len(r["text"])
    meta = [r.get("meta", {}) for r in records if r.get("source") == "authored"]
    return {
        "documents": dict(by_source),
        "characters": dict(chars),
        "entities": dict(Counter(e["label"] for r in records for e in r["entities"])),
        "topics": dict(Counter(s["topic"] for r in records for s in r["sentences"])),
        "splits": dict(Counter(r.get("split", "train") for r in records)),
        "authored_localities": len({m.get("locality") for m in meta}),
        "authored_levels": dict(Counter(m.get("level") for m in meta)),
        "authored_years": dict(sorted(Counter(int(m.get("year", 0)) for m in meta).items())),
        "authored_genres": dict(Counter(m.get("genre") for m in meta)),
    }


def hash_percent(doc_id: str) -> int:
    """A fixed number from 0 to 99 for a document id: splits by it are reproducible."""
    return int(hashlib.sha1(str(doc_id).encode()).hexdigest(), 16) % 100


def file_hash(paths: Iterable[str | Path]) -> str:
    """SHA-256 over the named files' bytes, in the order given."""
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).name.encode())
        h.update(Path(p).read_bytes())
    return h.hexdigest()
