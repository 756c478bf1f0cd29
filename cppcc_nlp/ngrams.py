"""Character n-gram features for the topic model: several text columns in one vocabulary.

A sentence's row holds the sentence and the sentences before and after it, so every sentence of a
report appears three times. One TF-IDF vocabulary, fitted on the sentences, vectorises each distinct
text once; a column's block is that text's vector scaled by the column's weight. (A vocabulary per
column scored the same in cross-validation and on the seeds, with three vocabularies to fit, store
and apply.)
Kept apart from :mod:`cppcc_nlp.topics` so that loading a pipeline does not import scikit-learn.
"""
from __future__ import annotations

from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer


class SharedVocabulary(TransformerMixin, BaseEstimator):
    """TF-IDF character n-grams of the columns of a 2-D array of texts whose weight is not 0,
    side by side; the vocabulary is fitted on column 0."""

    def __init__(self, weights: tuple[float, ...] = (1.0,), ngrams: tuple[int, int] = (1, 3)):
        self.weights = weights
        self.ngrams = ngrams

    def fit(self, X, y=None) -> "SharedVocabulary":
        self.vectorizer_ = TfidfVectorizer(analyzer="char", ngram_range=self.ngrams, sublinear_tf=True,
                                           min_df=2).fit(X[:, 0])
        return self

    def transform(self, X) -> sparse.csr_matrix:
        columns = [c for c, w in enumerate(self.weights) if w]
        texts = list(dict.fromkeys(X[:, columns].ravel()))
        row = {text: i for i, text in enumerate(texts)}
        vectors = self.vectorizer_.transform(texts)
        return sparse.hstack([vectors[[row[t] for t in X[:, c]]] * self.weights[c] for c in columns], format="csr")
