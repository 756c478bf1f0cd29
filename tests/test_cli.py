"""The command line on real seed text and on bad files."""
import json

from typer.testing import CliRunner

from cppcc_nlp.cli import app
from conftest import seed

runner = CliRunner()


def _reports(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "good.txt").write_text(seed("004"), encoding="utf-8")
    (d / "gbk.txt").write_bytes(seed("000").encode("gbk"))
    traditional = "加強黨的領導，讓「政治」底色更加鮮明。縣政協圍繞鄉村振興開展專題協商，提出建議18條。\n" * 5
    (d / "big5.txt").write_bytes(traditional.encode("big5"))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return d


def test_annotate_keeps_good_files_names_bad_ones_and_resumes(tmp_path):
    d = _reports(tmp_path)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", str(d), "-o", str(out)])
    assert result.exit_code == 1
    assert "annotated 3 file(s)" in result.output and "failed 2" in result.output
    assert f"FAILED {d / 'empty.txt'}: file is empty" in result.output
    assert f"FAILED {d / 'binary.txt'}: binary file" in result.output
    docs = {json.loads(l)["id"]: json.loads(l)["records"] for l in out.read_text(encoding="utf-8").splitlines()}
    assert set(docs) == {str(d / n) for n in ("good.txt", "gbk.txt", "big5.txt")}
    big5 = [r for r in docs[str(d / "big5.txt")] if r["kind"] == "entity"]
    assert any(r["label"] == "QUANTITY" and r["text"] == "18條" and r["value"] == 18 for r in big5)
    gbk = [r for r in docs[str(d / "gbk.txt")] if r["kind"] == "entity" and r["text"] == "1300余次"]
    assert gbk and gbk[0]["value"] == 1300

    again = runner.invoke(app, ["annotate", str(d), "-o", str(out), "--resume"])
    assert "annotated 0 file(s), skipped 3 already done, failed 2" in again.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_annotate_csv_has_one_row_per_record(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(seed("004"), encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["annotate", str(f), "-o", str(out), "--format", "csv"])
    assert result.exit_code == 0
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("doc_id,kind,") and len(rows) > 50


def test_validate_command_fails_on_a_broken_file(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "市政协", "entities": [{"start": 0, "end": 9, "label": "ORG"}],
                             "sentences": [{"start": 0, "end": 3, "topic": "OTHER"}]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(f)])
    assert result.exit_code == 1 and f"{f}:1: x: entity 0-9 out of range" in result.output


def test_render_writes_a_page_with_entities_and_topics(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(seed("004"), encoding="utf-8")
    out = tmp_path / "page.html"
    assert runner.invoke(app, ["render", str(f), "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "市政协" in html and "QUANTITY" in html and "§ POLITICAL" in html and "PROGRAMME" in html


def test_rendered_page_shows_the_entities_in_a_real_browser(tmp_path):
    import shutil
    import subprocess

    import pytest

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    f = tmp_path / "r.txt"
    f.write_text(seed("003"), encoding="utf-8")
    page = tmp_path / "page.html"
    assert runner.invoke(app, ["render", str(f), "-o", str(page)]).exit_code == 0
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert '<mark class="entity"' in dom and "一线协商·共同缔造" in dom and "§ " in dom
