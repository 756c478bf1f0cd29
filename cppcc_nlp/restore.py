"""Give the user back their own text: the last component of the pipeline.

The models work on the normalised text (see :mod:`cppcc_nlp.tokenizer`). This component builds a
Doc on the user's raw text with the same tokens, sentences, entities, span groups, categories and
extension values, every offset moved to the raw text. A token's ``norm_`` keeps its normalised
form; line breaks that normalising joined away come back as white-space tokens inside sentences.
"""
from __future__ import annotations

import numpy
from spacy.attrs import NORM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .tokenizer import RAW_KEY

NORMALIZED_KEY = "cppcc_normalized"
PROBLEMS_KEY = "cppcc_problems"


@Language.factory("cppcc_restore_text")
def make_restore(nlp: Language, name: str) -> "RestoreText":
    return RestoreText()


class RestoreText:
    def __call__(self, doc: Doc) -> Doc:
        info = doc.user_data.get(RAW_KEY)
        if info is None:
            return doc
        return to_raw(doc, info["raw"], info["offsets"], [tuple(p) for p in info["problems"]])


def to_raw(doc: Doc, raw: str, offsets: list[int], problems: list[tuple]) -> Doc:
    """A Doc on ``raw`` carrying everything ``doc`` (on the normalised text) carries."""
    words, spaces, norms, index = [], [], [], []  # index[i]: raw token of normalised token i
    for token in doc:
        s, e = token.idx, token.idx + len(token)
        piece = raw[offsets[s]:offsets[e]]
        body = piece.rstrip() if not token.is_space else piece
        index.append(len(words))
        words.append(body)
        norms.append(token.norm_)
        spaces.append(False)
        if len(body) < len(piece):  # a joined line break after the token: its own token
            words.append(piece[len(body):])
            norms.append(piece[len(body):])
            spaces.append(False)
        if token.whitespace_:
            ws = raw[offsets[e]:offsets[e + 1]]
            if ws == " ":
                spaces[-1] = True
            else:
                words.append(ws)
                norms.append(ws)
                spaces.append(False)
    new = Doc(doc.vocab, words=words, spaces=spaces)
    assert new.text == raw, "restoring the raw text failed"
    attrs, columns = [NORM], [numpy.array([doc.vocab.strings.add(n) for n in norms], dtype="uint64")]
    if doc.has_annotation("SENT_START"):
        starts = numpy.full(len(new), -1, dtype="int64")  # added white space never starts one
        starts[index] = doc.to_array([SENT_START]).astype("int64")
        starts[0] = 1
        attrs.append(SENT_START)
        columns.append(starts.astype("uint64"))
    new.from_array(attrs, numpy.stack(columns, axis=1))

    def span(sp: Span) -> Span:
        end = index[sp.end - 1] + 1 if sp.end > sp.start else index[sp.start] if sp.start < len(doc) else len(new)
        return Span(new, index[sp.start] if sp.start < len(doc) else len(new), end,
                    label=sp.label, kb_id=sp.kb_id, span_id=sp.id)

    new.set_ents([span(e) for e in doc.ents])
    for name, group in doc.spans.items():
        new.spans[name] = [span(sp) for sp in group]
    new.cats = dict(doc.cats)
    new._context = doc._context  # nlp.pipe(as_tuples=True) carries the caller's context here

    char_map = {}  # normalised char offset (token edges only) -> raw char offset
    for i, token in enumerate(doc):
        r = new[index[i]]
        char_map[token.idx] = r.idx
        char_map[token.idx + len(token)] = r.idx + len(r)
    char_map[len(doc.text)] = len(raw)
    for key, value in doc.user_data.items():
        if key == RAW_KEY:
            continue
        if isinstance(key, tuple) and len(key) == 4 and key[0] == "._.":
            start = None if key[2] is None else char_map.get(key[2], offsets[key[2]])
            end = None if key[3] is None else char_map.get(key[3], offsets[key[3]])
            key = (key[0], key[1], start, end)
        new.user_data[key] = value
    new.user_data[NORMALIZED_KEY] = doc.text
    new.user_data[PROBLEMS_KEY] = problems
    return new
