"""cppcc-nlp: turn the work reports of China's local CPPCC committees into data.

    >>> import cppcc_nlp
    >>> nlp = cppcc_nlp.load()
    >>> doc = nlp("市政协全年开展一线协商活动1300余次。")
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers the Doc/Span extensions)
from . import augment, restore, rules, sections, sentences, tokenizer, topics  # noqa: F401  (registers the components)
from .normalize import Normalized, normalize
from .reading import ReportError, decode, read_report
from .records import to_dataframe, to_records

__version__ = "0.1.0"
MODEL_DIR = Path(__file__).parent / "model"

__all__ = ["load", "normalize", "Normalized", "read_report", "decode", "ReportError", "to_records", "to_dataframe", "MODEL_DIR"]


def load(path: str | Path | None = None, **kwargs) -> Language:
    """The bundled pipeline, or the pipeline saved at ``path`` (e.g. one you retrained)."""
    return spacy.load(MODEL_DIR if path is None else path, **kwargs)
