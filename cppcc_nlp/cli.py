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
