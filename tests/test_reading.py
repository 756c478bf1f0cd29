import codecs

import pytest

from cppcc_nlp.reading import ReportError, read_report
from conftest import SEEDS


def _encodings(text):
    yield "utf-8-sig", text.encode("utf-8-sig")
    yield "utf-16", text.encode("utf-16")
    yield "utf-16-le-bom", codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    yield "gb18030", text.encode("gb18030")
    try:
        yield "big5", text.encode("big5")
    except UnicodeEncodeError:
        pass  # a Simplified report has characters Big5 cannot encode


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_each_seed_reads_back_identical_in_every_encoding(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    seen = []
    for name, data in _encodings(text):
        f = tmp_path / f"{name}.txt"
        f.write_bytes(data)
        assert read_report(f) == text, name
        seen.append(name)
    assert {"utf-8-sig", "utf-16", "gb18030"} <= set(seen)


def test_traditional_text_without_glosses_reads_back_from_big5(tmp_path):
    text = "加強黨的領導，讓「政治」底色更加鮮明。縣政協圍繞鄉村振興開展專題協商，提出建議18條。" * 3
    f = tmp_path / "big5.txt"
    f.write_bytes(text.encode("big5"))
    assert read_report(f) == text


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("bad.txt", b"\x81\x30" + b"\xff\xfe\xfd\xfc" * 50 + b"\x80\x80\x80", "undecodable"),
])
def test_bad_files_raise_one_clear_error_naming_the_file(tmp_path, name, data, reason):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(ReportError) as err:
        read_report(f)
    assert str(f) in str(err.value) and reason in err.value.reason


def test_directory_and_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(ReportError, match="directory"):
        read_report(tmp_path)
    with pytest.raises(ReportError, match="no such file"):
        read_report(tmp_path / "missing.txt")
