"""Training-time augmentation for what real reports do and a small corpus cannot cover.

Every report names the bodies of its own locality (``随州市政协``, ``中共忻州市委``, ``随县政协``), so
a model judged on other localities meets place names it never saw, which a general segmenter
often cuts into single characters (``零|陵|区|政协``). Trained on a few dozen localities, the model
learns those names by heart and tags only ``区政协``. The place variant gives a document a place
name made up from the characters of the training set's place names, everywhere it occurs, so the
model learns the span from its shape rather than from the name.

Reports also write two bodies side by side with no mark between them (``市委市政府``): two ORG
spans, which the corpus mostly writes as ``市委、市政府``. The join variant drops that ``、``.

Reports write numbers more ways than a few authors do: a large count with thousands separators
(``1,300余次``), an ordinal in Arabic digits (``第3次``, which labels.md does not count as a
QUANTITY). The numeral variant rewrites a document's numbers those ways. (Small counts rewritten in
Chinese numerals, ``三十六次``, made the model tag Chinese numerals that count nothing: QUANTITY
precision on the seeds fell from 0.983 to 0.936.)

Registered for ``[corpora.train.augmenter]`` in ``training/configs/ner.cfg``. A variant is added
to its document, not put in its place: with ``max_epochs`` set, spaCy reads the training corpus
once and reshuffles it each epoch, so a replaced original would never be seen. spaCy seeds
``random`` from ``training.seed``, so training stays reproducible.
"""
from __future__ import annotations

import random
import re
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab

from .quantities import APPROX_BEFORE, chinese_number

# A place name at the start of an ORG span: after 中共/政协 or a party, before a level word.
# One character only before 县 (随县); never a word such as 全/各/本 that is not a name.
_PLACE = re.compile(
    r"^(?:中共|政协|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|共青团|国网)?(?:第[一二三四五六七八九十]+届)?"
    r"(?P<place>(?![全各本我该这每省市县区州])(?:[\u4e00-\u9fff](?=县)|[\u4e00-\u9fff]{2,4}?))"
    r"(?P<level>省|自治区|市|自治州|州|自治县|县|区|旗)(?!场|民|长|直|级|属|别|网)")
_COUNT = re.compile("(?:%s)?" % "|".join(APPROX_BEFORE) + r"(\d+)(?![\d.,])(?!\s*[万亿])")
_ORDINAL = re.compile(r"(?<=第)[一二三四五六七八九十]{1,3}(?=[次届批场期轮个项号])")
_JOIN = re.compile(r"[省市县区州]委$"), re.compile(r"^[省市县区州](?:人民)?政府$")


def places(text: str, ents: list[tuple[int, int, str]]) -> set[str]:
    """The place names that start ORG spans of a document (``随州`` of ``随州市政协``)."""
    found = set()
    for start, end, label in ents:
        m = _PLACE.match(text[start:end]) if label == "ORG" else None
        if m and not re.search(r"^团$|[的和与及、第届]|自治|族$|[新特景]$", m["place"]):
            found.add(m["place"])
    return found


def rewrite(text: str, ents: list[tuple[int, int, str]], edits: list[tuple[int, int, str]]):
    """Apply non-overlapping ``(start, end, new)`` edits; entity offsets follow. None when an
    entity edge falls inside an edited stretch (the edit would cut the entity)."""
    out, shift, pos = [], [], 0
    for start, end, new in sorted(edits):
        if any(start < s < end or start < e < end for s, e, _ in ents):
            return None
        out += [text[pos:start], new]
        shift.append((end, len(new) - (end - start)))
        pos = end
    out.append(text[pos:])

    def move(i: int) -> int:
        return i + sum(d for end, d in shift if end <= i)

    return "".join(out), [(move(s), move(e), label) for s, e, label in ents]


