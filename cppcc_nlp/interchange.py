"""Annotations in and out of Label Studio and doccano, as corpus records.

Both tools label character spans of a text. Entities are spans labelled ``ORG``, ``PROGRAMME``,
``QUANTITY`` (or any label you add); sentence topics are spans labelled ``TOPIC:POLITICAL``,
``TOPIC:CONSULTATION`` ... over whole sentences. A text with no topic spans gets its sentences
from :func:`cppcc_nlp.sentences.sentence_spans` with no topic (``"topic": null``); such documents
train the entity recogniser only.

Label Studio: the JSON export (a list of tasks, ``data.text`` and ``annotations[0].result`` items of
type ``labels``). doccano: the JSONL export of sequence labelling, with ``label`` as
``[start, end, label]`` triples or ``entities`` as ``start_offset``/``end_offset``/``label`` objects.

Spans that do not match the text, fall outside it, or overlap are reported with document and
position, counted, and left out; nothing is dropped silently.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .corpus import TOPICS
from .normalize import normalize
from .sentences import sentence_spans

TOPIC_PREFIX = "TOPIC:"


@dataclass
class ImportReport:
    """What an import kept and what it could not, with a message for every span left out."""

    documents: int = 0
    entities: int = 0
    sentences: int = 0
    problems: list[str] = field(default_factory=list)


def _record(doc_id: str, text: str, spans: list[tuple[int, int, str, str | None]], report: ImportReport,
            where: str) -> dict[str, Any] | None:
    """A corpus record from labelled spans ``(start, end, label, text or None)`` of ``text``."""
    if not isinstance(text, str) or not text.strip():
        report.problems.append(f"{where}: document {doc_id}: no text")
        return None
    norm = normalize(text).text
    if norm != text:
        report.problems.append(f"{where}: document {doc_id}: the text is not normalised "
                               f"(label the output of cppcc-nlp pre-annotate); left out")
        return None
    ents, topics = [], {}
    for start, end, label, span_text in spans:
        pos = f"{where}: document {doc_id}: span {start}-{end} {label}"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            report.problems.append(f"{pos}: offsets outside the text ({len(text)} characters); left out")
            continue
        if span_text is not None and text[start:end] != span_text:
            report.problems.append(f"{pos}: says {span_text!r} but the text there is {text[start:end]!r}; left out")
            continue
        if label.startswith(TOPIC_PREFIX):
            topic = label[len(TOPIC_PREFIX):]
            if topic not in TOPICS:
                report.problems.append(f"{pos}: unknown topic {topic!r}; left out")
                continue
            topics[(start, end)] = topic
        else:
            ents.append({"start": start, "end": end, "label": label, "text": text[start:end]})
    ents.sort(key=lambda e: (e["start"], -e["end"]))
    kept = []
    for e in ents:
        if kept and e["start"] < kept[-1]["end"]:
            report.problems.append(f"{where}: document {doc_id}: span {e['start']}-{e['end']} {e['label']} overlaps "
                                   f"{kept[-1]['start']}-{kept[-1]['end']} {kept[-1]['label']}; left out")
            continue
        kept.append(e)
    if topics:
        sentences = [{"start": s, "end": e, "topic": t} for (s, e), t in sorted(topics.items())]
    else:
        sentences = [{"start": s, "end": e, "topic": None} for s, e in sentence_spans(text)]
    report.documents += 1
    report.entities += len(kept)
    report.sentences += sum(1 for s in sentences if s["topic"])
    return {"id": str(doc_id), "text": text, "source": "imported", "meta": {}, "split": "train",
            "entities": kept, "sentences": sentences}


def read_labelstudio(path: str | Path) -> tuple[list[dict], ImportReport]:
    """Records and a report from a Label Studio JSON export."""
    report = ImportReport()
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ValueError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from None
    if not isinstance(tasks, list):
        raise ValueError(f"{path}: a Label Studio export is a JSON list of tasks")
    records = []
    for n, task in enumerate(tasks, 1):
        doc_id = task.get("id", n)
        anns = task.get("annotations") or task.get("predictions") or [{}]
        spans = []
        for item in anns[0].get("result", []):
            v = item.get("value", {})
            for label in v.get("labels", []):
                spans.append((v.get("start"), v.get("end"), label, v.get("text")))
        rec = _record(doc_id, task.get("data", {}).get("text"), spans, report, f"{path}: task {n}")
        if rec:
            records.append(rec)
    return records, report


def read_doccano(path: str | Path) -> tuple[list[dict], ImportReport]:
    """Records and a report from a doccano JSONL export."""
    report = ImportReport()
    records = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{n}: not valid JSON ({err.msg})") from None
        if "entities" in item:
            spans = [(e.get("start_offset"), e.get("end_offset"), e.get("label"), None) for e in item["entities"]]
        else:
            spans = [(s[0], s[1], s[2], None) for s in item.get("label", [])]
        rec = _record(item.get("id", n), item.get("text"), spans, report, f"{path}:{n}")
        if rec:
            records.append(rec)
    return records, report


def _spans(rec: dict) -> list[tuple[int, int, str]]:
    out = [(e["start"], e["end"], e["label"]) for e in rec["entities"]]
    out += [(s["start"], s["end"], TOPIC_PREFIX + s["topic"]) for s in rec["sentences"] if s.get("topic")]
    return out


def to_labelstudio(records: Iterable[dict], predictions: bool = True) -> list[dict]:
    """Label Studio tasks for ``records`` (as predictions to correct, or as annotations)."""
    tasks = []
    for rec in records:
        result = [{"id": f"s{i}", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": s, "end": e, "text": rec["text"][s:e], "labels": [lab]}}
                  for i, (s, e, lab) in enumerate(_spans(rec))]
        tasks.append({"data": {"text": rec["text"], "doc_id": rec["id"]},
                      ("predictions" if predictions else "annotations"): [{"model_version": "cppcc-nlp",
                                                                          "result": result}]})
    return tasks


def to_doccano(records: Iterable[dict]) -> list[dict]:
    """doccano JSONL lines for ``records``."""
    return [{"id": rec["id"], "text": rec["text"], "label": [list(s) for s in _spans(rec)]} for rec in records]


def doc_to_record(doc, doc_id: str) -> dict:
    """A corpus record of a pipeline's prediction on already normalised text (run the pipeline on
    ``normalize(raw).text``: that is the text annotators label)."""
    text = doc.text
    sents = []
    for s in doc.sents:
        stripped = s.text.strip()
        if stripped:
            start = s.start_char + len(s.text) - len(s.text.lstrip())
            sents.append({"start": start, "end": start + len(stripped), "topic": s._.topic})
    return {"id": doc_id, "text": text, "source": "predicted", "meta": {}, "split": "train",
            "entities": [{"start": e.start_char, "end": e.end_char, "label": e.label_, "text": e.text}
                         for e in doc.ents], "sentences": sents}
