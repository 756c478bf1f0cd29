import re

import opencc
import pytest
from hypothesis import given, settings, strategies as st

from cppcc_nlp.normalize import normalize
from conftest import SEEDS, seed

PINYIN_IN_BRACKETS = re.compile(r"[(（][a-zA-Z\u00c0-\u024f\u0300-\u036f]+[)）]")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_pinyin_gloss_survives(path):
    text = normalize(path.read_text(encoding="utf-8")).text
    assert PINYIN_IN_BRACKETS.findall(text) == []


def test_glosses_seen_in_seeds_are_many():
    raw = seed("001") + seed("002")
    assert len(PINYIN_IN_BRACKETS.findall(raw)) > 1000


@pytest.mark.parametrize("prefix,passage", [
    ("001", "发挥“政协之能” 服务“发展之为”\n——随县政协加强和改进新时代市县政协工作纪实\n通讯员 周恒军 鄂西北\n"),
    ("001", "今年以来,政协党组中心组(扩大)集体学习10次,举办专题培训班3期,组织各层次学习研讨20余次。"),
    ("001", "先后围绕“香菇产业高质量发展”“公共卫生补短板”"),
    ("001", "“曾随(县)一体化发展”"),
    ("002", "2023年\n工作回顾\n2023年是全面贯彻落实中共二十大精神的开局之年"),
    ("002", "●把党的全面领导贯穿履职始终。市政协始终与市委同心同向同行,"),
    ("002", "形成激发市场主体活力、提升优势企业能级等6方面18条对策建议。"),
])
def test_traditional_seeds_normalise_to_hand_checked_simplified(prefix, passage):
    assert passage in normalize(seed(prefix)).text


def test_mojibake_is_kept_and_reported():
    norm = normalize(seed("001"))
    assert "一是坚持党的全面领导??h委坚持" in norm.text
    snippets = [p[2] for p in norm.problems]
    assert "??h" in snippets and "?lián)" in snippets
    for start, end, snippet in norm.problems:
        assert norm.raw[start:end] == snippet


def test_pdf_line_breaks_joined_paragraphs_and_headings_kept():
    text = normalize(seed("000")).text
    assert "每一个数字背后" in text and "专门协商机构作用" in text
    assert "项目正式启动,得到居民群众的交口称赞" in text
    # headings, bylines and captions stay on their own lines
    assert "\n\n谋发展献良策建新功\n\n强化政治建设 夯实思想根基\n\n" in text
    assert "随州日报全媒体记者 王聪莹 滕锐 通讯员 王希\n\n开展" in text
    assert "进行专题协商\n\n以高质量调查研究 促进政协工作提质增效\n\n" in text


def test_scrambled_two_column_captions_are_not_joined():
    text = normalize(seed("003")).text
    assert "杨斌斌委员:老旧小区改造应征求居民意见,\n" in text


def test_already_normalised_text_is_unchanged():
    once = normalize(seed("002")).text
    assert normalize(once).text == once


def test_glosses_need_pinyin():
    assert normalize("世界贸易组织(WTO)和人工智能(AI)").text == "世界贸易组织(WTO)和人工智能(AI)"
    assert normalize("發(fa)揮作用").text == "发挥作用"
    assert normalize("發（fā）揮").text == "发挥"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_offsets_map_every_character_back(path):
    norm = normalize(path.read_text(encoding="utf-8"))
    assert len(norm.offsets) == len(norm.text) + 1
    assert list(norm.offsets) == sorted(set(norm.offsets))
    for ch, off in zip(norm.text, norm.offsets):
        assert normalize(norm.raw[off]).text == ch or ch == norm.raw[off]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_span_maps_back_to_raw_text_that_normalises_to_it(data):
    path = data.draw(st.sampled_from(SEEDS))
    norm = normalize(path.read_text(encoding="utf-8"))
    start = data.draw(st.integers(0, len(norm.text) - 1))
    end = data.draw(st.integers(start + 1, min(len(norm.text), start + 40)))
    rs, re_ = norm.raw_span(start, end)
    # a fragment alone cannot tell which script its document is in: compare both sides in Simplified
    strip = lambda s: opencc.OpenCC("t2s").convert(re.sub(r"\s+", "", s))
    assert strip(normalize(norm.raw[rs:re_]).text) == strip(norm.text[start:end])


def test_simplified_text_keeps_characters_both_scripts_share():
    assert normalize("吉首市乾州街道委员联络站").text == "吉首市乾州街道委员联络站"


def test_long_bylines_and_titles_are_not_joined_to_the_next_line():
    byline = "来源：广西新闻网　作者：黄丽萍　覃宇　发布时间：2022年1月12日 09:30"
    title = "关于政协某某县第九届委员会第四次会议以来提案工作情况的报告"
    text = f"{byline}\n1月11日，政协开幕。\n{title}\n（2021年1月19日在区政协九届五次会议上）"
    assert normalize(text).text == text
    # a long headline with a comma, then the page's date line: two lines, not one broken sentence
    page = ("聚力山海协作 共绘振兴新卷——县政协委员、返乡创业青年助力乡村建设纪实\n"
            "发布时间：2022-05-06 08:12　来源：某某日报　作者：王某某　浏览：1024")
    assert normalize(page).text == page
    # while prose broken just before a word such as 来源 is still joined
    prose = "委员们深入田间地头和企业车间，重点了解各地项目资金的使用进度和\n来源：财政投入和社会资本的比例是否合理。"
    assert normalize(prose).text == prose.replace("\n", "")
