"""Rules that run after the statistical NER, where they were measured to beat it
(``python training/evaluate.py ner``): digit quantities; quoted names before a programme's head
noun (labels.md: a programme is "very often in quotes, followed ... by a head noun such as 行动,
活动, 工程, 平台, 品牌, 机制, 栏目"); and no ordinal as a QUANTITY (labels.md: ``第八次`` is not one;
the corpus writes ordinals in Chinese numerals, so the model tags ``3次`` in ``第3次``)."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .quantities import digit_quantities

DEFAULT_HEADS = ["行动", "活动", "工程", "平台", "品牌", "机制", "栏目", "工作室", "计划", "模式", "制度",
                 "工作法", "专栏", "服务队"]


@Language.factory("cppcc_entity_rules", default_config={
    "digit_quantities": True, "quoted_programmes": True, "ordinals": True,
    "programme_heads": DEFAULT_HEADS, "max_programme_chars": 15})
def make_entity_rules(nlp: Language, name: str, digit_quantities: bool, quoted_programmes: bool,
                      ordinals: bool, programme_heads: list[str], max_programme_chars: int) -> "EntityRules":
    return EntityRules(digit_quantities, quoted_programmes, programme_heads, max_programme_chars, ordinals)


class EntityRules:
    """Adds rule spans: a digit quantity replaces the QUANTITY predictions it overlaps (their edges
    are where the model errs); a quoted name before a head noun becomes a PROGRAMME where the model
    predicted nothing. Spans the model gave another label are left alone. With ``ordinals``, a
    QUANTITY that starts with or follows ``第`` is dropped."""

    def __init__(self, quantities: bool, programmes: bool, heads: list[str], max_chars: int,
                 ordinals: bool = False):
        self.quantities, self.programmes, self.ordinals = quantities, programmes, ordinals
        self.quoted = re.compile(r"[“\"]([^“”\"\n]{2,%d})[”\"](?=%s)" % (max_chars, "|".join(map(re.escape, heads))))

    def __call__(self, doc: Doc) -> Doc:
        ents, dropped, text = list(doc.ents), [], doc.text  # doc.text is built anew on each access
        if self.ordinals:
            dropped = [e for e in ents if e.label_ == "QUANTITY" and "第" in text[max(e.start_char - 1, 0):e.start_char + 1]]
            ents = [e for e in ents if e not in dropped]
        proposals = []
        if self.quantities:
            proposals += [(s, e, "QUANTITY", True) for s, e in digit_quantities(text)]
        if self.programmes:
            proposals += [(*m.span(1), "PROGRAMME", False) for m in self.quoted.finditer(text)]
        for start, end, label, replaces in proposals:
            span = doc.char_span(start, end, label=label)
            if span is None:
                continue
            clash = [e for e in ents if e.start < span.end and span.start < e.end]
            if clash and not (replaces and all(e.label_ == label for e in clash)):
                continue
            ents = [e for e in ents if e not in clash] + [span]
        doc.set_ents(sorted(ents, key=lambda e: e.start), outside=dropped, default="unmodified")
        return doc
