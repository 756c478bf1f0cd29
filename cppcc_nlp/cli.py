"""The ``cppcc-nlp`` command line."""
from __future__ import annotations

import csv
import glob
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from .reading import SUFFIXES, ReportError, decode, read_report

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn CPPCC work reports into data: annotate, render, train, evaluate.")


@app.callback()
def main() -> None:
    """cppcc-nlp: turn CPPCC work reports into data."""


def expand_inputs(inputs: list[str]) -> Iterator[str]:
    """Files named, report files under directories, glob matches; ``-`` is standard input.
    A name that matches nothing is passed on, so that reading it reports the problem."""
    for item in inputs:
        p = Path(item)
        if item == "-" or p.is_file():
            yield item
        elif p.is_dir():
            yield from sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif any(c in item for c in "*?["):
            yield from sorted(glob.glob(item, recursive=True))
        else:
            yield item


def _read(name: str) -> str:
    return decode(sys.stdin.buffer.read(), "<stdin>") if name == "-" else read_report(name)


def _done_ids(out: Path, fmt: str) -> set[str]:
    if not out.exists():
        return set()
    with out.open(encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            return {row["doc_id"] for row in csv.DictReader(fh)}
        return {json.loads(line)["id"] for line in fh if line.strip()}


@app.command(epilog="Examples:\n\n  cppcc-nlp annotate seeds/ -o seeds.jsonl\n\n"
             "  cppcc-nlp annotate 'reports/**/*.txt' -o reports.csv --format csv --n-process 2\n\n"
             "  cat report.txt | cppcc-nlp annotate - -o report.jsonl\n\n"
             "  cppcc-nlp annotate reports/ -o reports.jsonl --resume")
def annotate(
    inputs: List[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the annotations."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one document a line) or csv (one record a row)."),
    n_process: int = typer.Option(1, "--n-process", help="Processes for nlp.pipe."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in OUTPUT."),
    model: Optional[Path] = typer.Option(None, "--model", help="A pipeline directory instead of the bundled one."),
) -> None:
    """Annotate reports: entities with their values, sentence topics, sections."""
    from . import load
    from .records import doc_records

    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter("--format must be jsonl or csv")
    names = list(dict.fromkeys(expand_inputs(inputs)))
    done = _done_ids(output, fmt) if resume else set()
    todo = [n for n in names if n not in done]
    failed: list[tuple[str, str]] = []
    texts = []
    for name in todo:
        try:
            texts.append((_read(name), name))
        except ReportError as err:
            failed.append((err.path, err.reason))
    nlp = load(model)
    results = []
    with typer.progressbar(nlp.pipe(texts, as_tuples=True, n_process=n_process), length=len(texts),
                           label="annotating", file=sys.stderr) as bar:
        for doc, name in bar:
            results.append((name, doc_records(doc, name)))
    _write(output, fmt, results, keep_existing=resume)
    typer.echo(f"annotated {len(results)} file(s), skipped {len(done & set(names))} already done, "
               f"failed {len(failed)}; wrote {output}", err=True)
    for path, reason in failed:
        typer.echo(f"  FAILED {path}: {reason}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command(epilog="Example:\n\n  cppcc-nlp render seeds/003_c2e04e645d265a66.txt -o page.html")
def render(
    file: str = typer.Argument(..., help="A report file, or - for stdin."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML page to write."),
    model: Optional[Path] = typer.Option(None, "--model", help="A pipeline directory instead of the bundled one."),
) -> None:
    """Write a displaCy page: entities in their own colours, each sentence marked with its topic."""
    from . import load
    from .render import render_html

    try:
        text = _read(file)
    except ReportError as err:
        typer.echo(f"FAILED {err}", err=True)
        raise typer.Exit(1)
    output.write_text(render_html(load(model)(text), title=Path(file).name), encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


@app.command(epilog="Example:\n\n  cppcc-nlp validate corpus/corpus.jsonl")
def validate(files: List[Path] = typer.Argument(..., help="Corpus JSONL files.")) -> None:
    """Check corpus files: offsets, span texts, overlaps, labels, sentence topics, duplicates."""
    from .corpus import validate as check

    bad = 0
    for f in files:
        errors = check(f)
        for e in errors:
            typer.echo(e, err=True)
        bad += len(errors)
        typer.echo(f"{f}: {'OK' if not errors else f'{len(errors)} error(s)'}")
    if bad:
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  cppcc-nlp train -o my_model --extra our_reports.jsonl\n\n"
             "  cppcc-nlp train -o my_model --extra labelstudio_export.json --only\n\n"
             "  cppcc-nlp train -o tiny --extra ours.jsonl --set training.max_epochs=2")
def train(
    output: Path = typer.Option(..., "-o", "--output", help="Directory for the retrained pipeline."),
    extra: List[Path] = typer.Option([], "--extra", help="Your annotated documents: corpus JSONL, Label Studio "
                                     "JSON or doccano JSONL (repeat for several files)."),
    only: bool = typer.Option(False, "--only", help="Train on your documents alone, not the bundled corpus."),
    base: Optional[Path] = typer.Option(None, "--base", help="Start from this pipeline instead of the bundled one."),
    config: Optional[Path] = typer.Option(None, "--config", help="NER training config (default: training/configs/ner.cfg)."),
    corpus_path: Optional[Path] = typer.Option(None, "--corpus", help="The bundled corpus (default: corpus/corpus.jsonl)."),
    overrides: List[str] = typer.Option([], "--set", help="Config overrides, e.g. training.max_epochs=5."),
) -> None:
    """Retrain on your own annotated reports and compare the model before and after."""
    from . import MODEL_DIR
    from .evaluation import table
    from .retrain import DEFAULT_CONFIG, DEFAULT_CORPUS, retrain

    records = _read_annotations(extra)
    if only and not records:
        raise typer.BadParameter("--only needs documents of your own (--extra)")
    try:
        parsed = parse_overrides(overrides)
    except ValueError as e:
        raise typer.BadParameter(str(e))
    result = retrain(base or MODEL_DIR, output, records, only=only, corpus_path=corpus_path or DEFAULT_CORPUS,
                     config=config or DEFAULT_CONFIG, overrides=parsed, log=lambda m: typer.echo(m, err=True))
    typer.echo(table(result["results"]) if result["results"] else "no held-out documents to score")


def parse_overrides(items: List[str]) -> dict:
    """``KEY=VALUE`` config overrides; a value is JSON (numbers, booleans, lists) or else a string."""
    parsed = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise ValueError(f"{item!r}: an override is KEY=VALUE, e.g. training.max_epochs=5")
        try:
            parsed[key] = json.loads(value)
        except json.JSONDecodeError:
            parsed[key] = value
    return parsed


def _read_annotations(files: List[Path]) -> list:
    """Records of annotation files, with each import's counts and problems reported."""
    from .corpus import CorpusError
    from .retrain import read_any

    records = []
    for f in files:
        try:
            recs, report = read_any(f)
        except (ValueError, CorpusError) as err:
            typer.echo(f"INVALID {err}", err=True)
            raise typer.Exit(2)
        for p in report.problems:
            typer.echo(f"  {p}", err=True)
        typer.echo(f"{f}: {report.documents} document(s), {report.entities} entities, {report.sentences} "
                   f"sentences with a topic; {len(report.problems)} problem(s)", err=True)
        records += recs
    return records


@app.command(epilog="Example:\n\n  cppcc-nlp evaluate my_model corpus/corpus.jsonl")
def evaluate(
    model: Path = typer.Argument(..., help="A pipeline directory."),
    data: List[Path] = typer.Argument(..., help="Annotated documents (corpus JSONL, Label Studio or doccano)."),
) -> None:
    """Per-label P/R/F and topic scores of any pipeline on any annotated data."""
    from . import load
    from .evaluation import evaluate as score, table

    records = _read_annotations(data)
    typer.echo(table({str(model): score(load(model), records)}))


@app.command("import", epilog="Examples:\n\n  cppcc-nlp import labelstudio export.json -o ours.jsonl\n\n"
             "  cppcc-nlp import doccano admin.jsonl -o ours.jsonl")
def import_(
    tool: str = typer.Argument(..., help="labelstudio or doccano"),
    export: Path = typer.Argument(..., help="The tool's export file."),
    output: Path = typer.Option(..., "-o", "--output", help="Corpus JSONL to write."),
) -> None:
    """Turn a Label Studio or doccano export into corpus JSONL, reporting every span left out."""
    from .interchange import read_doccano, read_labelstudio

    readers = {"labelstudio": read_labelstudio, "doccano": read_doccano}
    if tool not in readers:
        raise typer.BadParameter("the tool is labelstudio or doccano")
    try:
        records, report = readers[tool](export)
    except ValueError as err:
        typer.echo(f"INVALID {err}", err=True)
        raise typer.Exit(2)
    for p in report.problems:
        typer.echo(f"  {p}", err=True)
    with output.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    typer.echo(f"{export}: {report.documents} document(s), {report.entities} entities, {report.sentences} "
               f"sentences with a topic, {len(report.problems)} span(s) left out; wrote {output}")
    if report.problems:
        raise typer.Exit(1)


@app.command("pre-annotate", epilog="Example:\n\n  cppcc-nlp pre-annotate reports/ -o tasks.json --format labelstudio")
def pre_annotate(
    inputs: List[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    output: Path = typer.Option(..., "-o", "--output"),
    fmt: str = typer.Option("labelstudio", "--format", help="labelstudio, doccano or jsonl (corpus)."),
    model: Optional[Path] = typer.Option(None, "--model"),
) -> None:
    """Write the model's predictions for correction in Label Studio or doccano (on normalised text)."""
    from . import load
    from .interchange import doc_to_record, to_doccano, to_labelstudio
    from .normalize import normalize

    if fmt not in ("labelstudio", "doccano", "jsonl"):
        raise typer.BadParameter("--format is labelstudio, doccano or jsonl")
    nlp = load(model)
    records, failed = [], 0
    for name in expand_inputs(inputs):
        try:
            text = normalize(_read(name)).text
        except ReportError as err:
            typer.echo(f"FAILED {err}", err=True)
            failed += 1
            continue
        records.append(doc_to_record(nlp(text), name))
    if fmt == "labelstudio":
        output.write_text(json.dumps(to_labelstudio(records), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        lines = to_doccano(records) if fmt == "doccano" else records
        output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    typer.echo(f"pre-annotated {len(records)} document(s), failed {failed}; wrote {output}", err=True)
    if failed:
        raise typer.Exit(1)


def _write(out: Path, fmt: str, results: list, keep_existing: bool) -> None:
    """Write all results to a temporary file beside ``out`` and move it into place, so an
    interrupted run never leaves a half-written file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        old = out.read_text(encoding="utf-8") if keep_existing and out.exists() else ""
        if fmt == "jsonl":
            fh.write(old)
            for name, recs in results:
                fh.write(json.dumps({"id": name, "records": recs}, ensure_ascii=False) + "\n")
        else:
            rows = [r for _, recs in results for r in recs]
            old_rows = list(csv.DictReader(old.splitlines())) if old else []
            fields = list(dict.fromkeys(k for r in old_rows + rows for k in r))
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            for r in old_rows + rows:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                                 for k, v in r.items()})
    os.replace(tmp, out)


if __name__ == "__main__":
    app()
