"""Rules that run after the statistical NER, where they were measured to beat it
(``python training/evaluate.py ner`` and ``seeds``) or where labels.md names a case the corpus
never writes.

QUANTITY: digit quantities (off); no ordinal (labels.md: ``第八次`` and sessions are not; the corpus
writes ordinals in Chinese numerals, so the model tags ``3次`` in ``第3次``, the session after a term,
``十二届二十次常委会议``, and a list item's number, ``1突出党建引领``); no time (the reporting period,
``近3年来``, ``近两年，``, ``五年间``, months named by number, ``1至6月``, and the minutes of a clock
time, ``9时30分``; and no day named by its date is a PROGRAMME, ``“3·15”``, ``“七一”``); no number inside
a fixed formula (``两个维护``, which the corpus always quotes); the numerals a segmenter cuts off the front of a
QUANTITY put back (``约|5.6万人``, ``千|余万元``), and so is a unit cut off after its magnitude
(``110千|伏``); numerals that count nothing dropped (``十分``,
``一件件``); no number of a name (``309国道``, ``120急救中心``, ``5A级``: its one character after it no measure
word, glued to the word it starts; ``304省`` of ``S304省道``: a code); a count in Chinese numerals the
model left untagged (``二百一十六名``).
PROGRAMME: a quoted name before a head noun (labels.md: "very often in quotes, followed ... by a head
noun such as 行动, 活动, 工程, 平台, 品牌, 机制, 栏目"), and every other mention of a name the document
tags and quotes ("tag every mention, quoted or not"), and the programmes every locality runs under one
name (``枫桥经验``, ``四下基层``); no quoted topic of a consultation, study or
inspection (``“智慧养老”专题协商会``; "Not PROGRAMME: the quoted topic or title of a consultation").
ORG: what labels.md and corpus/GUIDE.md put outside a body: the term before it (``四届[政协]以来``),
bodies of several levels (``省市政协``), ``及其`` between two bodies (``[市政协]及其[常委会]``), which
team-written text rarely has and the model reads as one name; and the formal name
``中国人民政治协商会议``, which the corpus never writes, opening the committee after it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .programmes import DOTS
from .quantities import DIGIT_QUANTITY, chinese_quantities, digit_quantities, parse
from .sections import heading_marker
from .tokenizer import fold

SLOGANS = Path(__file__).parent / "data" / "slogans.txt"
KNOWN_PROGRAMMES = Path(__file__).parent / "data" / "known_programmes.txt"
MEASURE_WORDS = Path(__file__).parent / "data" / "measure_words.txt"
# a one-character "unit" that may start a name (309国|道, 5A|级; not a lower-case unit, 3m宽), and what a
# word glued to it starts with
_NAME_START = re.compile(r"[\u4e00-\u9fffA-Z]")
_GLUED = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_CODE = re.compile(r"(?<![A-Za-z])[A-Z]\d")  # a road's or a train's code: G318, S304, K3 (not GDP1200)
_MONTH_NUMBER = "(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# a month, or months, named by number (1至6月, 1-10月份): dates, not a count (that is 6个月)
_MONTHS = re.compile(rf"{_MONTH_NUMBER}(?:月?(?:至|到|[-—–―~〜]{{1,2}}){_MONTH_NUMBER})?月份?")
# labels.md: the quoted topic of a consultation, study or inspection is no PROGRAMME; a head noun
# after the event makes it a brand's again (“委员讲坛”专题协商平台)
_TOPIC_AFTER = re.compile(r"[”’\"](?:专题(?:协商|调研|视察|议政|民主监督|监督)|(?:协商|议政)会)"
                          r"(?!平台|品牌|活动|机制|栏目|模式|制度)")
# a topic names a matter (“智慧养老”); a name with the words of CPPCC work or a name's dot is a brand or
# a venue (“一线协商·共同缔造”, “有事来商量”, “委员讲坛”, “云冈议事厅”, “政协委员之家”)
_BRAND_WORDS = re.compile(r"[·]|协商|商量|议事|议政|政协|委员|讲坛|讲堂|论坛|会客厅|之家|驿站")
_HOUR = re.compile(r"\d[:：时点]$")  # the hour of a clock time, right before its minutes
# a day named by its date, quoted like a programme: month·day (“3·15”, “12·4”, written with any of the
# dots of a name) or a festival's numerals (“七一”, “五四”, “一二·九”); not “八五”普法 or “三五”工作法
_DATE = re.compile(r"(?:1[0-2]|0?[1-9])\s*[·˙•・‧∙⋅]\s*(?:3[01]|[12]\d|0?[1-9])|五一|五四|六一|七一|八一|十一|三八|九九|一二·九")
# years as a time frame, like labels.md's 过去五年 and 今后五年: 近两年, 过去三年, 五年间, 两年里, 三年来;
# a measured duration is a QUANTITY (历时近两年, 连续三年)
_FRAME_AFTER = re.compile(r"以?来|间|里")  # 五年来, 三年间, 五年里
_FRAME_BEFORE = re.compile(r"(?:近|过去|今后|未来|这)$")
# 近两年 opening a clause (``近两年，…``, ``对近三年…``) is a frame; after a verb a duration (``工作了近20年``)
_CLAUSE_START = re.compile(r"(?:[\n，。；：、,;:！？!?（(“\"]|对|在|从)$")
_DURATION_BEFORE = re.compile(r"(?:历时|用时|耗时|长达|持续|连续|历经|用了|花了)$")
# a committee's term before its name: 四届[政协]以来, 本届[市政协], 十三届[全国政协] (corpus/GUIDE.md)
_TERM = re.compile(r"(?:第?[〇一二三四五六七八九十百\d]+|本|新一|上一?|首)届")
# the CPPCC's formal name: the national body alone, the start of a committee's name before a place
FORMAL_NAME = "中国人民政治协商会议"
# how the name of a body ends (the part after 及其 in 市政协及其常委会)
_BODY_HEAD = re.compile(r"(?:会|委|局|部|厅|院|组|室|处|所|站|中心|办)$")
# a group of bodies with no definite referent (labels.md: 各专委会, 有关部门), even after 及其
_GROUP_WORDS = ("各", "有关", "相关", "所属", "下属")
# what may stand between the formal name and the committee the model tagged: a place's name (宁乡|市委员会),
# the committee starting with the place's level word
_PLACE_GAP = re.compile(r"(?:(?!章程|规定|和|及|与|的|是)[\u4e00-\u9fff]){1,6}")
_CUT_PLACE = re.compile(r"[省市县区州旗盟](?:第[〇一二三四五六七八九十]+届)?委员会(?:常务委员会)?")
_DOT = re.compile(f"[{DOTS}]")  # the separator of a dotted name (书香政协·白云书院)
# bodies of several levels at once, which labels.md excludes: 省市政协, 市县政协, 区县政协, 省市委
_COLLECTIVE = re.compile(r"[省市县区]{2,}(?:两级|三级)?(?:政协|党委|委|政府|人大)")
# what a segmenter cuts off the front of a QUANTITY (labels.md: "an approximator written against it
# ... a magnitude"): an approximator, with the numerals after it (约|5.6万人, 数|十个, 近百|件), or a
# number whose magnitude or approximator opens the rest (千|余万元, 数百|万元); not a number of its own
# (a year, 2024|两年; 十四五|102项)
_DIGITS = r"\d〇一二两三四五六七八九十百千万亿"
_APPROX_TOKEN = re.compile(rf"(?:约|近|逾|数|几)[{_DIGITS}.]*")
_NUMBER_TOKEN = re.compile(rf"[{_DIGITS}][{_DIGITS}.]*")
_CONTINUES = tuple("余多万亿")
_MAGNITUDES = tuple("百千万亿")
# units a number's magnitude may be cut off from (110千|伏, 3万|千|瓦); not 家 (近5千|家庭), 村, 对…
_UNITS_AFTER_MAGNITUDE = frozenset("伏 瓦 瓦时 千瓦 千瓦时 米 千米 平方米 公里 克 千克 公斤 吨 元 人 人次 户 名 亩 "
                                   "次 件 个 台 套 株 头 只 斤 册 份 辆 篇 条 项".split())
# numerals that count nothing: the adverbs 十分 and 万分, reduplicated measure words (一件件: vague)
_NO_COUNT = re.compile(r"十分|万分|一(.)\1")
DEFAULT_HEADS = ["行动", "活动", "工程", "平台", "品牌", "机制", "栏目", "工作室", "计划", "模式", "制度",
                 "工作法", "专栏", "服务队"]


@Language.factory("cppcc_entity_rules", default_config={
    "digit_quantities": True, "quoted_programmes": True, "ordinals": True, "times": True,
    "slogans": True, "terms": True, "collectives": True, "conjoined": True, "formal_name": True,
    "mentions": True, "numerals": True, "names": True, "quoted_topics": True, "chinese_quantities": True, "known_programmes": True,
    "programme_heads": DEFAULT_HEADS, "max_programme_chars": 15,
    "min_mention_chars": 3})
def make_entity_rules(nlp: Language, name: str, digit_quantities: bool, quoted_programmes: bool,
                      ordinals: bool, times: bool, slogans: bool, terms: bool, collectives: bool,
                      conjoined: bool, formal_name: bool, mentions: bool, numerals: bool, names: bool,
                      quoted_topics: bool, chinese_quantities: bool, known_programmes: bool, programme_heads: list[str],
                      max_programme_chars: int, min_mention_chars: int) -> "EntityRules":
    return EntityRules(digit_quantities, quoted_programmes, programme_heads, max_programme_chars, ordinals,
                       times, slogans=slogans, terms=terms, collectives=collectives, conjoined=conjoined,
                       formal_name=formal_name, mentions=mentions, min_mention_chars=min_mention_chars,
                       numerals=numerals, names=names, quoted_topics=quoted_topics,
                       chinese_quantities=chinese_quantities, known_programmes=known_programmes)


class EntityRules:
    """Adds rule spans: a digit quantity replaces the QUANTITY predictions it overlaps (their edges
    are where the model errs); a quoted name before a head noun becomes a PROGRAMME where the model
    predicted nothing, and never over a span the model gave another label. With ``numerals``,
    first, a QUANTITY takes back the approximator or number cut off its front (``约|5.6万人``) and
    a unit cut off after its magnitude (``110千|伏``), and
    ``十分``, ``万分`` and ``一件件`` are dropped as no counts. With ``names``, a QUANTITY whose one
    character after the number is no measure word of ``data/measure_words.txt`` and starts the word
    glued to it (``309国道``, ``5A级``), or whose number follows one capital letter (``304省`` of
    ``S304省道``), is dropped. With ``ordinals``, a QUANTITY that
    starts with or follows ``第``, follows ``届`` (a session) or is the number of a list item
    (``1突出党建引领``: the line's heading marker) is dropped; with ``times``, months named by number
    (``1至6月``) and a QUANTITY of years
    of a time frame (``五年来``, ``两年多来``, ``近两年，``, ``过去三年``, ``五年间``; not ``历时近两年``) and one
    after the hour of a clock time (``08:15``, ``9时30分``), and a PROGRAMME that is a date (``“3·15”``,
    ``“七一”``); with ``slogans``, a QUANTITY inside a
    fixed formula of ``data/slogans.txt`` (``两个维护``), which is no PROGRAMME either. With
    ``formal_name``, ``conjoined``, ``terms`` and ``collectives``, in that order, ``中国人民政治协商会议`` opens the committee after it (or is the
    national body), an ORG is cut at ``及其``, a CPPCC body loses a leading term, and an ORG naming
    several levels is dropped; with ``mentions``, other mentions (of ``min_mention_chars`` or more)
    of the document's quoted programmes are tagged where they fall on word boundaries and nothing
    else is tagged. With ``quoted_topics``, a PROGRAMME whose closing quote is followed by ``专题协商``,
    ``专题调研``, ``专题视察``, ``专题议政``, ``专题(民主)监督``, ``协商会`` or ``议政会`` (and no head
    noun such as ``平台``) is the topic of that event and dropped, unless its name has a dot or a word
    of CPPCC work or of a venue (``一线协商·共同缔造``, ``有事来商量``, ``委员讲坛``, ``云冈议事厅``).
    With ``chinese_quantities``, a count in Chinese numerals (``二百一十六名``) is a QUANTITY where no
    entity is; with ``known_programmes``, a campaign of ``data/known_programmes.txt`` (``枫桥经验``) is
    a PROGRAMME where no entity is, like a quoted name's other mentions."""

    def __init__(self, quantities: bool, programmes: bool, heads: list[str], max_chars: int,
                 ordinals: bool = False, times: bool = False, slogans: bool = False, terms: bool = False,
                 collectives: bool = False, conjoined: bool = False, formal_name: bool = False,
                 mentions: bool = False, min_mention_chars: int = 3, numerals: bool = False,
                 names: bool = False, quoted_topics: bool = False, chinese_quantities: bool = False,
                 known_programmes: bool = False):
        self.quantities, self.programmes, self.ordinals, self.times = quantities, programmes, ordinals, times
        self.terms, self.collectives, self.conjoined, self.formal_name = terms, collectives, conjoined, formal_name
        self.mentions, self.min_mention_chars, self.numerals = mentions, min_mention_chars, numerals
        self.slogan_pattern = _slogan_pattern() if slogans else None
        self.measure_words = _measure_words() if names else None
        self.quoted_topics, self.chinese_quantities = quoted_topics, chinese_quantities
        self.known = tuple(_data_lines(KNOWN_PROGRAMMES)) if known_programmes else ()
        self.quoted = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,%d})[”\"」』](?=%s)"
                                 % (max_chars, "|".join(map(re.escape, heads))))

    def __call__(self, doc: Doc) -> Doc:
        ents, text = list(doc.ents), doc.text  # doc.text is built anew on each access
        if self.numerals:  # first, so that the rules below judge the whole span (十|分, 第|3次)
            ents = [_with_numerals(doc, e, ents) if e.label_ == "QUANTITY" else e for e in ents]
        slogans = [m.span() for m in self.slogan_pattern.finditer(text)] if self.slogan_pattern else []
        folded = fold(text)  # the rules below read full-width digits, letters and corner quotes as the others
        dropped = [e for e in ents if e.label_ == "QUANTITY" and self._no_count(folded, e, slogans)
                   or e.label_ == "PROGRAMME" and self._no_programme(folded, e.start_char, e.end_char, slogans)]
        ents = [e for e in ents if e not in dropped]
        if self.formal_name:
            ents = _with_formal_name(doc, text, ents)
        if self.conjoined:  # 市政协及其常委会: two bodies
            ents = [part for e in ents for part in (_parts(e) if e.label_ == "ORG" else [e])]
        if self.terms:
            ents = [_without_term(doc, e) if e.label_ == "ORG" else e for e in ents]
        if self.collectives:
            collective = [e for e in ents if e.label_ == "ORG" and _COLLECTIVE.fullmatch(e.text)]
            dropped += collective
            ents = [e for e in ents if e not in collective]
        proposals = []
        if self.quantities:
            proposals += [(s, e, "QUANTITY", True) for s, e in digit_quantities(text)]
        if self.chinese_quantities:
            proposals += [(s, e, "QUANTITY", False) for s, e in chinese_quantities(text)]
        if self.programmes:
            proposals += [(*m.span(1), "PROGRAMME", False) for m in self.quoted.finditer(text)
                          if not self._no_programme(folded, *m.span(1), slogans)]
        for start, end, label, replaces in proposals:
            span = doc.char_span(start, end, label=label)
            if span is not None and not replaces and label == "QUANTITY" and self.numerals:
                span = _with_numerals(doc, span, ents)  # 数|十余次, judged whole below like the model's spans
            if span is None or label == "QUANTITY" and self._no_count(folded, span, slogans):
                continue
            if any(_overlap(span, e) for e in dropped):
                continue  # what a rule dropped (近3年 over the period 3年 of 近3年来) stays dropped
            clash = [e for e in ents if _overlap(span, e)]
            if clash and not (replaces and all(e.label_ == label for e in clash)):
                continue
            ents = [e for e in ents if e not in clash] + [span]
        if self.mentions or self.known:
            ents += _mentions(doc, text, ents, dropped, self.min_mention_chars if self.mentions else None, self.known)
        # a token the model tagged that no entity covers now (dropped, trimmed, cut or replaced) is outside
        covered = {i for e in ents for i in range(e.start, e.end)}
        outside = [doc[t.i:t.i + 1] for t in doc if t.ent_iob_ in ("B", "I") and t.i not in covered]
        doc.set_ents(sorted(ents, key=lambda e: e.start), outside=outside, default="unmodified")
        return doc

    def _no_count(self, text: str, ent: Span, slogans: list[tuple[int, int]]) -> bool:
        """Whether the switched-on rules drop this QUANTITY: an ordinal (``第3次``), a time (``五年来``, ``1至6月``),
        a number inside a fixed formula (``两个`` of ``两个维护``), no count (``十分``, ``一件件``) or the
        number of a name (``309国|道``) or of a code (``S304省道``). ``text`` is folded (``tokenizer.fold``)."""
        return bool(self.ordinals and _ordinal(text, ent) or self.times and _time(text, ent)
                    or any(s <= ent.start_char and ent.end_char <= t for s, t in slogans)
                    or self.numerals and _NO_COUNT.fullmatch(ent.text)
                    or self.measure_words and _names(text, ent, self.measure_words))

    def _no_programme(self, text: str, start: int, end: int, slogans: list[tuple[int, int]]) -> bool:
        """Whether a PROGRAMME, the model's or a quoted name's, is none: a fixed formula (``两个维护``),
        with ``times`` a day named by its date (``“3·15”``, ``“七一”``), with ``quoted_topics`` the
        quoted topic of a consultation, study or inspection (``“智慧养老”专题协商会``; not a brand's or
        a venue's name, ``“有事来商量”协商会``, ``“云冈议事厅”专题协商会``)."""
        name = text[start:end]
        return ((start, end) in slogans or bool(self.times and _DATE.fullmatch(name))
                or self.quoted_topics and _TOPIC_AFTER.match(text, end) is not None and not _BRAND_WORDS.search(name))


