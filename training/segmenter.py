"""Train the domain pkuseg segmenter from the annotated corpus.

The corpus has no gold word segmentation, so it is bootstrapped: jieba segments each text, then
every entity edge, punctuation mark and digit/non-digit transition is made a word boundary. pkuseg
learns from that, so the segmenter it produces puts entity edges (``意见建议|742条``,
``市政协|主席``) on token boundaries without being told where the entities are.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Iterable

from cppcc_nlp.tokenizer import fold, forced_cuts


def boundaries(text: str, entities: Iterable[dict]) -> set[int]:
    """Offsets that must be word boundaries: entity edges, and the tokenizer's forced cuts."""
    cuts = forced_cuts(fold(text))
    for e in entities:
        cuts.update((e["start"], e["end"]))
    for m in re.finditer(r"\s+", text):
        cuts.update(m.span())
    return cuts


def bootstrap_words(text: str, entities: Iterable[dict]) -> list[list[str]]:
    """Sentences of words for ``text``: jieba's words, split further at the forced boundaries."""
    import jieba

    cuts = boundaries(text, entities)
    sentences, words, pos = [], [], 0
    for piece in jieba.cut(fold(text), HMM=True):
        start = pos
        pos += len(piece)
        inner = sorted(c for c in cuts if start < c < pos)
        for a, b in zip([start] + inner, inner + [pos]):
            w = fold(text[a:b])
            if w.strip():
                words.append(w.strip())
            if w in "。！？；;!?\n" or "\n" in w:
                if words:
                    sentences.append(words)
                words = []
    if words:
        sentences.append(words)
    return sentences


def train_segmenter(records: list[dict], out_dir: Path, iterations: int, seed: int = 0) -> Path:
    """Train a pkuseg model on the bootstrapped segmentation of ``records`` into ``out_dir``.
    pkuseg shuffles its training sentences with the global ``random`` (and may initialise with
    ``numpy.random``), so both are seeded first: the same records give the same weights."""
    import random

    import jieba
    import numpy
    import spacy_pkuseg

    jieba.setLogLevel(60)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        train_file = Path(tmp) / "train.txt"
        lines = [" ".join(ws) for r in records for ws in bootstrap_words(r["text"], r["entities"])]
        train_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # pkuseg wants a test file too; it only reports scores on it
        test_file = Path(tmp) / "test.txt"
        test_file.write_text("\n".join(lines[:200]) + "\n", encoding="utf-8")
        random.seed(seed)
        numpy.random.seed(seed)
        spacy_pkuseg.train(str(train_file), str(test_file), str(out_dir), train_iter=iterations)
    return out_dir
