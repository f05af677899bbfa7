"""Ingest throughput against the encoder's own limit, and incremental ingest costs.

    python bench/ingest.py [--eval-dir ../shared/eval] [--docs 600] [--repeat 3] [--json FILE]

Builds a realistic news corpus from BASIL, ECB+ and PolNeAR texts (read from the eval
folder, never copied into the project), then measures in one run:

1. end-to-end ``provenance ingest`` (documents/s, statements/s) and the same texts through
   the bare encoder in one call, as a ratio (the pipeline's overhead is what is left); and
   where the overhead goes in CPU time: what the ingest spends beside its encoder calls (in
   its own process and on its workers), what the bare encoder leaves of the cores, and from
   those the best ratio the ingest could reach if every core were busy all the time;
2. re-ingest of the unchanged corpus, relative to the first ingest;
3. ingest of 1% new documents into the store, relative to the first ingest.

This machine's speed drifts by 10-20% from one minute to the next, so item 1 is done
``--repeat`` times (a fresh store each time) with the bare encode timed right before and
right after each ingest: the ingest is set against the mean of the two, which cancels a
drift that is steady over the two minutes. Every ratio is printed with their median.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from figures import report  # noqa: E402

from embeddings import Encoder, VectorIndex  # noqa: E402
from provenance.pipeline import ingest  # noqa: E402
from provenance.statements import normalise  # noqa: E402
from provenance.store import Store  # noqa: E402


def corpus(eval_dir: Path, limit: int, seed: int = 13) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    basil = eval_dir / "basil" / "basil_docs.jsonl"
    if basil.exists():
        for line in basil.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            paras = [p for p in d.get("paragraphs", []) if isinstance(p, str)]
            docs.append(
                {
                    "text": "\n\n".join(paras),
                    "outlet": d.get("source") or "",
                    "url": d.get("url") or "",
                }
            )
    ecb = eval_dir / "ecbplus" / "ecbplus_docs.jsonl"
    if ecb.exists():
        for line in ecb.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            docs.append(
                {"text": " ".join(d.get("sentences", [])), "outlet": "", "url": d.get("url") or ""}
            )
    polnear = eval_dir / "polnear"
    for path in sorted(polnear.glob("*/text/*.txt")):
        docs.append(
            {"text": path.read_text(encoding="utf-8"), "outlet": path.name.split("_")[0], "url": ""}
        )
    docs = [{k: v for k, v in d.items() if v} for d in docs if d["text"].strip()]
    random.Random(seed).shuffle(docs)
    return docs[:limit]


class TimedEncoder:
    """The encoder, with the wall and CPU time of its calls added up (CPU of this process,
    so of the encoder's own threads too; the workers are other processes)."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.max_chars = encoder.max_chars
        self.wall = self.cpu = 0.0

    @property
    def dim(self) -> int:
        return self.encoder.dim

    def encode(self, texts: list[str], *, progress: Any = None) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return self.encoder.encode(texts, progress=progress)
        finally:
            self.wall += time.perf_counter() - t0
            self.cpu += time.process_time() - c0


class BlankEncoder:
    """Zero vectors of the encoder's shape, at no cost: for finding which texts an ingest
    embeds without embedding them."""

    def __init__(self, encoder: Encoder) -> None:
        self.name = encoder.name
        self.max_chars = encoder.max_chars
        self.dim = encoder.dim

    def encode(self, texts: list[str], *, progress: Any = None) -> Any:
        return np.zeros((len(texts), self.dim), dtype=np.float32)


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def write(docs: list[dict[str, str]], path: Path) -> Path:
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3, help="ingest/encode pairs timed")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    args = parser.parse_args()
    if not args.eval_dir.exists():
        print(f"skipped: no evaluation data at {args.eval_dir}")
        return
    docs = corpus(args.eval_dir, args.docs)
    n_new = max(1, len(docs) // 100)
    base, extra = docs[:-n_new], docs[-n_new:]

    encoder = Encoder()
    encoder.encode(["warm up the model before any clock starts"])
    # FAISS's import (~1.3 s) is start-up like the model's load, which no clock counts
    # either: without this the first run alone would pay it.
    VectorIndex(encoder.dim)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        first_file = write(base, tmp_path / "base.jsonl")
        firsts: list[float] = []
        raws: list[float] = []
        raw_cpus: list[float] = []
        beside: list[float] = []  # CPU seconds the ingest spent beside its encoder calls
        on_workers: list[float] = []  # of which on the statement workers

        # The very texts the ingest embeds, known before any clock starts: an ingest
        # with blank vectors stores the same statements (which ones are found does not
        # depend on the vectors) at a fraction of the cost.
        ingest([first_file], tmp_path / "texts", encoder=BlankEncoder(encoder))
        with Store(tmp_path / "texts") as s:
            texts = [normalise(t) for t in s.vector_texts().values()]
            statements = s.count("statements")

        def bare() -> tuple[float, float]:
            t0, c0 = time.perf_counter(), time.process_time()
            encoder.encode(texts)
            return time.perf_counter() - t0, time.process_time() - c0

        for r in range(max(1, args.repeat)):
            before = bare()
            store = tmp_path / f"store-{r}"
            timed = TimedEncoder(encoder)
            own, workers = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            first = ingest([first_file], store, encoder=timed)
            firsts.append(time.perf_counter() - t0)
            # The workers have been joined (leaving the ingest stops them), so their time
            # is in RUSAGE_CHILDREN now.
            own = cpu_seconds(resource.RUSAGE_SELF) - own - timed.cpu
            on_workers.append(cpu_seconds(resource.RUSAGE_CHILDREN) - workers)
            beside.append(own + on_workers[-1])
            assert first.embedded == len(texts)
            after = bare()
            raws.append((before[0] + after[0]) / 2)
            raw_cpus.append((before[1] + after[1]) / 2)
            print(
                f"run {r + 1}: ingest {firsts[-1]:.2f} s, bare encode {raws[-1]:.2f} s, "
                f"ratio {raws[-1] / firsts[-1]:.3f}",
                file=sys.stderr,
            )
        ratios = [raw / took for raw, took in zip(raws, firsts, strict=True)]
        t_first, t_raw = statistics.median(firsts), statistics.median(raws)
        # The cores the bare encoder leaves idle could take some of the ingest's other
        # work for free; the rest needs whole cores. With every core busy all the time the
        # ingest would take the bare encode plus that rest shared over the cores.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        bounds = [
            raw / (raw + max(0.0, extra - (cores * raw - cpu)) / cores)
            for raw, cpu, extra in zip(raws, raw_cpus, beside, strict=True)
        ]

        t0 = time.perf_counter()
        again = ingest([first_file], store, encoder=encoder)
        t_again = time.perf_counter() - t0
        assert again.embedded == 0 and not again.ingested

        t0 = time.perf_counter()
        more = ingest([write(extra, tmp_path / "extra.jsonl")], store, encoder=encoder)
        t_more = time.perf_counter() - t0

    result = {
        "documents": len(first.ingested),
        "statements": statements,
        "texts_embedded": first.embedded,
        "ingest_seconds": round(t_first, 2),
        "documents_per_s": round(len(first.ingested) / t_first, 2),
        "statements_per_s": round(statements / t_first, 1),
        "raw_encode_seconds": round(t_raw, 2),
        "raw_texts_per_s": round(len(texts) / t_raw, 1),
        "ingest_vs_raw_encode": round(statistics.median(ratios), 3),
        "ingest_vs_raw_encode_runs": [round(x, 3) for x in ratios],
        "cpu_beside_encoder_seconds": round(statistics.median(beside), 2),
        "cpu_on_workers_seconds": round(statistics.median(on_workers), 2),
        "raw_encode_cpu_seconds": round(statistics.median(raw_cpus), 2),
        "raw_encode_idle_core_seconds": round(
            statistics.median(cores * r - c for r, c in zip(raws, raw_cpus, strict=True)), 2
        ),
        "ingest_vs_raw_encode_bound": round(statistics.median(bounds), 3),
        "reingest_seconds": round(t_again, 3),
        "reingest_vs_first": round(t_again / t_first, 4),
        "new_documents": len(more.ingested),
        "new_1pct_seconds": round(t_more, 3),
        "new_1pct_vs_first": round(t_more / t_first, 4),
        "encoder": encoder.name,
        "backend": getattr(encoder, "backend", "torch"),
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