def _data_lines(path: Path) -> list[str]:
    """The entries of a data file: its lines, stripped, without blank lines and ``#`` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.startswith("#")]


def _overlap(a: Span, b: Span) -> bool:
    """Whether two spans share a token (spaCy refuses entities that do)."""
    return a.start < b.end and b.start < a.end


@lru_cache(maxsize=1)
def _slogan_pattern() -> re.Pattern:
    """The fixed formulae of ``data/slogans.txt``, the longer first (一府一委两院 before 两院), never
    right after a numeral (十|三个…)."""
    names = sorted(set(_data_lines(SLOGANS)), key=len, reverse=True)
    return re.compile("(?<![〇一二三四五六七八九十百千万两\\d])(?:%s)" % "|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _measure_words() -> frozenset[str]:
    """The one-character measure words and units of ``data/measure_words.txt``."""
    return frozenset(_data_lines(MEASURE_WORDS))


def _names(text: str, ent: Span, measure_words: frozenset[str]) -> bool:
    """The number of a name, not a count (``309国道``, ``110报警``, ``120急救中心``, ``5A级景区``): the one
    character after it is no measure word and starts the word glued to it. The segmenter always cuts
    after a number's next character, so that a count can end there (``2|家|敬老院``), and the model
    then reads that character as a unit. A number right after one capital letter is a code
    (``S304省道``, ``G318``; not ``GDP1200亿元``)."""
    start = ent.start_char
    if start > 0 and _CODE.match(text, start - 1) or _CODE.match(text, start):
        return True  # the number of a code: S304|省道 (304省, S304省), G318, K3次
    last = ent.text[-1]  # the unit, when it is one character (parsed last: most spans end in a measure word)
    return (last not in measure_words and _NAME_START.match(last) is not None
            and _GLUED.match(text, ent.end_char) is not None and parse(ent.text).unit == last)


def _ordinal(text: str, ent: Span) -> bool:
    """``第3次``, a session after its term (``十二届二十次``; not ``每届5年``) or a list item's number."""
    start = ent.start_char
    return (text[start] == "第" or text[start - 1:start] == "第"
            or text[start - 1:start] == "届" and ent.text.endswith("次") or _numbers_its_line(text, start))


