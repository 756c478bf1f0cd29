"""Compile the team's inline annotation markup into corpus JSONL records.

Authored documents are written one sentence a line, topic code first, entities inline::

    @id: h3-02
    @locality: 晋江市
    @level: county
    @year: 2019
    @genre: news

    C>今年以来，[晋江市政协|ORG]建成委员联络站[19个|QTY]。
    L>推动解决群众身边问题[143个|QTY]。

Paragraphs are separated by a blank line; topic codes are P, C, S, L, O (POLITICAL, CONSULTATION,
SUPERVISION, LIVELIHOOD, OTHER); entity labels ORG, PROG, QTY. A seed is annotated on a template
of its normalised sentences (same format, no header); its text stays the normalised seed text.

    python training/markup.py authored DIR... -o OUT.jsonl
    python training/markup.py seed ANNOTATED SEED_FILE -o OUT.jsonl
    python training/markup.py second ID.ann2.txt... -o OUT.jsonl     # a second annotation
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cppcc_nlp.corpus import hash_percent, record_errors  # noqa: E402
from cppcc_nlp.normalize import normalize  # noqa: E402
from cppcc_nlp.sections import section_bounds  # noqa: E402
from cppcc_nlp.sentences import sentence_spans  # noqa: E402

CODES = {"P": "POLITICAL", "C": "CONSULTATION", "S": "SUPERVISION", "L": "LIVELIHOOD", "O": "OTHER"}
LABELS = {"ORG": "ORG", "PROG": "PROGRAMME", "QTY": "QUANTITY"}
ENT = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")
HEADER = re.compile(r"^@(\w+):\s*(.*)$")
HELDOUT_PERCENT = 15


def parse_line(line: str, where: str) -> tuple[str, str, list[tuple[int, int, str]]]:
    """``(topic, plain text, entities)`` of one annotated sentence line."""
    m = re.match(r"^([PCSLO])>(.*)$", line)
    if not m:
        raise ValueError(f"{where}: a sentence line starts with P>, C>, S>, L> or O>")
    body, plain, ents, pos = m.group(2), "", [], 0
    for em in ENT.finditer(body):
        if em.group(2) not in LABELS:
            raise ValueError(f"{where}: unknown label {em.group(2)}")
        plain += body[pos:em.start()]
        ents.append((len(plain), len(plain) + len(em.group(1)), LABELS[em.group(2)]))
        plain += em.group(1)
        pos = em.end()
    plain += body[pos:]
    if re.search(r"[\[\]|]", plain):
        raise ValueError(f"{where}: broken entity markup")
    return CODES[m.group(1)], plain, ents


def split_for(doc_id: str) -> str:
    """A fixed, reproducible held-out share of the authored documents."""
    return "heldout" if hash_percent(doc_id) < HELDOUT_PERCENT else "train"


def _finish(rec: dict) -> dict:
    text = rec["text"]
    rec["sections"] = [{"start": s, "end": e, "heading": text[h.start:h.end]} for s, e, h in section_bounds(text)]
    errors = record_errors(rec)
    if errors:
        raise ValueError(f"{rec['id']}: " + "; ".join(errors))
    return rec


def compile_authored(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").split("\n")
    meta, i = {}, 0
    while i < len(lines) and lines[i].startswith("@"):
        m = HEADER.match(lines[i])
        if m:
            meta[m.group(1)] = m.group(2).strip()
        i += 1
    text, ents, sents, in_para = "", [], [], False
    for n in range(i, len(lines)):
        line = lines[n].rstrip()
        if not line.strip():
            in_para = False
            continue
        if not in_para and text:
            text += "\n"
        in_para = True
        topic, plain, spans = parse_line(line, f"{path}:{n + 1}")
        start = len(text)
        text += plain
        ents += [{"start": start + s, "end": start + e, "label": lab, "text": plain[s:e]} for s, e, lab in spans]
        sents.append({"start": start, "end": start + len(plain), "topic": topic})
    if normalize(text).text != text:
        raise ValueError(f"{path}: the text is not normalised (normalising it changes it)")
    doc_id = meta.pop("id")
    meta["year"] = int(meta["year"])
    return _finish({"id": doc_id, "text": text, "source": "authored", "meta": meta, "split": split_for(doc_id),
                    "entities": ents, "sentences": sents})


def lay_on(annotated: Path, text: str, spans: list[tuple[int, int]]) -> tuple[list, list]:
    """Entities and sentences of the sentence lines of ``annotated`` laid on ``text``, whose
    sentences are ``spans`` in order."""
    lines = [ln for ln in annotated.read_text(encoding="utf-8").split("\n") if ln.strip()]
    if len(lines) != len(spans):
        raise ValueError(f"{annotated}: {len(lines)} sentence lines, but the text has {len(spans)} sentences")
    ents, sents = [], []
    for n, (line, (s, e)) in enumerate(zip(lines, spans), 1):
        topic, plain, found = parse_line(line, f"{annotated}:{n}")
        if plain != text[s:e]:
            raise ValueError(f"{annotated}:{n}: text differs from the sentence {text[s:e][:30]!r}")
        ents += [{"start": s + a, "end": s + b, "label": lab, "text": plain[a:b]} for a, b, lab in found]
        sents.append({"start": s, "end": e, "topic": topic})
    return ents, sents


def compile_seed(annotated: Path, seed: Path, meta: dict | None = None) -> dict:
    """A seed's record: the sentence lines of ``annotated`` laid on the normalised seed text."""
    text = normalize(seed.read_text(encoding="utf-8")).text
    ents, sents = lay_on(annotated, text, sentence_spans(text))
    return _finish({"id": seed.stem[:3], "text": text, "source": seed.name, "meta": meta or {}, "split": "train",
                    "entities": ents, "sentences": sents})


def compile_second(annotated: Path, record: dict) -> dict:
    """A second, independent annotation of a corpus document, on the document's own sentences."""
    spans = [(s["start"], s["end"]) for s in record["sentences"]]
    ents, sents = lay_on(annotated, record["text"], spans)
    return _finish(dict(record, entities=ents, sentences=sents))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("authored")
    a.add_argument("dirs", nargs="+", type=Path)
    a.add_argument("-o", "--output", type=Path, required=True)
    b = sub.add_parser("second", help="second annotations (ID.ann2.txt) of corpus documents")
    b.add_argument("files", nargs="+", type=Path)
    b.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent / "corpus" / "corpus.jsonl")
    b.add_argument("-o", "--output", type=Path, required=True)
    s = sub.add_parser("seed")
    s.add_argument("annotated", type=Path)
    s.add_argument("seed", type=Path)
    s.add_argument("--meta", default="{}", help="JSON object: locality, level, year, genre")
    s.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "authored":
        files = [f for d in args.dirs for f in (sorted(d.glob("*.txt")) if d.is_dir() else [d])]
        recs = [compile_authored(f) for f in files]
    elif args.cmd == "second":
        corpus = {json.loads(l)["id"]: json.loads(l) for l in args.corpus.open(encoding="utf-8") if l.strip()}
        recs = [compile_second(f, corpus[f.name.split(".")[0]]) for f in args.files]
    else:
        recs = [compile_seed(args.annotated, args.seed, json.loads(args.meta))]
    with open(args.output, "w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} record(s) to {args.output}")


if __name__ == "__main__":
    main()
