"""Headings and sections of a report: a heading and what follows it up to the next heading of the
same or a higher level, in ``doc.spans["sections"]``.

Reports mark headings in many ways: ``一、``, ``（一）``, ``1.``, markdown ``###``, ``■``, ``●``,
``【…】``, bold lines, or a short line standing alone. A heading's level is a pair: the markdown
depth (7 outside markdown) and the rank of its marker, so that ``### ■…`` sits under ``### 2023年…``.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

SECTIONS_KEY = "sections"
_NUM = "一二三四五六七八九十"
_UNITS = "年月日号时天个万亿余多名件条次项场人位家户批期所座篇届岁倍元%‰米亩吨公"
_CJK = "\u3400-\u9fff"
# Marker patterns, highest level first; the rank is the position in this list.
_MARKERS = [
    re.compile(rf"[{_NUM}]+、"),
    re.compile(rf"[（(][{_NUM}]+[）)]"),
    re.compile(r"[■◆▲□◇]|【[^】\n]{1,40}】"),
    re.compile(rf"\d{{1,2}}(?:[.．、](?!\d)|\s+|(?=[{_CJK}])(?![{_UNITS}]))"),
    re.compile(r"[（(]\d{1,2}[）)]|[①-⑳]"),
    re.compile(r"[●•▪◎○]"),
]
_MARKDOWN = re.compile(r"(#{1,6})[ \t]*")
_BOLD = re.compile(r"\*\*(.+)\*\*\s*")
_LEAD_END = re.compile(r"[。！？!?；;](?:[”’」』）)]*)")
STANDALONE_MAX = 30  # a line shorter than this that stops mid-sentence reads as a heading
_LINE_STOPS = tuple("。！？!?；;：:…,，、")


class Heading(NamedTuple):
    start: int
    end: int
    level: tuple[int, int]


def heading_marker(line: str) -> int | None:
    """Rank of the heading or list marker that opens ``line`` (0 is highest), or None."""
    line = _MARKDOWN.sub("", line.strip(), count=1)
    for rank, pattern in enumerate(_MARKERS, start=1):
        if pattern.match(line):
            return rank
    return None


_NOT_HEADING = re.compile(r"[:：]|记者|通讯员|编辑|责编|来源|摄影?\s|发布时间")


def _standalone(line: str) -> bool:
    """A short line that does not stop like a sentence, and is not a byline or someone speaking."""
    line = line.strip()
    return 0 < len(line) < STANDALONE_MAX and not line.endswith(_LINE_STOPS) and not _NOT_HEADING.search(line)


def find_headings(text: str) -> list[Heading]:
    """Headings of ``text`` as character spans with their levels, in order."""
    headings = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        start = m.start() + lead
        body = line.strip()
        md = _MARKDOWN.match(body)
        depth = len(md.group(1)) if md else 7
        inner = body[md.end():] if md else body
        bold = _BOLD.fullmatch(inner)
        rank = heading_marker(inner)
        if rank is None and not (md or bold or _standalone(inner)):
            continue
        end = start + len(body)
        if rank is not None and not md:
            stop = _LEAD_END.search(body)
            if stop and body[stop.end():].strip():  # "●Lead sentence. Body…": the lead is the heading
                end = start + stop.end()
        headings.append(Heading(start, end, (depth, rank or 0)))
    return headings


def section_bounds(text: str) -> list[tuple[int, int, Heading]]:
    """``(start, end, heading)`` of every section: from a heading to the next heading of the same
    or a higher level, trailing white space excluded."""
    headings = find_headings(text)
    out = []
    for i, h in enumerate(headings):
        end = next((o.start for o in headings[i + 1:] if o.level <= h.level), len(text))
        while end > h.start and text[end - 1].isspace():
            end -= 1
        out.append((h.start, end, h))
    return out


@Language.factory("cppcc_sections", default_config={"label": "SECTION"})
def make_sections(nlp: Language, name: str, label: str) -> "SectionFinder":
    return SectionFinder(label)


class SectionFinder:
    """Puts the report's sections in ``doc.spans["sections"]``; the topic component relabels them."""

    def __init__(self, label: str):
        self.label = label

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, _ in section_bounds(doc.text):
            span = doc.char_span(start, end, label=self.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SECTIONS_KEY] = spans
        return doc


def heading_of(section: Span) -> Span:
    """The heading that opens a section: its first sentence, trailing white space left out."""
    first = next(iter(section.sents)) if section.doc.has_annotation("SENT_START") else section
    end = first.end
    while end > first.start + 1 and first.doc[end - 1].is_space:
        end -= 1
    return first.doc[first.start:end]
