"""Sentence boundaries for Chinese report prose.

A sentence ends after 。！？；… (and their half-width forms), with any closing quotes or brackets
that follow the stop; every line is at least one sentence, so headings, list items, bylines and
captions stand on their own. spaCy's sentencizer splits on single punctuation tokens only and
knows nothing of lines, hence this component.
"""
from __future__ import annotations

import re

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
        starts = {s for s, _ in sentence_spans(doc.text)}
        for i, token in enumerate(doc):
            token.is_sent_start = i == 0 or (token.idx in starts and not token.is_space)
        # A sentence start that falls inside a token (unusual segmentation) moves to that token.
        token_starts = {t.idx for t in doc}
        for s in starts - token_starts:
            span = doc.char_span(s, s + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
        return doc
