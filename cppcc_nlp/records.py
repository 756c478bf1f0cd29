"""Plain records a researcher can count: one dict per entity, sentence and section.

Offsets are on ``doc.text``, the user's own text. ``to_dataframe`` needs the optional pandas extra.
"""
from __future__ import annotations

from typing import Any, Iterable

from spacy.tokens import Doc

from .sections import SECTIONS_KEY

ENTITY_FIELDS = {"QUANTITY": ("value", "unit", "approx", "counted"), "PROGRAMME": ("canonical",)}


def doc_records(doc: Doc, doc_id: str) -> list[dict[str, Any]]:
    """Records of one document, in reading order: entities, then sentences, then sections."""
    out: list[dict[str, Any]] = []
    for ent in doc.ents:
        rec = {"doc_id": doc_id, "kind": "entity", "label": ent.label_, "start": ent.start_char,
               "end": ent.end_char, "text": ent.text}
        for field in ENTITY_FIELDS.get(ent.label_, ()):
            if ent.has_extension(field):
                rec[field] = getattr(ent._, field)
        out.append(rec)
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        out.append({"doc_id": doc_id, "kind": "sentence", "start": sent.start_char,
                    "end": sent.end_char, "text": sent.text.strip(), "topic": sent._.topic,
                    "topic_scores": sent._.topic_scores})
    for sec in doc.spans.get(SECTIONS_KEY, []):
        out.append({"doc_id": doc_id, "kind": "section", "start": sec.start_char,
                    "end": sec.end_char, "heading": sec._.heading.text.strip(),
                    "topic": None if sec.label_ == "SECTION" else sec.label_})
    return out


def to_records(docs: Iterable[Doc], ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Records of many documents; ``ids`` default to their position (``"0"``, ``"1"``, ...)."""
    ids = iter(ids) if ids is not None else (str(i) for i in range(10**12))
    return [rec for doc, doc_id in zip(docs, ids) for rec in doc_records(doc, doc_id)]


def to_dataframe(docs: Iterable[Doc], ids: Iterable[str] | None = None):
    """:func:`to_records` as a pandas DataFrame (``pip install cppcc-nlp[pandas]``)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install 'cppcc-nlp[pandas]'") from None
    return pd.DataFrame.from_records(to_records(docs, ids))