def _time(text: str, ent: Span) -> bool:
    """Years of a time frame (the reporting period: ``近3年来``, ``两年多来，``, ``近两年，``, ``过去三年``, ``五年间``;
    not a duration, ``历时近两年``, ``工作了近20年``), months named by number (``1至6月``; ``6个月`` is a
    duration) or the minutes of a clock time (``9时30分``)."""
    start, end = ent.start_char, ent.end_char
    duration = _DURATION_BEFORE.search(text, max(start - 2, 0), start) is not None  # 历时近两年, 历时3月
    if ent.text.endswith(("年", "年多", "年余", "年间", "年里")) and not duration:
        opens = start == 0 or _CLAUSE_START.search(text, start - 1, start) is not None
        years_end = end + (text[end:end + 1] in ("多", "余") and not ent.text.endswith(("多", "余")))
        some = years_end > end or ent.text.endswith(("年多", "年余"))  # 两年多来: a frame only opening a clause
        if (ent.text.endswith(("年间", "年里")) or (opens or not some) and _FRAME_AFTER.match(text, years_end)
                or _FRAME_BEFORE.search(text, max(start - 2, 0), start)
                or ent.text.startswith("近") and opens):
            return True
    if (months := _MONTHS.match(text, start)) and months.end() >= end:  # 十一 of 十一至十二月 too
        return not duration
    return _HOUR.search(text, max(start - 2, 0), start) is not None


