"""Print the corpus statistics block of corpus/README.md (or --write it there).

    python training/corpus_stats.py --write
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from agreement import agreement  # noqa: E402
from cppcc_nlp.corpus import load, statistics  # noqa: E402

README = ROOT / "corpus" / "README.md"
BEGIN, END = "<!-- stats:begin -->", "<!-- stats:end -->"


def block() -> str:
    records = load(ROOT / "corpus" / "corpus.jsonl")
    second = load(ROOT / "corpus" / "second.jsonl")
    s = statistics(records)
    agree = agreement(records, second)
    lines = [BEGIN, "", "Printed by `python training/corpus_stats.py`.", "",
             "| | seeds | authored | total |", "|---|---|---|---|",
             f"| documents | {s['documents'].get('seed', 0)} | {s['documents'].get('authored', 0)} | {len(records)} |",
             f"| characters | {s['characters'].get('seed', 0):,} | {s['characters'].get('authored', 0):,} | "
             f"{sum(s['characters'].values()):,} |", "",
             "| entities | count |", "|---|---|"]
    lines += [f"| {k} | {v:,} |" for k, v in sorted(s["entities"].items())]
    lines += [f"| total | {sum(s['entities'].values()):,} |", "", "| sentence topic | sentences |", "|---|---|"]
    lines += [f"| {k} | {v:,} |" for k, v in sorted(s["topics"].items(), key=lambda kv: -kv[1])]
    lines += ["", f"Authored documents: {s['authored_localities']} localities; levels "
              + ", ".join(f"{k} {v}" for k, v in s["authored_levels"].items()) + "; genres "
              + ", ".join(f"{k} {v}" for k, v in s["authored_genres"].items()) + "; years "
              + ", ".join(f"{k}: {v}" for k, v in s["authored_years"].items()) + ".",
              "Splits: " + ", ".join(f"{k} {v}" for k, v in s["splits"].items()) + " documents.", "",
              f"Agreement of the adjudicated gold with the independent second annotation of "
              f"{agree['documents']} documents ({agree['sentences']} sentences): entity F1 "
              + ", ".join(f"{k} {v}" for k, v in agree["entity_f1"].items())
              + f", micro {agree['entity_f1_micro']}; topic Cohen's kappa {agree['topic_kappa']}.", "", END]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="replace the block in corpus/README.md")
    args = ap.parse_args(argv)
    text = block()
    if args.write:
        readme = README.read_text(encoding="utf-8")
        README.write_text(re.sub(f"{BEGIN}.*{END}", lambda _: text, readme, flags=re.S), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
