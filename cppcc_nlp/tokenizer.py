"""The tokenizer: normalise the raw report, then segment it into words with pkuseg.

It extends spaCy's ``ChineseTokenizer`` (which loads and serialises the pkuseg model) with three
things the reports need: the text is normalised first (see :mod:`cppcc_nlp.normalize`) and the
raw text is kept for :mod:`cppcc_nlp.restore`; pkuseg sees full-width forms folded to half-width,
so ``，`` and ``,`` segment alike; and numbers and punctuation are always tokens of their own, so
sentence and entity boundaries can fall next to them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import partial
from pathlib import Path

from spacy import util
from spacy.attrs import PREFIX, SHAPE, SUFFIX
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .normalize import normalize
from .quantities import WORD_UNITS

RAW_KEY = "cppcc_raw"  # doc.user_data entry: {"raw", "offsets", "problems"} when text != raw
_PUNCT = re.compile(r"([\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                    r"\u2010-\u2027\u2030-\u205e!-/:-@\[-`{-~])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A Chinese number with place values (一百三十, 三千二百万, 一万二千, 三十一): pkuseg cuts them inside
# (一百|三十多条, 三十|一次). It starts with a digit before 千/百/万/亿 or with 十 (not 一十, so 统一|十项
# stays apart); 十分 and 一线 are not numbers of this kind.
_CN_NUMBER = re.compile(r"(?:[一二三四五六七八九两][千百万亿]|[二三四五六七八九]?十)"
                        r"(?:[零〇]?[一二三四五六七八九两][千百十万亿]?|[万亿])*")
# 政协 ends a word (市政协|委员, 政协|提案); a role word after a body starts one (市委|书记, 县人大|代表,
# 某某中学|校长: labels.md tags the body inside a role title), and so does 界 after a party (民进|界别);
# a one-character verb or preposition never joins the level word of a body after it (交|县住建局,
# 受|市政协常委会), nor does any word join a level word followed by a body's head (走近|市政协,
# 代表|县政协); a body's last character does not join a function word after it (卫健委|会同,
# 自然资源部|有关, 共产党|的). After a number, the next character is a word of its own (2|家|敬老院),
# and so are an approximator's unit (30多|家|中小) and a longer unit (15|分钟|内, 4|方面|16,
# quantities.WORD_UNITS; cut at both ends, not inside), so a quantity can end there.
_UNIT = "(?:" + "|".join(sorted(WORD_UNITS, key=len, reverse=True)) + ")"
_ALWAYS_WORD = re.compile(
    r"(?<=政协)|(?=书记|主任|主席|负责人|负责同志|干部|领导|代表|董事长|总经理)"
    r"|(?=(?:校长|院长|局长|部长|厅长|社长|行长)(?![期效远久江廊足]|三角))"
    r"|(?:民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|工商联)(?=界)"
    r"|(?<=[从向在对由与及同跟给把被经据让请交受报以获驻赴至往为将和按依就])(?=[省市县区州])"
    r"|(?<=[\u4e00-\u9fff])(?<![全各本我该])(?<!自治|行政)(?=[省市县区州](?:政协|委(?![员托派任])|政府|人民政府|人大))"
    r"|(?<=[委局部厅党])(?=有关|会同(?![意时步志级等])|牵头|联合|的)"
    rf"|(?<=\d){_UNIT}|(?<=\d[余多]){_UNIT}"
    r"|(?<=\d[^\d.,])|(?<=\d[余多])[^\d.,\s]")
_RUNS = re.compile(r"\d+(?:[.．]\d+)?|[A-Za-z]+|\S")


# Corner quotes (common in Traditional text, absent from the corpus) read as curly ones, and the dots
# written between the parts of a name (一线协商˙共同缔造, labels.md: "also written with ˙ or •") as ·.
_ONE_FORM = str.maketrans("「」『』˙•・‧∙⋅", "“”‘’······")


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation to their half-width forms, corner quotes to curly
    ones and the dots of a name to ``·``, one character for one (half-width ``｢`` via ``「`` too)."""
    return "".join(f if len(f := unicodedata.normalize("NFKC", c)) == 1 else c for c in text).translate(_ONE_FORM)


