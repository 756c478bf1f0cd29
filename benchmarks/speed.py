"""Speed and size of the bundled pipeline (or another), stage by stage. Prints its figures; asserts nothing.

    python benchmarks/speed.py [--repeat 5] [--model PATH]

Measures, over the five seed reports repeated --repeat times: characters per second of nlp.pipe
with one and with two processes, the same for segmentation alone (normalising tokenizer), the
time of each component, import and model load time, peak memory of this process and the model's size on disk.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--model", help="a pipeline directory (default: the bundled one)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    import cppcc_nlp

    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = cppcc_nlp.load(args.model)
    model_dir = Path(args.model or cppcc_nlp.MODEL_DIR)
    load_s = time.perf_counter() - t0
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * args.repeat
    chars = sum(map(len, texts))
    list(nlp.pipe(texts[:5]))  # warm up

    def rate(run) -> float:
        start = time.perf_counter()
        run()
        return round(chars / (time.perf_counter() - start))

    stages = Counter()
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        stages["tokenizer (normalise + pkuseg)"] += time.perf_counter() - start
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            stages[name] += time.perf_counter() - start
    out = {
        "characters": chars,
        "pipeline_chars_per_s_1_process": rate(lambda: list(nlp.pipe(texts))),
        "pipeline_chars_per_s_2_processes": rate(lambda: list(nlp.pipe(texts, n_process=2, batch_size=5))),
        "segmentation_chars_per_s_1_process": rate(lambda: [nlp.make_doc(t) for t in texts]),
        "stage_chars_per_s": {k: round(chars / v) for k, v in stages.items()},
        "import_s": round(import_s, 2),  # spaCy and the package
        "load_s": round(load_s, 2),  # cppcc_nlp.load() after that
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "model_mb_on_disk": round(sum(f.stat().st_size for f in model_dir.rglob("*") if f.is_file()) / 2**20, 1),
    }
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return out


if __name__ == "__main__":
    main()
