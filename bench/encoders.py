"""Encoder backends on real news sentences: speed and agreement with torch fp32.

    python bench/encoders.py [--eval-dir ../shared/eval] [--n 5000] [--speed-n 1500] [--rounds 5]

Sentences: BASIL paragraphs split at sentence ends, plus ECB+ sentences, deduplicated,
at least four words, sampled with a fixed seed and shuffled (arrival order, as ingest sees
them). Every backend encodes the same list through ``Encoder.encode``. Speed is timed on
the first ``--speed-n`` of them in short rounds that interleave the backends, so load from
other processes hits them alike; the best round counts, and sentences per CPU-second are
reported beside it as the measure least moved by such load.

Agreement is against torch fp32 from the same run: cosine per sentence, kNN@10 overlap
(exact FAISS IndexFlatIP, self excluded), and for pairs at fp32 cosine >= 0.6 (the
clustering neighbourhood) the share still >= 0.6 on the backend, and the reverse.
Cold start is a fresh ``python -c "...Encoder(backend=B).encode(['x'])"`` with the export
cache already warm, best of two.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from embeddings.backends import (  # noqa: E402
    AUTO,
    BACKENDS,
    TORCH,
    openvino_bf16_supported,
    torch_bf16_supported,
)
from embeddings.encoder import BATCH_SIZE, Encoder  # noqa: E402

Matrix = np.ndarray[Any, np.dtype[np.float32]]

# Good enough for a speed bench: a sentence ends at . ! ? (maybe closed by a quote mark)
# followed by space and an upper-case letter or opening quote.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z“\"‘])")
PAIR_THRESHOLD = 0.6
K = 10


def load_sentences(eval_dir: Path) -> list[str]:
    basil = eval_dir / "basil" / "basil_docs.jsonl"
    ecb = eval_dir / "ecbplus" / "ecbplus_docs.jsonl"
    missing = [str(p) for p in (basil, ecb) if not p.is_file()]
    if missing:
        raise SystemExit(f"skipped: evaluation data not found: {', '.join(missing)}")
    out: list[str] = []
    with open(basil, encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line).get("paragraphs", []):
                out.extend(s.strip() for s in _SENT_END.split(para))
    with open(ecb, encoding="utf-8") as fh:
        for line in fh:
            out.extend(s.strip() for s in json.loads(line).get("sentences", []))
    return list(dict.fromkeys(s for s in out if len(s.split()) >= 4))


def knn(vectors: Matrix, k: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    _, ids = index.search(vectors, k + 1)
    rows = []
    for i, row in enumerate(ids):
        rows.append([j for j in row if j != i][:k])
    return np.asarray(rows, dtype=np.int64)


def knn_overlap(ref: np.ndarray[Any, Any], got: np.ndarray[Any, Any]) -> float:
    hits = sum(len(set(a.tolist()) & set(b.tolist())) for a, b in zip(ref, got, strict=True))
    return hits / ref.size


def pair_agreement(ref: Matrix, got: Matrix, thr: float) -> dict[str, float | int]:
    """Pairs i<j at cosine >= thr under fp32 that stay there, and the reverse."""
    both = ref_n = got_n = 0
    step = 1024
    for lo in range(0, len(ref), step):
        a = ref[lo : lo + step] @ ref.T >= thr
        b = got[lo : lo + step] @ got.T >= thr
        upper = np.triu(np.ones_like(a, dtype=bool), k=lo + 1)
        a &= upper
        b &= upper
        both += int((a & b).sum())
        ref_n += int(a.sum())
        got_n += int(b.sum())
    return {
        "pairs_fp32": ref_n,
        "pairs_backend": got_n,
        "kept": both / ref_n if ref_n else 1.0,
        "precision": both / got_n if got_n else 1.0,
    }


def cold_start(backend: str, cache_dir: str | None) -> float:
    env = dict(os.environ)
    if cache_dir:
        env["PROVENANCE_CACHE"] = cache_dir
    code = f"from embeddings import Encoder; Encoder(backend={backend!r}).encode(['x'])"
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        best = min(best, time.perf_counter() - t)
    return best


def available(backend: str) -> bool:
    if backend == "torch-bf16":
        return torch_bf16_supported()
    if backend == "openvino-bf16":
        return openvino_bf16_supported()
    if backend == "openvino":
        try:
            import openvino  # noqa: F401
        except ImportError:
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--n", type=int, default=5000, help="sentences for agreement")
    ap.add_argument("--speed-n", type=int, default=1500, help="sentences per timed round")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--backends",
        default=",".join(b for b in BACKENDS if b != AUTO),
        help="comma-separated; auto is reported apart (what it resolves to, its cold start)",
    )
    ap.add_argument("--cache-dir", default=None, help="OpenVINO export cache")
    ap.add_argument("--no-cold", action="store_true", help="skip the cold-start runs")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "encoders.json")
    args = ap.parse_args()

    import torch

    threads = os.cpu_count() or 1
    torch.set_num_threads(threads)

    pool = load_sentences(args.eval_dir)
    rng = random.Random(args.seed)
    sents = rng.sample(pool, min(args.n, len(pool)))
    print(f"{len(sents)} sentences (of {len(pool)}), {threads} threads", flush=True)

    names = [b.strip() for b in args.backends.split(",") if b.strip()]
    if TORCH not in names:
        names.insert(0, TORCH)
    encoders: dict[str, Encoder] = {}
    load_s: dict[str, float] = {}
    for name in names:
        if not available(name):
            print(f"{name}: not available here, skipped", flush=True)
            continue
        t = time.perf_counter()
        enc = Encoder(backend=name, batch_size=args.batch_size, cache_dir=args.cache_dir)
        enc.encode(sents[:200])  # loads (and exports, first time) and warms up
        load_s[name] = time.perf_counter() - t
        encoders[name] = enc
        print(f"{name}: loaded as {enc.backend} in {load_s[name]:.1f}s", flush=True)

    # Agreement: the whole sample once per backend.
    vecs: dict[str, Matrix] = {}
    for name, enc in encoders.items():
        t = time.perf_counter()
        vecs[name] = enc.encode(sents)
        print(f"{name}: {len(sents)} encoded in {time.perf_counter() - t:.0f}s", flush=True)

    # Speed: short interleaved rounds on a sub-sample, best round counts. Short rounds are
    # more likely to find the cores free when other processes come and go.
    speed_set = sents[: args.speed_n]
    times: dict[str, list[float]] = {n: [] for n in encoders}
    cpu: dict[str, list[float]] = {n: [] for n in encoders}
    for r in range(args.rounds):
        for name, enc in encoders.items():
            c, t = time.process_time(), time.perf_counter()
            enc.encode(speed_set)
            times[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
            print(
                f"round {r + 1} {name}: {len(speed_set) / times[name][-1]:.0f}/s wall, "
                f"{len(speed_set) / cpu[name][-1]:.0f}/cpu-s",
                flush=True,
            )

    ref = vecs[TORCH]
    ref_knn = knn(ref, K)
    rows: dict[str, dict[str, Any]] = {}
    for name, enc in encoders.items():
        got = vecs[name]
        cos = (ref * got).sum(axis=1)
        rate = len(speed_set) / min(times[name])
        rows[name] = {
            "resolved": enc.backend,
            "sent_per_s": rate,
            "sent_per_s_rounds": [len(speed_set) / t for t in times[name]],
            "speedup": min(times[TORCH]) / min(times[name]),
            # Sentences per CPU-second: steadier than wall time when other processes
            # share the cores, though it counts any spinning of idle worker threads.
            "sent_per_cpu_s": len(speed_set) / min(cpu[name]),
            "speedup_cpu": min(cpu[TORCH]) / min(cpu[name]),
            "cos_mean": float(cos.mean()),
            "cos_min": float(cos.min()),
            "knn10_overlap": knn_overlap(ref_knn, knn(got, K)) if name != TORCH else 1.0,
            "pairs_ge_0.6": pair_agreement(ref, got, PAIR_THRESHOLD),
            "load_s": load_s[name],
            "cold_start_s": None if args.no_cold else cold_start(name, args.cache_dir),
        }

    header = (
        f"{'backend':<14} {'resolved':<14} {'sent/s':>7} {'x fp32':>6} {'x cpu':>6} "
        f"{'cos mean':>9} {'cos min':>8} {'kNN@10':>7} {'kept>=.6':>8} {'prec>=.6':>8} "
        f"{'cold s':>6}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for name, row in rows.items():
        pairs = row["pairs_ge_0.6"]
        cold = "-" if row["cold_start_s"] is None else f"{row['cold_start_s']:.2f}"
        print(
            f"{name:<14} {row['resolved']:<14} {row['sent_per_s']:>7.0f} {row['speedup']:>6.2f} "
            f"{row['speedup_cpu']:>6.2f} "
            f"{row['cos_mean']:>9.6f} {row['cos_min']:>8.5f} {row['knn10_overlap']:>7.4f} "
            f"{pairs['kept']:>8.4f} {pairs['precision']:>8.4f} {cold:>6}"
        )
    print(f"pairs at fp32 cosine >= {PAIR_THRESHOLD}: {rows[TORCH]['pairs_ge_0.6']['pairs_fp32']}")

    auto = Encoder(batch_size=args.batch_size, cache_dir=args.cache_dir)
    auto_cold = None if args.no_cold else cold_start(AUTO, args.cache_dir)
    cold_txt = "" if auto_cold is None else f", cold start {auto_cold:.2f}s"
    print(f"default (auto) resolves to {auto.backend}{cold_txt}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "auto": {"resolved": auto.backend, "cold_start_s": auto_cold},
        "n": len(sents),
        "speed_n": len(speed_set),
        "rounds": args.rounds,
        "batch_size": args.batch_size,
        "threads": threads,
        "cpu": _cpu_name(),
        "python": platform.python_version(),
        "versions": _versions(),
        "backends": rows,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor()


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("torch", "sentence-transformers", "transformers", "openvino", "tokenizers"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "-"
    return out


if __name__ == "__main__":
    main()