@registry.tokenizers("cppcc_nlp.Tokenizer.v1")
def create_tokenizer(segmenter: str = "pkuseg", suffix_chars: int = 1):
    """``suffix_chars``: how many final characters make a word's ``SUFFIX`` (spaCy's default is
    3). A Chinese word's head is its last character (农村|局, 兰山|区, 中学): with 1, an unseen name
    shares that feature with every body of its kind, which the NER's embeddings read. The pipeline
    and the config its NER is trained with must agree on it."""
    def make(nlp: Language) -> "ReportTokenizer":
        getters = nlp.vocab.lex_attr_getters
        getters[SUFFIX] = partial(last_chars, n=suffix_chars)
        for attr in (PREFIX, SUFFIX, SHAPE):  # like NORM, read on the folded form: ，and , alike
            getters[attr] = partial(on_folded, getter=getters[attr])
        return ReportTokenizer(nlp.vocab, segmenter=segmenter)

    return make


def last_chars(string: str, n: int) -> str:
    """The last ``n`` characters (a module function, so the vocabulary pickles for ``n_process``)."""
    return string[-n:]


def on_folded(string: str, getter) -> str:
    """A lexical attribute read on :func:`fold` of the word."""
    return getter(fold(string))


class ReportTokenizer(ChineseTokenizer):
    """Normalises, then segments with pkuseg (or characters, before a model is trained)."""

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model: str | None = None,
                   pkuseg_user_dict: str | None = None) -> None:
        """Load a pkuseg model directory. Unlike spaCy's, no user dictionary is added by default:
        pkuseg's general-news dictionary would re-merge words our segmenter learnt to split."""
        if self.segmenter == Segmenter.pkuseg and pkuseg_model is not None:
            import spacy_pkuseg

            self.pkuseg_seg = spacy_pkuseg.pkuseg(str(pkuseg_model), user_dict=pkuseg_user_dict)
            post = self.pkuseg_seg.postprocesser  # spaCy serialises these even when unused
            post.common_words = getattr(post, "common_words", set())
            post.other_words = getattr(post, "other_words", set())

    def __call__(self, text: str) -> Doc:
        norm = normalize(text)
        folded = fold(norm.text)
        words, spaces = util.get_words_and_spaces(self.segment(norm.text, folded), norm.text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if folded != norm.text:  # a token's norm is its folded form's: ，as , and 「 as “
            pos = 0
            for i, (word, space) in enumerate(zip(words, spaces)):
                f = folded[pos:pos + len(word)]
                if f != word:
                    doc[i].norm_ = self.vocab[f].norm_
                pos += len(word) + space
        if norm.text != text or norm.problems:
            doc.user_data[RAW_KEY] = {
                "raw": text,
                "offsets": list(norm.offsets),
                "problems": [list(p) for p in norm.problems],
            }
        return doc

    def save_segmenter(self, path) -> None:
        """Write the pkuseg model to a directory, as ``initialize(pkuseg_model=...)`` reads it."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.pkuseg_seg.model.save(str(path))
        self.pkuseg_seg.feature_extractor.save(str(path))

    def segment(self, text: str, folded: str | None = None) -> list[str]:
        """Words of ``text`` (white space left out): pkuseg's words, split at :func:`forced_cuts`,
        and never split inside a number (pkuseg cuts ``1,300`` after the comma). ``folded`` is
        ``fold(text)`` when the caller has it already."""
        folded = fold(text) if folded is None else folded
        if self.segmenter == Segmenter.pkuseg and self.pkuseg_seg is not None:
            pieces = self.pkuseg_seg.cut(folded)
        else:
            pieces = _RUNS.findall(folded)
        inside = inside_numbers(folded)
        cuts, pos = forced_cuts(folded, inside) | {0, len(text)}, 0
        for piece in pieces:
            pos = folded.index(piece, pos)
            cuts.update((pos, pos + len(piece)))
            pos += len(piece)
        bounds = sorted(cuts - inside)
        return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def inside_numbers(text: str) -> set[int]:
    """Offsets inside a number (``1,300``, ``3.5``, ``一百三十``), where no word boundary may fall."""
    return {i for pattern in (_NUMBER, _CN_NUMBER) for m in pattern.finditer(text)
            for i in range(m.start() + 1, m.end())}


def forced_cuts(text: str, inside: set[int] | None = None) -> set[int]:
    """Offsets that are always word boundaries, whatever the segmenter says: around punctuation
    and numbers (``意见建议|742|条``) and the places in ``_ALWAYS_WORD`` (both ends of each match)
    where entity edges fall inside what a general segmenter takes for one word; never ``inside``
    a number (``inside_numbers(text)``, passed when the caller has it already)."""
    cuts = {c for m in _NUMBER.finditer(text) for c in m.span()}
    for pattern in (_PUNCT, _ALWAYS_WORD):
        for m in pattern.finditer(text):
            cuts.update(m.span())
    return cuts - (inside_numbers(text) if inside is None else inside)
