"""QUANTITY spans parsed into numbers a researcher can add up.

``3011万元`` -> value 30110000, unit 元; ``1300余次`` -> 1300, 次, approx 余; ``十余条`` -> 10, 条, 余;
``50万元/年`` -> 500000, 元/年. ``counted`` is the thing counted when the sentence names it: the noun
right after a classifier (``4个方面`` -> 方面) or, in the inverted order reports favour, the noun
phrase right before the number (``报送意见建议742条`` -> 意见建议).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span

from .normalize import normalize

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_MAGNITUDE = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "万亿": 10**12}
APPROX_BEFORE = ("大约", "约", "近", "逾", "超")
APPROX_AFTER = ("余", "多", "几")
_PATTERN = re.compile(
    r"^(?P<before>大约|约|近|逾|超)?"
    r"(?P<num>\d+(?:[,，]\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)"
    r"(?P<after1>余|多|几)?(?P<mag>万亿|千万|百万|万|亿)?(?P<after2>余|多)?(?P<unit>.*)$"
)
# Words that end the search for the counted noun: verbs and particles that open the phrase.
_STOP = set("开展 组织 举办 召开 报送 提出 提交 收到 办理 办结 解决 推动 协调 形成 征集 撰写 编印 发布 采用 立案 "
            "转化 走访 慰问 帮扶 捐赠 捐款 筹集 投入 完成 实施 达到 新增 建成 建立 培训 接待 参加 参与 覆盖 惠及 "
            "助推 帮助 促成 反映 上报 编发 刊发 制定 出台 吸纳 设立 建设 打造 推出 举行 共 达 累计 超过 约 近 逾 "
            "有 为 是 了 的 和 及 与 等 其中 全年 今年 年内 一年来 分别 先后 共计 合计 已 并 又 还 也 在 对 向 "
            "到 从 将 把 被 由 以 于 此 该 各 每 全 本 我 其 这 那 所 之 办 解 送 做 抓 搞 选派 引进 捐助 "
            "征求 召集 开通 新建 改造 修建 铺设 安装 培育 发放 吸引 选聘 聘请 邀请 接收 受理 答复 回复 收集 "
            "编辑 拍摄 录制 出版 印发 转交 交办 领办 承办 评选 表彰 命名 策划 确定 遴选 选定 兴办 创办 举办".split())
_CLASSIFIERS = set("个 项 批 类 名 位 家 所 座 支 条 件 份 套 台 辆 处 块 片 种 场 期 轮 次 篇 部 本 户 人 人次".split())


class Parsed(NamedTuple):
    value: float | int | None
    unit: str | None
    approx: str | None


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral (``十``, ``二十三``, ``一百零五``, ``三千二百万``, ``两``)."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch in _CN_BIG:
            total = (total + section + (digit or 0)) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _number(text: str) -> float | int | None:
    if text[0].isdigit():
        v = float(text.replace(",", "").replace("，", ""))
        return int(v) if v.is_integer() else v
    if len(text) > 1 and all(c in _CN_DIGITS for c in text):  # 二三: a range, take the first
        return _CN_DIGITS[text[0]]
    return chinese_number(text)


def parse(text: str) -> Parsed:
    """Value (magnitudes applied), unit and approximator of a QUANTITY's text."""
    text = "".join(text.split())
    m = _PATTERN.match(text)
    if not m:
        return Parsed(None, None, None)
    value = _number(m.group("num"))
    if value is not None and m.group("mag"):
        value = value * _MAGNITUDE[m.group("mag")]
        value = int(value) if float(value).is_integer() else value
    approx = m.group("before") or m.group("after1") or m.group("after2")
    unit = m.group("unit") or None
    return Parsed(value, unit, approx)


def counted(ent: Span) -> str | None:
    """The noun a QUANTITY counts, when the sentence names it next to the number."""
    doc = ent.doc
    unit = parse(normalize(ent.text).text).unit or ""
    # 4个方面: a classifier with a noun right after it
    if ent.end < len(doc) and (unit in _CLASSIFIERS or unit.endswith("个")):
        words = []
        for tok in doc[ent.end:ent.end + 3]:
            if not _cjk_word(tok) or tok.norm_ in _STOP or tok.ent_type_:
                break
            words.append(tok.norm_)
        if words:
            return "".join(words)
    # 报送意见建议742条: the noun phrase in front of the number, back to the verb that opens it
    # (a verb the segmenter glued on is cut off: 办实事 -> 实事)
    words = []
    for tok in reversed(doc[max(ent.sent.start, ent.start - 4):ent.start]):
        text = tok.norm_
        if not _cjk_word(tok) or text in _STOP or tok.ent_type_ in ("ORG", "QUANTITY"):
            break
        verb = next((text[:n] for n in (2, 1) if text[:n] in _STOP and len(text) > n), None)
        words.insert(0, text[len(verb):] if verb else text)
        if verb:
            break
    return "".join(words) or None


