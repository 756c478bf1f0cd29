"""Normalise raw report text, keeping an exact map back to the user's own characters.

Real reports arrive in Traditional or Simplified characters, with pinyin glosses after characters
(``發(fā)揮``), with lines broken inside sentences by PDF extraction, and sometimes with mojibake
(``??h委``). :func:`normalize` drops the glosses, joins the broken lines, converts to Simplified
and keeps everything else; mojibake is kept and reported, never guessed. Labels in this project
are defined on the normalised text, and every normalised character remembers the offset of the
raw character it came from, so spans found on it can be reported on the original.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import opencc

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "a-zA-Z\u00c0-\u024f\u0300-\u036f"
# A bracketed run of Latin letters (tone marks included); whether it is a gloss is decided below.
_BRACKETED = re.compile(rf"[(（]([{_LATIN}]{{1,8}})[)）]")
_SYLLABLE = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]{1,3}(?:ng|n|r)?")
# Mojibake left behind by bad conversions: replacement characters, runs of '?', a '?' glued to
# Latin letters, and orphaned gloss tails such as 'lián)'.
_MOJIBAKE = re.compile(
    rf"\ufffd+|\?{{2,}}[{_LATIN}]*|\?[{_LATIN};]+\)?|(?<![(（{_LATIN}])[a-z\u00e0-\u01dc\u0300-\u036f]+[)）]"
)
# Ends of a line after which the line is complete: sentence stops, closing quotes and brackets.
_LINE_COMPLETE = "。！？!?；;：:…”’」』）)】》>——"
_CONTINUES = "，、,（(“‘《【-"
_BREAK = re.compile(r"[ \t\u3000\xa0]*(?:\r?\n[ \t\u3000\xa0]*)+")
_WIDE_LINE = 30  # a line this long that stops mid-sentence was broken by the page, not the writer
# A web page's field labels (发布时间：…, 来源：…); a line that starts with one and carries a date or a
# second label is page furniture, never the rest of a sentence.
_FIELD = re.compile(r"(?:发布时间|发布日期|日期|时间|来源|作者|编辑|责任编辑|责编|审核|校对|记者|通讯员|摄影|"
                    r"浏览次数|阅读量|点击数|浏览)\s*[:：]")
TRADITIONAL_SHARE = 0.02  # share of characters OpenCC changes above which a text is Traditional


@dataclass(frozen=True)
class Normalized:
    """The normalised text of ``raw``; ``offsets[i]`` is the raw offset of ``text[i]``.

    ``offsets`` has one more entry than ``text``: ``len(raw)``, so that an end offset maps too.
    ``problems`` lists ``(start, end, snippet)`` raw spans that look like mojibake.
    """

    raw: str
    text: str
    offsets: tuple[int, ...]
    problems: tuple[tuple[int, int, str], ...] = field(default=())

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised span ``text[start:end]``.

        The raw span runs to the raw offset of the next normalised character, so glosses and
        joined line breaks inside or right after the span's last character belong to it; a
        trailing line break that was joined away is left out.
        """
        if start >= end:
            r = self.offsets[start]
            return r, r
        raw_end = self.offsets[end - 1] + 1
        nxt = self.offsets[end]
        while raw_end < nxt and not self.raw[raw_end].isspace():
            raw_end += 1
        return self.offsets[start], raw_end


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_gloss(match: re.Match, text: str) -> bool:
    """Whether a bracketed Latin run is a pinyin gloss: lower-case pinyin syllable right after a
    CJK character, or tone-marked pinyin anywhere (only glosses carry tone marks)."""
    letters = match.group(1)
    if letters != letters.lower():
        return False
    bare = "".join(c for c in unicodedata.normalize("NFD", letters) if not unicodedata.combining(c))
    if not _SYLLABLE.fullmatch(bare.replace("ü", "v")):
        return False
    after_cjk = match.start() > 0 and re.match(f"[{CJK}]", text[match.start() - 1]) is not None
    return after_cjk or bare != letters


def _drop_glosses(text: str) -> list[int]:
    """Raw offsets of the characters kept once pinyin glosses are removed."""
    keep = list(range(len(text)))
    removed = set()
    for m in _BRACKETED.finditer(text):
        if is_gloss(m, text):
            removed.update(range(m.start(), m.end()))
    return [i for i in keep if i not in removed] if removed else keep