def _numbers_its_line(text: str, start: int) -> bool:
    """Whether ``start`` opens a line that a heading or list marker opens (``1突出党建引领，…``), and
    not with a count (``5份提案获评优秀``)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return heading_marker(line) is not None and DIGIT_QUANTITY.match(line.strip()) is None


def _with_numerals(doc: Doc, ent: Span, ents: list[Span]) -> Span:
    """A QUANTITY with what the segmenter cut off its front: the approximator (``约|5.6万人`` →
    ``约5.6万人``, ``数|十个`` → ``数十个``), which opens the span, and a number whose magnitude or
    approximator the span starts with (``千|余万元`` → ``千余万元``, ``数百|万元`` → ``数百万元``); never
    across a space or another entity, and never a number of its own (``2024|两年``, ``十四五|102项``).
    A span that ends in its magnitude takes the unit the segmenter cut off after it, from a closed
    list (``110千|伏`` → ``110千伏``, ``3万|千|瓦`` → ``3万千瓦``; not ``近5千|家庭``, ``2亿|对``)."""
    start = ent.start
    while start > 0:
        before = doc[start - 1]
        if before.whitespace_ or any(_overlap(doc[start - 1:start], e) for e in ents if e is not ent):
            break
        if not (_APPROX_TOKEN.fullmatch(before.text)
                or _NUMBER_TOKEN.fullmatch(before.text) and doc[start].text.startswith(_CONTINUES)):
            break
        start -= 1
    end = ent.end  # 110千|伏, 3万|千|瓦: a span ending in its magnitude takes the unit glued after it
    if ent.text.endswith(_MAGNITUDES):
        unit = end + (end + 1 < len(doc) and doc[end].text in ("千", "百") and not doc[end].whitespace_)
        if (unit < len(doc) and doc[unit].text in _UNITS_AFTER_MAGNITUDE and not doc[end - 1].whitespace_
                and not any(_overlap(doc[end:unit + 1], e) for e in ents if e is not ent)):
            end = unit + 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="QUANTITY")


def _parts(ent: Span) -> list[Span]:
    """An ORG cut at each ``及其`` (``市政协及其常委会`` → ``市政协``, ``常委会``); a part after ``及其``
    stays an ORG only when it ends like a body (``委员会``, ``局``, ``党组``; not ``委员``, ``机关``,
    ``工作部门``: people, and organs or groups that labels.md and GUIDE.md leave untagged) and is no
    group of bodies (``各专委会``)."""
    cuts = [t.i for t in ent if t.text == "及其"]
    if not cuts:
        return [ent]
    bounds = zip([ent.start] + [i + 1 for i in cuts], cuts + [ent.end])
    parts = [Span(ent.doc, a, b, label="ORG") for a, b in bounds if b > a]
    return [p for p in parts if p.start == ent.start and len(p.text) >= 2
            or _BODY_HEAD.search(p.text) and not p.text.startswith(_GROUP_WORDS)]


def _with_formal_name(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
    """labels.md: ``中国人民政治协商会议`` is the national body, ORG; written before a committee
    (``…宜昌市第五届委员会``, the title of every standing committee's report) it opens that committee's
    name, kept inside the span like ``政协`` in ``政协随州市委员会``. The corpus never writes it, and
    the model tags the committee without it, at times without the place too (``宁乡|市委员会…``: a
    committee opening with the place's level word and ending in ``委员会``, a few characters on)."""
    start = text.find(FORMAL_NAME)
    while start >= 0:
        end = start + len(FORMAL_NAME)
        term = _TERM.match(text, end)
        after = sorted((e for e in ents if e.label_ == "ORG" and (e.start_char in (end, term.end() if term else end)
                        or _CUT_PLACE.fullmatch(e.text) and _PLACE_GAP.fullmatch(text, end, e.start_char))),
                       key=lambda e: e.start_char)[:1]
        span = doc.char_span(start, after[0].end_char if after else end, label="ORG")
        if span is not None and not any(_overlap(span, e) for e in ents if e not in after):
            ents = [e for e in ents if e not in after] + [span]
        start = text.find(FORMAL_NAME, end)
    return ents


def _without_term(doc: Doc, ent: Span) -> Span:
    """A CPPCC body without the term written before it (``四届政协`` → ``政协``, ``十三届全国政协`` →
    ``全国政协``; corpus/GUIDE.md). Other bodies keep theirs (``第十四届全国人民代表大会``), and so does a
    standing committee (``十三届全国政协常委会``: GUIDE, the term inside)."""
    term = _TERM.match(ent.text)
    if term is None or not ent.text.endswith("政协") or len(ent.text) - term.end() < 2:
        return ent
    return doc.char_span(ent.start_char + term.end(), ent.end_char, label="ORG") or ent


def _mentions(doc: Doc, text: str, ents: list[Span], dropped: list[Span], min_chars: int | None,
              known: tuple[str, ...] = ()) -> list[Span]:
    """Every other mention of a programme the document names and quotes somewhere (labels.md: "tag
    every mention, quoted or not"; the quotes show the report treats it as a fixed label), where it
    falls on word boundaries and no entity is there. (The parts of a dotted name are left to the
    model: in the corpus they are as often generic words, 委员会客厅, 远程协商, as names.) With
    ``min_chars`` None, only the ``known`` names (``data/known_programmes.txt``), which are tagged
    wherever they occur in the same way."""
    names = {e.text for e in ents if e.label_ == "PROGRAMME" and min_chars is not None and len(e.text) >= min_chars}
    names = {n for n in names if re.search("[“\"「『‘]%s[”\"」』’]" % re.escape(n), text)}
    listed = {n for n in known if n in text} - names
    taken = [(e.start_char, e.end_char) for e in ents]
    dropped_at = [(e.start_char, e.end_char) for e in dropped]  # block a quoted name's mention, not a listed name
    found = []
    for name in sorted(names | listed, key=len, reverse=True):  # the longer name first
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            blocked = taken if name in listed else taken + dropped_at
            dotted = name in listed and (_DOT.match(text, end) or start and _DOT.match(text, start - 1))
            if not dotted and not any(s < end and start < e for s, e in blocked):
                span = doc.char_span(start, end, label="PROGRAMME")
                if span is not None:
                    found.append(span)
                    taken.append((start, end))
            start = text.find(name, end)
    return found
