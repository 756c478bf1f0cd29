"""Sentences and sections on real seed text, checked by hand."""
from cppcc_nlp.normalize import normalize
from cppcc_nlp.sections import find_headings, section_bounds
from cppcc_nlp.sentences import sentence_spans
from conftest import SEEDS, seed

SEED_003_HEADINGS = [
    "# 围绕中心履职尽责 服务大局担当使命",
    "## ——市政协常务委员会工作报告解读",
    "### 2023年工作回顾",
    "### ■加强思想政治引领,在学思践悟中凝心聚力",
    "●持续推动理论学习入脑入心。",
    "●坚持党建与履职一体推进。",
    "●凝聚各方力量共促发展。",
    "### ■树立鲜明质量导向,在履职尽责中奋力作为",
    "●政治协商走深走实。",
    "●民主监督有力有效。",
    "●提案工作中求进。",
    "●社情民意信息亮点纷呈。",
    "### ■充分发挥政协优势,在服务大局中强化担当",
    "●“一线协商·共同缔造”持续深化。",
    "●中国桂花城建设成效显现。",
    "●积极招商引资,助推乡村振兴。",
    "### ■着力推进自身建设,在争创一流中提能增效",
    "●以建强“两支队伍”,解决工作基础薄弱、人员力量薄弱问题为重点加强政协自身建设,提升履职能力水平。",
    "### 2024年主要任务",
    "### ■牢牢把握正确政治方向",
    "●坚持不懈用习近平新时代中国特色社会主义思想武装头脑,引导政协委员和各界人士在深学笃行中感悟真理伟力,筑牢坚持“两个确立”、做到“两个维护”的思想根基。",
    "### ■紧紧围绕中心履职尽责",
    "●坚持在大局中定位,把服务高质量发展作为第一要务,围绕统筹扩大内需和深化供给侧结构性改革、统筹新型城镇化和乡村全面振兴、统筹高质量发展和高水平安全,深入协商精准议政。",
    "●加强提案业务培训,完善重点提案遴选、督办、督办制度。",
    "●持续深化下基层察民情解民忧暖民心实践活动,政协委员助力乡村振兴活动,提高政协组织对口联系基层、政协委员帮扶基层实效。",
    "### ■深入调研把握履职之要",
    "●在全市政协系统大兴调查研究之风,坚持问题导向,践行“五到四从四多”工作法,采取“四不两直”方式,深入基层、深入群众、深入实际摸清真实情况,寻求解决问题的良策,坚决摒弃刻舟求剑、闭门造车、异想天开。",
    "### ■加强统筹提升履职水平",
    "●紧扣“稳中求进、以进促稳、先立后破”总要求,围绕打造武汉都市圈自然生态公园城市这一全局性、基础性、战略性问题再聚焦,找准切口,精准选题,把调研视察、协商议政、民主监督、提案、反映社情民意信息等履职方式融会贯通,力求相互赋能、相得益彰。",
    "### ■发挥委员主体作用筑牢履职之基",
    "●全面落实“懂政协、会协商、善议政,守纪律、讲规矩、重品行”要求,着力提高委员政治把握能力、调查研究能力、联系群众能力、合作共事能力,引导委员增强历史责任感和使命感,不坐而论道,要起而行之,在推进中国式现代化的咸宁实践中躬身入局,率先垂范,倾情奉献。",
    "### ■自我加压优化履职服务保障",
    "●坚决破除政协“二线”思维,教育引导机关干部以“跳起来摘桃子”的精神,不断突破自我,提振精气神。",
    "### 两会镜头",
]


def test_seed_003_headings_are_exactly_right():
    text = normalize(seed("003")).text
    assert [text[h.start:h.end] for h in find_headings(text)] == SEED_003_HEADINGS


def test_seed_003_sections_nest_by_level():
    text = normalize(seed("003")).text
    by_heading = {text[h.start:h.end]: text[s:e] for s, e, h in section_bounds(text)}
    review = by_heading["### 2023年工作回顾"]
    assert "●民主监督有力有效。" in review and "2024年主要任务" not in review
    politics = by_heading["### ■加强思想政治引领,在学思践悟中凝心聚力"]
    assert politics.endswith("拍摄“委员风采”专题片。") and "树立鲜明质量导向" not in politics
    assert by_heading["●提案工作中求进。"].startswith("●提案工作中求进。始终把质量作为提案的核心和关键")


def test_seed_000_headings_include_plain_short_lines_not_bylines():
    text = normalize(seed("000")).text
    heads = [text[h.start:h.end] for h in find_headings(text)]
    assert "强化政治建设 夯实思想根基" in heads and "深化模范机关建设 提升委员履职水平" in heads
    assert not any("记者" in h for h in heads)


def _sentences(text, start_marker, n):
    i = text.index(start_marker)
    spans = [(s, e) for s, e in sentence_spans(text) if s >= i]
    return [text[s:e] for s, e in spans[:n]]


