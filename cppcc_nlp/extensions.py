"""Every custom attribute cppcc-nlp puts on Doc, Span and Token, registered in one place."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from . import programmes, quantities
from .normalize import normalize
from .restore import NORMALIZED_KEY, PROBLEMS_KEY
from .sections import heading_of


def _normalized(span: Span) -> str:
    """A span's text as the models read it (Simplified, glosses dropped), whatever the input."""
    return normalize(span.text).text


def _if_label(label: str, getter):
    """A getter that answers for spans with ``label`` and gives None for any other span."""
    return lambda span: getter(span) if span.label_ == label else None


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
    span_ext = {
        "heading": heading_of,  # a section's heading (its first sentence)
        # QUANTITY: 3011万元 -> value 30110000, unit 元; 1300余次 -> approx 余; counted: the noun counted
        "value": _if_label("QUANTITY", lambda s: quantities.parse(_normalized(s)).value),
        "unit": _if_label("QUANTITY", lambda s: quantities.parse(_normalized(s)).unit),
        "approx": _if_label("QUANTITY", lambda s: quantities.parse(_normalized(s)).approx),
        "counted": _if_label("QUANTITY", quantities.counted),
        # PROGRAMME: one name for the spellings of one programme
        "canonical": _if_label("PROGRAMME", lambda s: programmes.canonical(_normalized(s))),
    }
    for name, getter in span_ext.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
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
