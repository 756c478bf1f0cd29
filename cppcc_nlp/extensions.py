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
            Span.set_extension(name, default=None)


register()
