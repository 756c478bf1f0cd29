"""Label Studio and doccano exports in and out, with every bad span reported."""
import json

from typer.testing import CliRunner

from cppcc_nlp.cli import app
from cppcc_nlp.interchange import read_doccano, read_labelstudio, to_doccano, to_labelstudio
from conftest import ROOT

DATA = ROOT / "tests" / "data"
runner = CliRunner()


def test_labelstudio_import_counts_and_reports_bad_offsets():
    records, report = read_labelstudio(DATA / "labelstudio_export.json")
    assert (report.documents, report.entities, report.sentences) == (2, 6, 2)
    assert len(report.problems) == 2
    assert "task 2: document 102: span 22-26 QUANTITY: says '问题30个' but the text there is '30个。'" in report.problems[0]
    assert "span 23-90 QUANTITY: offsets outside the text (26 characters)" in report.problems[1]
    first = records[0]
    assert {(e["text"], e["label"]) for e in first["entities"]} == {
        ("县政协", "ORG"), ("5次", "QUANTITY"), ("42条", "QUANTITY"), ("王建华", "PERSON")}
    assert [s["topic"] for s in first["sentences"]] == ["CONSULTATION", "OTHER"]
    # no topic spans: sentences come from the splitter, topics unknown
    assert [s["topic"] for s in records[1]["sentences"]] == [None]


def test_doccano_import_both_export_shapes_and_overlaps():
    records, report = read_doccano(DATA / "doccano_export.jsonl")
    assert report.documents == 2 and report.entities == 4
    assert report.problems == [f"{DATA / 'doccano_export.jsonl'}:2: document 8: span 3-6 ORG overlaps 0-5 ORG; left out"]
    assert records[0]["sentences"][0]["topic"] == "SUPERVISION"


def test_export_reads_back_identically():
    records, _ = read_labelstudio(DATA / "labelstudio_export.json")
    tmp_ls = DATA.parent / ".tmp_ls.json"
    tmp_dc = DATA.parent / ".tmp_dc.jsonl"
    try:
        tmp_ls.write_text(json.dumps(to_labelstudio(records, predictions=False), ensure_ascii=False), encoding="utf-8")
        tmp_dc.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(records)), encoding="utf-8")
        again_ls, rep_ls = read_labelstudio(tmp_ls)
        again_dc, rep_dc = read_doccano(tmp_dc)
    finally:
        tmp_ls.unlink(missing_ok=True)
        tmp_dc.unlink(missing_ok=True)
    assert not rep_ls.problems and not rep_dc.problems
    strip = lambda rs: [(r["text"], sorted((e["start"], e["end"], e["label"]) for e in r["entities"])) for r in rs]
    assert strip(again_ls) == strip(records) == strip(again_dc)


def test_import_command_exits_non_zero_when_spans_were_left_out(tmp_path):
    out = tmp_path / "ours.jsonl"
    result = runner.invoke(app, ["import", "labelstudio", str(DATA / "labelstudio_export.json"), "-o", str(out)])
    assert result.exit_code == 1
    assert "2 document(s), 6 entities, 2 sentences with a topic, 2 span(s) left out" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_invalid_export_gets_a_line_numbered_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "市政协", "label": []}\n{"text": oops}\n', encoding="utf-8")
    result = runner.invoke(app, ["import", "doccano", str(bad), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and f"{bad}:2: not valid JSON" in result.output


def test_pre_annotations_read_back_in(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text((ROOT / "seeds").glob("004*").__next__().read_text(encoding="utf-8"), encoding="utf-8")
    tasks = tmp_path / "tasks.json"
    assert runner.invoke(app, ["pre-annotate", str(report), "-o", str(tasks)]).exit_code == 0
    exported = json.loads(tasks.read_text(encoding="utf-8"))
    for task in exported:  # an annotator accepts the predictions as they are
        task["annotations"] = task.pop("predictions")
    tasks.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    records, rep = read_labelstudio(tasks)
    assert rep.problems == [] and records[0]["entities"] and all(s["topic"] for s in records[0]["sentences"])
