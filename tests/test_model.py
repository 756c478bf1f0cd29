"""The bundled model: built from the committed corpus and configs, and each trainable part learns."""
import random
import sys

import spacy
from spacy.training import Example

import cppcc_nlp
from conftest import ROOT, seed

sys.path.insert(0, str(ROOT / "training"))


def test_bundled_model_is_built_from_the_current_corpus_and_configs():
    from train import inputs_hash

    meta = spacy.load(cppcc_nlp.MODEL_DIR).meta
    assert meta["cppcc"]["inputs_sha256"] == inputs_hash(), (
        "the bundled model is stale: run python training/train.py")


def test_the_ner_reads_a_words_last_character_as_its_suffix(nlp):
    """An unseen body shares its head's feature with every body of its kind: the SUFFIX the NER's
    tok2vec embeds is a word's last character, in the bundled pipeline and in both configs (a
    pipeline built from base.cfg runs the tok2vec trained with ner.cfg)."""
    from spacy.util import load_config

    from cppcc_nlp.tokenizer import fold

    doc = nlp.make_doc("受兰山区农业农村局委托，县实验中学开展调研。")
    assert any(len(t) > 1 for t in doc)
    assert [t.suffix_ for t in doc] == [fold(t.text)[-1] for t in doc]
    configs = ROOT / "training" / "configs"
    assert "SUFFIX" in load_config(configs / "ner.cfg")["components"]["tok2vec"]["model"]["embed"]["attrs"]
    assert {load_config(configs / f)["nlp"]["tokenizer"]["suffix_chars"] for f in ("base.cfg", "ner.cfg")} == {1}


def test_the_ner_reads_full_width_forms_and_corner_quotes_as_the_corpus_writes_them(nlp):
    """The corpus writes ``“”``, mostly ``，`` and ``·`` inside a name; Traditional reports often write
    ``「」``, and seed 001 ``一线协商˙共同缔造``. All four features the NER embeds are read on the folded
    form, so neither width, quote style nor the dot of a name is news."""
    def features(text: str) -> list[tuple[str, ...]]:
        return [(t.norm_, t.prefix_, t.suffix_, t.shape_) for t in nlp.make_doc(text)]

    assert (features("开展「委员进社区」活动，走访群众３００余户，推进一线协商˙共同缔造")
            == features("开展“委员进社区”活动,走访群众300余户,推进一线协商·共同缔造"))


def test_corner_quotes_give_the_entities_curly_quotes_give(nlp):
    """Seed 000 with its ``“”`` written ``「」``: the same entities, programmes without quotes."""
    text = seed("000")
    corner = text.translate(str.maketrans("“”", "「」"))
    assert corner != text

    def ents(t: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in nlp(t).ents]

    found = ents(corner)
    assert found == ents(text)
    assert ("一线协商·共同缔造", "PROGRAMME") in {(corner[s:e], label) for s, e, label in found}


def test_a_standing_committees_report_title_names_the_committee_in_full(nlp):
    """The title line of a standing committee's report, in both scripts: the formal name opens the
    committee's name (the model alone tags the committee from its place on)."""
    for committee, rest in (("中国人民政治协商会议宁乡市委员会常务委员会", "关于2023年工作情况的报告"),
                            ("中國人民政治協商會議新竹市委員會常務委員會", "工作報告")):
        assert [e.text for e in nlp(committee + rest).ents if e.label_ == "ORG"] == [committee]


def test_ner_overfits_a_few_sentences(nlp):
    fresh = cppcc_nlp.load(exclude=["tok2vec", "ner", "cppcc_quantity_rules", "cppcc_topics"])
    ner = fresh.add_pipe("ner", before="cppcc_restore_text")
    spans = [("县政协开展协商活动12次。", [("县政协", "ORG"), ("12次", "QUANTITY")]),
             ("围绕“强县工程”提出建议。", [("强县工程", "PROGRAMME")]),
             ("民盟市委会组织调研。", [("民盟市委会", "ORG")])]
    data = [(t, [(t.index(w), t.index(w) + len(w), lab) for w, lab in ents]) for t, ents in spans]
    examples = [Example.from_dict(fresh.make_doc(t), {"entities": e}) for t, e in data]
    optimizer = fresh.initialize(lambda: examples)
    random.seed(0)
    for _ in range(60):
        fresh.update(examples, sgd=optimizer, drop=0.0)
    for text, ents in data:
        doc = fresh(text)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == ents
    assert set(ner.labels) == {"ORG", "PROGRAMME", "QUANTITY"}