def line_is_complete(line: str) -> bool:
    """Whether a line ends where a writer would end one (a stop, a closing mark)."""
    line = line.rstrip()
    return not line or line.endswith(tuple(_LINE_COMPLETE))


def _page_fields(line: str) -> bool:
    """Whether ``line`` is a web page's field line (``发布时间：2023-09-14　来源：某某日报``)."""
    line = line.strip()
    return (_FIELD.match(line) is not None
            and (len(_FIELD.findall(line)) > 1 or re.search(r"\d{4}\s*[-年./]\s*\d{1,2}", line) is not None))


def _joins(before: str, after: str, gap: str) -> bool:
    """Whether the line break ``gap`` between lines ``before`` and ``after`` was made by the page."""
    from .sections import heading_marker  # one definition of what a heading looks like

    if gap.count("\n") > 2 or not before.strip() or not after.strip():
        return False
    if line_is_complete(before) or heading_marker(before) or heading_marker(after) or _page_fields(after):
        return False
    if re.search(r"\n(?:\u3000| {2,})", gap):  # the next line is indented: a new paragraph
        return False
    if before.rstrip().endswith(tuple(_CONTINUES)):
        return True
    after_is_heading_like = len(after.strip()) < _WIDE_LINE and not line_is_complete(after)
    # Prose broken by the page is long and has clause punctuation inside; titles and bylines do not.
    prose = len(before.strip()) >= _WIDE_LINE and re.search("[，,、；;。]", before) is not None
    return prose and not after_is_heading_like and not after.lstrip().startswith(("（", "("))


def _join_lines(text: str) -> list[int]:
    """Indices into ``text`` of the characters kept once page-made line breaks are joined."""
    keep = []
    pos = 0
    breaks = list(_BREAK.finditer(text))
    for k, br in enumerate(breaks):
        line_start = breaks[k - 1].end() if k else 0
        next_end = breaks[k + 1].start() if k + 1 < len(breaks) else len(text)
        before, after = text[line_start:br.start()], text[br.end():next_end]
        if "\n" not in br.group() or not _joins(before, after, br.group()):
            continue
        keep.extend(range(pos, br.start()))
        if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum():
            keep.append(br.start())  # two Latin words: keep one separator
        pos = br.end()
    keep.extend(range(pos, len(text)))
    return keep


def _traditional_only(char: str) -> bool:
    """A character that Simplified text never uses: GB2312 (the Simplified repertoire) lacks it."""
    try:
        char.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return True


def _to_simplified(text: str) -> str:
    """OpenCC's Traditional-to-Simplified conversion, one output character per input character.

    Text that is not Traditional is left alone: OpenCC would still turn characters both scripts
    use, such as 乾 in the place name 乾州, into their commonest Simplified reading. A text is
    Traditional when enough of its characters are ones Simplified text never uses (OpenCC, which is
    slow, runs only when there are enough such characters for that to be possible)."""
    needed = max(1, TRADITIONAL_SHARE * len(re.findall(f"[{CJK}]", text)))
    if sum(n for char, n in Counter(text).items() if _traditional_only(char)) < needed:
        return text
    out = _t2s().convert(text)
    traditional = sum(1 for a, b in zip(text, out) if a != b and _traditional_only(a))
    if traditional < needed:
        return text
    if len(out) == len(text):
        return out
    # A phrase rule changed the length: fall back to characters, keeping any that would not map 1:1.
    return "".join(c if len(s := _t2s().convert(c)) != 1 else s for c in text)


def normalize(raw: str) -> Normalized:
    """Normalise a raw report: drop pinyin glosses, join page-made line breaks, convert to
    Simplified. Everything else (spacing, paragraph breaks, punctuation, mojibake) is kept."""
    kept = _drop_glosses(raw)
    step = "".join(raw[i] for i in kept)
    joined = _join_lines(step)
    offsets = [kept[i] for i in joined]
    text = _to_simplified("".join(step[i] for i in joined))
    problems = tuple((m.start(), m.end(), m.group()) for m in _MOJIBAKE.finditer(raw))
    return Normalized(raw, text, tuple(offsets) + (len(raw),), problems)