def test_sentences_of_hand_checked_paragraphs():
    text = normalize(seed("001")).text
    assert _sentences(text, "人民政协是政治组织", 5) == [
        "人民政协是政治组织,坚持党的领导是最高政治原则。",
        # the stop between these two was lost to mojibake (??h), so they stay one sentence
        "一是坚持党的全面领导??h委坚持把政协工作纳入党委工作全局统筹部署、一体推进,政协党组年度工作要点、年度协商计划报请县委审议后实施,重大事项、重要工作、重要协商成果向县委请示报告,确保政协工作有“主心骨”“定盘星”。",
        "二是强化思想政治引领。",
        "认真学习贯彻党的二十大精神,坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂。",
        "今年以来,政协党组中心组(扩大)集体学习10次,举办专题培训班3期,组织各层次学习研讨20余次。",
    ]
    text = normalize(seed("000")).text
    assert _sentences(text, "思想是行动的指南", 7) == [
        "思想是行动的指南,理论是实践的先导。",
        "市政协坚持以政治建设为统领,把习近平新时代中国特色社会主义思想作为统领政协工作的总纲,确保政协事业沿着正确方向笃定前行。",
        "坚持党的全面领导贯穿履职始终,充分发挥市政协党组把方向、管大局、保落实作用,确保政协工作始终在党的领导下开展。",
        "报请市委审定并转发市政协党组工作要点和年度协商计划;",
        "健全听取机关党组工作情况汇报机制,完善以党组理论学习中心组学习为引领的全覆盖、多层次、经常性学习制度体系,全年开展党组理论学习中心组、党组会议、主席会议集中学习13次,常委会议专题学习2次,专委会集中学习16次,机关干部集中学习47次;",
        "举办委员履职能力提升培训班1期、乡镇街道政协活动召集人培训班1期。",
        "聚焦主责主业 服务中心大局",
    ]


def test_closing_quote_stays_with_its_sentence_and_headings_stand_alone():
    text = "一、总体情况\n他说：“要办实事。”随后开展调研。\n（一）加强学习\n●开展视察。全年3次。"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "一、总体情况", "他说：“要办实事。”", "随后开展调研。", "（一）加强学习", "●开展视察。", "全年3次。"]


def test_a_number_is_one_token_whatever_pkuseg_says(nlp):
    """pkuseg cuts ``1,300`` after the comma and ``1500`` into ``150|0``, and Chinese numbers too
    (``一百|三十多条``, ``三十|一次``); a quantity then starts in the middle of its number (``00余个``)."""
    from cppcc_nlp.tokenizer import _NUMBER

    assert [t.text for t in nlp.tokenizer("协调解决问题1,300余个，投入12,345.6万元")][2:6] == ["1,300", "余", "个", "，"]
    words = [t.text for t in nlp.tokenizer("提出意见建议一百三十多条，惠及群众一万二千余人，九届三十一次会议")]
    assert {"一百三十", "一万二千"} <= set(words) and "三十" not in words
    assert "十" in [t.text for t in nlp.tokenizer("统一十项标准")]  # 统一|十项: 一十 is not how a number starts
    for path in SEEDS:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        numbers = [m.span() for m in _NUMBER.finditer(doc.text)]
        assert numbers and all(doc.char_span(s, e) is not None and len(doc.char_span(s, e)) == 1 for s, e in numbers)


def test_forced_cuts_put_entity_edges_on_word_boundaries():
    from cppcc_nlp.tokenizer import forced_cuts

    def words(text: str) -> list[str]:
        cuts = sorted(c for c in forced_cuts(text) if 0 < c < len(text))
        return [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]

    # the edges these rules own; the others (where 国家卫生健康委 starts) are the segmenter's
    assert words("由国家卫生健康委会同财政部") == ["由国家卫生健康委", "会同财政部"]
    assert words("交县住建局") == ["交", "县住建局"]
    assert words("我们走近市政协常委") == ["我们走近", "市政协", "常委"]
    assert words("堡镇中学校长") == ["堡镇中学", "校长"]
    assert words("请致公党界委员") == ["请", "致公党", "界委员"]
    assert words("走访30多家中小企业") == ["走访", "30", "多", "家", "中小企业"]
    assert words("15分钟内") == ["15", "分钟", "内"]
    assert words("约20余公里") == ["约", "20", "余", "公里"]
    # everyday words that only look like those edges stay whole
    for text, word in (("党员干部长期扎根", "干部"), ("推行长效管护", "推行"), ("市政协常委会同意", "同意"),
                       ("村委会同意后", "村委会"), ("社区委托物业", "社区"), ("内蒙古自治区政协", "自治区"),
                       ("全市政协系统", "全市"), ("随州日报", "随州"), ("推动社区委员会建设", "社区"),
                       ("城市更新", "城市")):
        start = text.index(word)
        assert not {c for c in forced_cuts(text) if start < c < start + len(word)}, (text, words(text))
