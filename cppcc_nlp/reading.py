"""Read report files in whatever encoding they came in.

Reports come as UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5. BOMs and UTF-16 are
recognised by their bytes; otherwise strict UTF-8 is tried, then charset-normalizer decides among
the Chinese encodings. Anything that cannot be read raises :class:`ReportError` naming the file.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

SUFFIXES = (".txt", ".md")
MAX_BYTES = 20_000_000
_CHINESE = ["gb18030", "big5", "utf_8"]
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class ReportError(ValueError):
    """A report file that cannot be read; ``path`` and ``reason`` say which and why."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """The text of a report's bytes; raises :class:`ReportError` if they are not text."""
    if not data.strip():
        raise ReportError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path)
    if b"\x00" in data:
        if len(data) % 2 == 0 and (data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4):
            return _strict(data, "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be", path)
        raise ReportError(path, "binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CHINESE).best()
    if best is None:
        raise ReportError(path, "undecodable bytes: not UTF-8, UTF-16, GB18030/GBK or Big5 text")
    return str(best)


def _strict(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(path, f"undecodable bytes for {encoding} at byte {err.start}") from None


def read_report(path: str | Path) -> str:
    """The text of the report file at ``path``."""
    p = Path(path)
    if p.is_dir():
        raise ReportError(p, "is a directory, not a report file")
    if not p.exists():
        raise ReportError(p, "no such file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise ReportError(p, f"file is too large ({size} bytes; the limit is {MAX_BYTES})")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise ReportError(p, f"cannot be read: {err.strerror}") from None
    return decode(data, p)
