"""The bundled pipeline on real seed text: the user's text comes back, offsets are on it."""
import opencc
import pytest
import spacy

from cppcc_nlp.normalize import normalize
from conftest import SEEDS, seed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_doc_text_is_the_users_text_and_normalised_text_is_on_the_doc(nlp, path):
    raw = path.read_text(encoding="utf-8")
    doc = nlp(raw)
    assert doc.text == raw
    assert doc._.normalized == normalize(raw).text
    # each token's raw text normalises to its piece of the normalised text (both sides put through
    # OpenCC, since a lone token cannot tell which script its document is in)
    t2s = opencc.OpenCC("t2s").convert
    tokens_normalised = "".join(normalize(t.text).text for t in doc)
    assert t2s("".join(tokens_normalised.split())) == t2s("".join(doc._.normalized.split()))


def test_sentences_and_sections_are_on_the_raw_traditional_text(nlp):
    raw = seed("002")
    doc = nlp(raw)
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert "●把黨的全面領(lǐng)導(dǎo)貫穿履職始終。" in sents
    headings = [sec._.heading.text for sec in doc.spans["sections"]]
    assert "工作回顧" in headings
    for sec in doc.spans["sections"]:
        assert raw[sec.start_char:sec.end_char] == sec.text


def test_joined_pdf_breaks_come_back_inside_sentences(nlp):
    raw = seed("000")
    doc = nlp(raw)
    sent = next(s for s in doc.sents if "每一个" in s.text)
    assert "每一个\n\n数字背后" in sent.text


def test_mojibake_is_reported_on_the_doc(nlp):
    doc = nlp(seed("001"))
    assert any(snippet == "??h" and doc.text[s:e] == "??h" for s, e, snippet in doc._.problems)


def test_spacy_load_finds_the_components_through_entry_points():
    import cppcc_nlp

    nlp = spacy.load(cppcc_nlp.MODEL_DIR)
    assert {"cppcc_sentences", "cppcc_sections", "cppcc_restore_text"} <= set(nlp.pipe_names)


def test_loading_leaves_the_topic_model_pickled_until_first_use():
    """Loading stays quick: scikit-learn is unpickled (and imported) by the first document only."""
    import cppcc_nlp

    import subprocess
    import sys

    loaded = subprocess.run([sys.executable, "-c", "import sys, cppcc_nlp; cppcc_nlp.load(); print('sklearn' in sys.modules)"],
                            capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
    nlp = cppcc_nlp.load()
    topics = nlp.get_pipe("cppcc_topics")
    assert topics._pickled is not None and topics._model is None
    doc = nlp("市政协围绕乡村振兴开展专题协商。")
    assert topics._model is not None
    assert next(doc.sents)._.topic in {"POLITICAL", "CONSULTATION", "SUPERVISION", "LIVELIHOOD", "OTHER"}