def _cjk_word(tok) -> bool:
    return bool(re.fullmatch(r"[\u3400-\u9fff]+", tok.norm_))


# Numbers written in digits with a measure word after them are QUANTITY almost whatever the
# context; the rule below finds them exactly, leaving Chinese numerals (一批, 两个维护, 五个一)
# to the statistical model, which can tell a count from a slogan.
# Units of more than one character: after a number the tokenizer forces a word boundary at both
# ends of the whole unit, so a quantity ends after 方面 in 4方面, not inside it (the segmenter may
# still split the unit itself: 6|个|月).
WORD_UNITS = ("平方公里 平方米 立方米 个百分点 百分点 公里 公顷 公斤 千克 千米 千瓦 分钟 小时 个月 周岁 "
              "人次 场次 篇次 件次 户次 家次 项次 批次 方面 万字").split()
_UNITS = sorted(WORD_UNITS + "个工作日 个点 个 件 条 次 名 人 位 家 户 项 场 期 篇 批 所 座 天 岁 米 亩 吨 元 倍 "
                "成 份 套 台 辆 处 类 种 轮 级 部 本 支 % ‰ 周 年 字 间 张 册 辑 株 棵 头 只 斤 度 ℃ 床 盏".split(),
                key=len, reverse=True)
DIGIT_QUANTITY = re.compile(
    r"(?<![第\d.,．/\-:：A-Za-z])(?:约|近|逾)?\d+(?:[.,]\d+)*(?:余|多)?(?:千万|百万|万|亿)?(?:余|多)?"
    r"(?:" + "|".join(map(re.escape, _UNITS)) + r")(?:/(?:年|月|人|次|天))?"
)


_NUMERALS = "〇零一二两三四五六七八九十百千万亿"
# Chinese-numeral counts the model may miss (二百一十六名, 一千三百余户, 十余次): a numeral of two
# characters or more with a 十, 百, 千 or 万 in it, or one of these with 余 or 多, never inside a longer
# numeral or after 第 or 届 (第二十一场, 七届十六次), nor a plan period (十四五期末); not before 年, 周 or
# 字, where a numeral is more often a period, an anniversary or part of a name (十年来, 七十五周年,
# 二十字方针) than a count, nor before 间 (十四五期间). An approximator before it is left to the
# numeral rule, which takes it in when it is a word of its own (not 附近|三百余户, 节约|二十余万元).
CHINESE_QUANTITY = re.compile(
    rf"(?<![第届{_NUMERALS}\d.])(?!十[一二三四五]五)"
    rf"(?:(?=[{_NUMERALS}]*[十百千万])[一二两三四五六七八九十][{_NUMERALS}]+(?:余|多)?|[十百千万](?:余|多))"
    r"(?:万|亿)?(?:余|多)?(?:" + "|".join(map(re.escape, (u for u in _UNITS if not u.startswith(("年", "周", "字"))))) + r")(?!间)"
)
# the item before a list's next number is an ordinal (第十一、十二次; 二十次、二十一次 after a term's 届)
_ORDINAL_BEFORE = re.compile(rf"[第届][{_NUMERALS}]+[次场期批届]?、$")
# an opening quote with no closing one since: the number is inside a quoted name (“惠企二十条”)
_OPEN_QUOTE = re.compile(r"[“「『][^”」』\n]{0,15}$")


def chinese_quantities(text: str) -> list[tuple[int, int]]:
    """Spans of Chinese-numeral counts in normalised text: ``二百一十六名``, ``一千三百余户``,
    ``十余次``; not ``第二十一场``, ``第十一、十二次``, ``十年``, ``十四五期末``, ``“惠企二十条”``."""
    return [m.span() for m in CHINESE_QUANTITY.finditer(text)
            if not _ORDINAL_BEFORE.search(text, max(m.start() - 8, 0), m.start())
            and not _OPEN_QUOTE.search(text, max(m.start() - 16, 0), m.start())]


def digit_quantities(text: str) -> list[tuple[int, int]]:
    """Spans of digit quantities in normalised text: ``1300余次``, ``3011万元``, ``50万元/年``; not
    years (``2023年``), dates, times or ordinals (``第3次``)."""
    out = []
    for m in DIGIT_QUANTITY.finditer(text):
        s = m.group()
        if re.fullmatch(r"\d{4}年", s) or (s.endswith("年") and text[m.end():m.end() + 1] in "度底初末"):
            continue
        out.append(m.span())
    return out

