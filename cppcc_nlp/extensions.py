"""Every custom attribute cppcc-nlp puts on Doc, Span and Token, registered in one place."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .restore import NORMALIZED_KEY, PROBLEMS_KEY
from .sections import heading_of


def register() -> None:
    """Register the extensions (idempotent)."""
    doc_ext = {
        # The normalised text the models read (Simplified, glosses out, broken lines joined).
        "normalized": lambda doc: doc.user_data.get(NORMALIZED_KEY, doc.text),
        # Raw (start, end, snippet) spans that look like mojibake; kept in the text, never guessed.
        "problems": lambda doc: [tuple(p) for p in doc.user_data.get(PROBLEMS_KEY, [])],
    }
    for name, getter in doc_ext.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    if not Span.has_extension("heading"):
        Span.set_extension("heading", getter=heading_of)
    for name in ("topic", "topic_scores"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_stored(name), setter=_store(name))


def _key(span: Span, name: str) -> tuple:
    """Where a sentence's value lives in ``doc.user_data``: keyed on the sentence without its
    trailing white space, in spaCy's own extension key format, so that a sentence span with or
    without trailing line breaks finds the value, and restoring the raw text moves it along."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_space:
        end -= 1
    return ("._.", name, span.start_char, span.doc[end - 1].idx + len(span.doc[end - 1]))


def _stored(name: str):
    return lambda span: span.doc.user_data.get(_key(span, name))


def _store(name: str):
    def setter(span: Span, value) -> None:
        span.doc.user_data[_key(span, name)] = value

    return setter


register()