def place_edits(text: str, ents, pool: list[str], rng: random.Random) -> list[tuple[int, int, str]]:
    """Edits giving each place name of the document a made-up name, at every occurrence."""
    edits, taken = [], set()
    for place in sorted(places(text, ents), key=lambda p: (-len(p), p)):  # not set order: it varies by run
        size = 1 if len(place) == 1 else rng.choice((2, 2, 2, 3))
        for _ in range(10):  # a name that is, or holds, the real one teaches nothing
            new = "".join(rng.choice(pool) for _ in range(size))
            if place not in new:
                break
        else:
            continue
        for m in re.finditer(re.escape(place) + ("(?=县)" if len(place) == 1 else ""), text):
            if not taken.intersection(range(*m.span())):
                edits.append((m.start(), m.end(), new))
                taken.update(range(*m.span()))
    return edits


def join_edits(text: str, ents) -> list[tuple[int, int, str]]:
    """Edits dropping the ``、`` between a party committee and its government (``市委、市政府``)."""
    orgs = sorted((s, e) for s, e, label in ents if label == "ORG")
    return [(e1, s2, "") for (s1, e1), (s2, e2) in zip(orgs, orgs[1:])
            if text[e1:s2] == "、" and _JOIN[0].search(text[s1:e1]) and _JOIN[1].search(text[s2:e2])]


def numeral_edits(text: str, ents, rng: random.Random, share: float = 0.5) -> list[tuple[int, int, str]]:
    """Edits rewriting, each with probability ``share``, a QUANTITY's count of 1000 or more (not
    before 万/亿) with thousands separators, and an ordinal outside every entity in Arabic digits
    (``第八次`` -> ``第8次``)."""
    edits = []
    for start, end, label in ents:
        m = _COUNT.match(text, start, end) if label == "QUANTITY" else None
        if m and rng.random() < share:  # the group is the count alone: 约|30|次
            if (n := int(m[1])) >= 1000 and not m[1].startswith("0"):
                edits.append((*m.span(1), f"{n:,}"))
    for m in _ORDINAL.finditer(text):
        inside = any(s < m.end() and m.start() < e for s, e, _ in ents)
        if not inside and rng.random() < share and (n := chinese_number(m[0])):
            edits.append((*m.span(), str(n)))
    return edits


@registry.augmenters("cppcc_nlp.place_variants.v1")
def create_place_augmenter(names_from: str | Path, level: float = 0.5, join_level: float = 0.5,
                           numeral_level: float = 0.0
                           ) -> Callable[[Language, Example], Iterator[Example]]:
    """Each training document gets, with probability ``level``, a variant with made-up place
    names, with probability ``join_level`` its ``市委、市政府`` pairs written ``市委市政府``, and
    with probability ``numeral_level`` its numbers written another way (:func:`numeral_edits`);
    one variant with all that are drawn. The made-up names are drawn from the characters of the
    place names in ``names_from``, the training set (a ``.spacy`` file)."""
    return partial(place_augmenter, level=level, join_level=join_level, numeral_level=numeral_level,
                   pool=place_chars(names_from))


def place_chars(path: str | Path) -> list[str]:
    """The characters of the place names that start the ORG spans of a ``.spacy`` file."""
    chars = set()
    for doc in DocBin().from_disk(path).get_docs(Vocab()):
        chars.update("".join(places(doc.text, [(e.start_char, e.end_char, e.label_) for e in doc.ents])))
    return sorted(chars) if len(chars) > 1 else []  # too few to make up names from: join variants only


def place_augmenter(nlp: Language, example: Example, *, level: float, join_level: float,
                    pool: list[str], numeral_level: float = 0.0) -> Iterator[Example]:
    """The document itself, then, when drawn, its variant."""
    yield example
    ref = example.reference
    text = ref.text
    ents = [(e.start_char, e.end_char, e.label_) for e in ref.ents]
    edits = []
    if random.random() < level and pool:
        edits += place_edits(text, ents, pool, random.Random(random.random()))
    if random.random() < join_level:
        edits += join_edits(text, ents)
    if numeral_level and random.random() < numeral_level:  # no draw when off: earlier builds' stream
        edits += numeral_edits(text, ents, random.Random(random.random()))
    changed = rewrite(text, ents, edits) if edits else None
    if changed is None:
        return
    new_text, new_ents = changed
    doc = nlp.make_doc(new_text)
    if doc.text != new_text or any(doc.char_span(s, e) is None for s, e, _ in new_ents):
        return  # the new name moved a word boundary into an entity
    yield Example.from_dict(doc, {"entities": new_ents})