def test_topic_model_overfits_its_training_sentences():
    from cppcc_nlp.topics import as_rows, build_model

    sents = ["市政协党组开展理论学习中心组学习。", "围绕乡村振兴开展专题协商。", "组织委员对河长制落实情况开展民主监督。",
             "帮助群众解决饮水难问题。", "本报记者 张三", "加强机关党的建设。", "提出提案120件。", "开展视察3次。",
             "新建养老服务中心2所。", "责任编辑：李四"]
    rows = [(s, "", before, after) for s, before, after in zip(sents, [""] + sents, sents[1:] + [""])]
    topics = ["POLITICAL", "CONSULTATION", "SUPERVISION", "LIVELIHOOD", "OTHER"] * 2
    model = build_model(heading=False, c=100.0, context_weight=0.3).fit(as_rows(rows), topics)
    assert list(model.predict(as_rows(rows))) == topics


def test_topic_features_read_neighbours_in_the_sentence_vocabulary():
    """A sentence met again as a neighbour gets its own n-gram vector, scaled by the context weight."""
    import numpy
    from cppcc_nlp.topics import as_rows, build_model

    first, second = "围绕乡村振兴开展专题协商。", "组织委员对河长制落实情况开展民主监督。"
    rows = as_rows([(first, "", "", second), (second, "", first, "")])
    features = build_model(heading=False, context_weight=0.5).named_steps["features"].fit(rows)
    x = features.transform(rows).toarray()
    width = x.shape[1] // 3
    assert x[0, :width].any() and x[1, :width].any()
    assert numpy.allclose(x[1, width:2 * width], 0.5 * x[0, :width])
    assert numpy.allclose(x[0, 2 * width:], 0.5 * x[1, :width])


def test_segmenter_training_learns_its_bootstrapped_segmentation(tmp_path):
    import spacy_pkuseg
    from segmenter import train_segmenter

    records = [{"text": "市政协委员报送意见建议742条。县政协开展一线协商活动。", "entities": [
        {"start": 0, "end": 3, "label": "ORG"}, {"start": 11, "end": 15, "label": "QUANTITY"},
        {"start": 16, "end": 19, "label": "ORG"}]}] * 20
    out = train_segmenter(records, tmp_path / "seg", iterations=5)
    words = spacy_pkuseg.pkuseg(str(out), user_dict=None).cut("市政协委员报送意见建议742条。")
    assert words[0] == "市政协" and "742" in words


def test_segmenter_training_is_reproducible(tmp_path):
    """The bundled model must be what training/ gives: pkuseg shuffles, so the seed must hold."""
    import numpy
    from segmenter import train_segmenter

    texts = ["市政协委员报送意见建议742条。", "县政协开展一线协商活动12场。", "区政协组织委员视察养老服务中心。",
             "州政协围绕乡村振兴开展专题调研。", "镇人大代表走访群众300余户。"]
    records = [{"text": t, "entities": []} for t in texts * 4]
    weights = [numpy.load(train_segmenter(records, tmp_path / f"seg{i}", iterations=3, seed=seed) / "weights.npz")["w"]
               for i, seed in enumerate((0, 0, 1))]
    assert numpy.array_equal(weights[0], weights[1]) and not numpy.array_equal(weights[0], weights[2])


def test_retraining_fits_the_topic_design_that_train_cfg_keeps():
    """``cppcc-nlp train`` calls ``train_model`` with its defaults: they must be train.cfg's design."""
    import inspect

    from spacy.util import load_config

    from cppcc_nlp.topics import train_model

    defaults = {name: p.default for name, p in inspect.signature(train_model).parameters.items()
                if p.default is not inspect.Parameter.empty}
    assert defaults == dict(load_config(ROOT / "training" / "configs" / "train.cfg")["topics"])
