"""Sentence topics: which CPPCC function a sentence reports, rolled up to sections.

A scikit-learn model over character n-grams (:mod:`cppcc_nlp.ngrams`) of the sentence, of the
sentences just before and after it (reports treat one function for several sentences running; their
features weigh less) and, optionally, of the heading of the section it sits in. Each sentence gets
``sent._.topic`` and ``sent._.topic_scores``; each section in ``doc.spans["sections"]`` takes as
label the topic with the largest summed probability over its sentences.
"""
from __future__ import annotations

import pickle
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from .corpus import TOPICS
from .sections import SECTIONS_KEY, heading_of

MODEL_FILE = "model.pkl"


def sentence_contexts(doc: Doc) -> list[tuple[Span, str, str]]:
    """``(sentence, its text, the heading of the innermost section holding it)`` for every
    sentence that is not blank."""
    sections = sorted(doc.spans.get(SECTIONS_KEY, []), key=lambda s: (s.start, -s.end))
    out = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        holders = [s for s in sections if s.start <= sent.start < s.end]
        heading = heading_of(min(holders, key=len)).text.strip() if holders else ""
        out.append((sent, text, heading))
    return out


Row = tuple[str, str, str, str]  # sentence, heading, previous sentence, next sentence


def rows_of(contexts: list[tuple[Span, str, str]]) -> list[Row]:
    """The model's input for each of a document's ``sentence_contexts``, in order."""
    texts = [""] + [text for _, text, _ in contexts] + [""]
    return [(text, heading, texts[i], texts[i + 2]) for i, (_, text, heading) in enumerate(contexts)]


def training_rows(nlp: Language, records: Iterable[dict]) -> tuple[list[Row], list[str]]:
    """Rows and gold topics of corpus ``records``, through the same code the component uses at
    run time; sentences without a topic are left out (but are still their neighbours' context)."""
    from .corpus import to_doc

    rows, topics = [], []
    for rec in records:
        contexts = sentence_contexts(to_doc(nlp, rec))
        for (sent, _, _), row in zip(contexts, rows_of(contexts)):
            if sent._.topic:
                rows.append(row)
                topics.append(sent._.topic)
    return rows, topics


def build_model(heading: bool = True, c: float = 4.0, ngrams: tuple[int, int] = (1, 3),
                context_weight: float = 0.0):
    """The classifier: TF-IDF character n-grams of the sentence (and of its heading, and of the
    sentences before and after it, scaled by ``context_weight``), in one vocabulary, into a
    class-balanced logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from .ngrams import SharedVocabulary

    weights = (1.0, 1.0 if heading else 0.0, context_weight, context_weight)
    return Pipeline([
        ("features", SharedVocabulary(weights, ngrams)),
        ("classify", LogisticRegression(C=c, class_weight="balanced", max_iter=3000)),
    ])


def train_model(nlp: Language, records: Iterable[dict], heading: bool = False, c: float = 4.0,
                ngram_min: int = 2, ngram_max: int = 3, context_weight: float = 0.5):
    """A topic model fitted on the topic-labelled sentences of ``records`` (the defaults are the
    design training/configs/train.cfg keeps); None when they carry fewer than two topics. Documents
    of one sentence each have no neighbours to learn from: the model then reads the sentence alone."""
    rows, topics = training_rows(nlp, records)
    if len(set(topics)) < 2:
        return None
    if sum(1 for r in rows if r[2]) < 2:
        context_weight = 0.0
    return build_model(heading=heading, c=c, ngrams=(ngram_min, ngram_max),
                       context_weight=context_weight).fit(as_rows(rows), topics)


def as_rows(rows: Iterable[Row]):
    """What the model takes: a four-column array of sentence, heading, previous and next sentence."""
    import numpy as np

    return np.array([list(r) for r in rows], dtype=object).reshape(-1, 4)


@Language.factory("cppcc_topics", default_config={})
def make_topics(nlp: Language, name: str) -> "TopicClassifier":
    return TopicClassifier(name)


class TopicClassifier:
    """Sets ``sent._.topic``/``sent._.topic_scores`` and labels the sections by topic."""

    def __init__(self, name: str = "cppcc_topics", classifier: Any = None):
        self.name = name
        self._model = classifier
        self._pickled: bytes | None = None

    @property
    def classifier(self) -> Any:
        """The scikit-learn model, unpickled on first use so that loading the pipeline does not
        wait for scikit-learn to import. (Not called ``model``: spaCy looks at every component's
        ``model`` while it loads a pipeline, which would unpickle it there.)"""
        if self._model is None and self._pickled is not None:
            self._model, self._pickled = pickle.loads(self._pickled), None
        return self._model

    @classifier.setter
    def classifier(self, value: Any) -> None:
        self._model, self._pickled = value, None

    @property
    def model(self) -> Any:
        raise AttributeError(f"{self.name}: the scikit-learn model is `.classifier`")

    def __call__(self, doc: Doc) -> Doc:
        if self.classifier is None:
            raise ValueError(f"{self.name}: no topic model: train one, or load a trained pipeline")
        contexts = sentence_contexts(doc)
        if not contexts:
            return doc
        probs = self.classifier.predict_proba(as_rows(rows_of(contexts)))
        classes = list(self.classifier.classes_)
        by_start = {}
        for (sent, _, _), p in zip(contexts, probs):
            scores = {label: round(float(p[classes.index(label)]), 4) if label in classes else 0.0
                      for label in TOPICS}
            sent._.topic = max(scores, key=scores.get)
            sent._.topic_scores = scores
            by_start[sent.start] = scores
        labelled = []
        for sec in doc.spans.get(SECTIONS_KEY, []):
            total = {label: 0.0 for label in TOPICS}
            for start, scores in by_start.items():
                if sec.start <= start < sec.end:
                    for label, v in scores.items():
                        total[label] += v
            labelled.append(Span(doc, sec.start, sec.end, label=max(total, key=total.get)))
        doc.spans[SECTIONS_KEY] = labelled
        return doc

    def to_bytes(self, exclude=tuple()) -> bytes:
        return self._pickled if self._pickled is not None else pickle.dumps(self._model)

    def from_bytes(self, data: bytes, exclude=tuple()) -> "TopicClassifier":
        self._model, self._pickled = None, data
        return self

    def to_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / MODEL_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path, exclude=tuple()):
        return self.from_bytes((ensure_path(path) / MODEL_FILE).read_bytes())
