"""Sentence boundaries for Chinese report prose.

A sentence ends after 。！？；… (and their half-width forms), with any closing quotes or brackets
that follow the stop; every line is at least one sentence, so headings, list items, bylines and
captions stand on their own. spaCy's sentencizer splits on single punctuation tokens only and
knows nothing of lines, hence this component.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# A stop (a '?' glued to Latin letters or to another '?' is mojibake, not a question), then closers.
_STOP = re.compile(r"(?:[。！？!；;]+|…+|\?(?![?A-Za-z\u00c0-\u024f])(?<!\?\?))[”’」』）)\"'】》]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, white space at either edge excluded."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        cuts = [m.end() + line.start() for m in _STOP.finditer(line.group())] + [line.end()]
        for end in cuts:
            piece = text[start:end]
            if piece.strip():
                s = start + len(piece) - len(piece.lstrip())
                spans.append((s, s + len(piece.strip())))
            start = end
    return spans


@Language.factory("cppcc_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


class SentenceSplitter:
    """Sets ``token.is_sent_start`` from :func:`sentence_spans`; white space joins the sentence
    before it."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = [s for s, _ in sentence_spans(doc.text)]
        idx, space = doc.to_array([IDX, IS_SPACE]).T
        # a start inside a token (unusual segmentation) moves to that token
        first = numpy.searchsorted(idx, numpy.array(starts, dtype=idx.dtype), side="right") - 1
        is_start = numpy.zeros(len(doc), dtype=bool)
        is_start[first[first >= 0]] = True
        is_start &= space == 0
        is_start[0] = True
        doc.from_array([SENT_START], numpy.where(is_start, 1, -1).astype("uint64").reshape(-1, 1))
        return doc
