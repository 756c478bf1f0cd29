"""Canonical programme names, so that spellings of one programme count as one.

``一线协商·共同缔造``, ``一线协商˙共同缔造``, ``“一线协商•共同缔造”`` and ``一线协商共同缔造`` are all
reported as ``一线协商·共同缔造``. Quotes and white space are dropped and separators unified first;
then the table in ``data/programmes.tsv`` (extend it with :func:`add_names`) maps what remains.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

TABLE = Path(__file__).parent / "data" / "programmes.tsv"
DOTS = "·˙•‧・●∙⋅"  # the separators written between the parts of a dotted name
_SEPARATORS = re.compile(rf"\s*[{DOTS}]\s*")
_QUOTES = re.compile(r"[“”‘’「」『』\"'《》〈〉]|\s+")
_extra: dict[str, str] = {}


def spelling_key(name: str) -> str:
    """A name with quotes and white space removed and its separators written ``·``."""
    return _QUOTES.sub("", _SEPARATORS.sub("·", name.strip()))


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return read_table(TABLE)


def read_table(path: str | Path) -> dict[str, str]:
    """``spelling -> canonical`` from a file of TAB-separated lines (``#`` starts a comment)."""
    out = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 2:
                raise ValueError(f"{path}:{n}: expected 'spelling<TAB>canonical'")
            out[spelling_key(parts[0])] = parts[1].strip()
    return out


def add_names(names: dict[str, str] | str | Path) -> None:
    """Add spellings (a dict, or a file like ``data/programmes.tsv``) to the table."""
    table = read_table(names) if isinstance(names, (str, Path)) else {spelling_key(k): v for k, v in names.items()}
    _extra.update(table)


def canonical(name: str | Span) -> str:
    """The canonical name of a programme mention."""
    key = spelling_key(name.text if isinstance(name, Span) else name)
    return _extra.get(key) or _table().get(key) or key
