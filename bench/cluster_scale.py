"""Clustering at scale: time, peak memory, index recall and cluster agreement.

    python bench/cluster_scale.py [--sizes 10000,100000,1000000] [--real 10000]
        [--eval-dir ../shared/eval] [--agree-max 100000] [--json bench/results/cluster_scale.json]

Cases, each in a child process of its own so that its peak memory (``ru_maxrss``) is its own:

* ``real``: news sentences from BASIL and ECB+ (read from the eval folder, never copied),
  embedded with all-MiniLM-L6-v2 (cached under bench/results/cache), clustered with the
  production decision (``TextLink``: ``similarity.link_score`` on the texts). Skipped with
  a message when the eval folder is absent.
* ``synthetic``: MiniLM-like vectors without texts, clustered with the vector-only
  ``CosineLink`` (link = LINK_THRESHOLD at cosine 0.7, members at least 0.65). The vectors
  imitate the embeddings of 12,000 BASIL/ECB+ sentences: a shared mean direction of norm
  0.28, an anisotropic spectrum fitted to theirs (eigenvalues ~ (i + 20)^-1.4: 28% of the
  variance in 16 dimensions, 58% in 64), nested topics (see ``LEVELS``) tuned so that the
  share of statements with a neighbour at cosine >= 0.5 (0.86; real 0.87) and >= 0.7 (0.30;
  real 0.30) match, and planted duplicate groups: 30% of the statements are variants in
  groups of 2-10, pairwise cosine 0.75-0.95, arriving at random positions. At 12k their
  inverted-file recall is higher than the real sentences' (see the real case's
  ``forced_ivf``): the real case is the honest reference for recall.

Measured per case: index build time (with IVF training), clustering time (with its
searches, also shown alone), peak RSS of the child and RSS after the data alone, and CPU
time. With an inverted file: recall against exact search of the pairs at cosine >= 0.5
(the candidate floor), >= 0.65 and >= 0.8 among the NEIGHBOURS + 1 nearest (on a sample
of 2,000 queries, exact search by brute force), found by the query's own search and found
from either side (the clusterer counts a pair found by the other side's search when exact
search could have returned it, so its share lies between the two), and, up to
``--agree-max`` vectors, the agreement (pairwise F1, ARI) with the clustering of the same
data through exact search;
below the IVF threshold that comparison forces the inverted file. Synthetic cases also
score against the planted groups. Times are wall clock on whatever else the machine runs:
the load average is recorded with each case.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from embeddings import VectorIndex  # noqa: E402
from embeddings.index import IVF_THRESHOLD, NPROBE, Groups  # noqa: E402
from provenance.cluster import (  # noqa: E402
    CANDIDATE_FLOOR,
    NEIGHBOURS,
    ClusterState,
    CosineLink,
    Link,
    TextLink,
    assign_clusters,
)

Matrix = np.ndarray[Any, np.dtype[np.float32]]
Labels = np.ndarray[Any, np.dtype[np.int64]]

DIM = 384
RECALL_SAMPLE = 2000
RECALL_CUTS = (CANDIDATE_FLOOR, 0.65, 0.8)
# Fitted to the embeddings of 12,000 BASIL/ECB+ sentences (see module docstring).
MEAN_NORM = 0.277
SPECTRUM_ALPHA = 1.4
SPECTRUM_SHIFT = 20
# Nested topics (about 10,000, 1,000, 100 and 10 statements each; each one inside one of
# the next larger size) and the share of the variance each level gives its statements,
# varied by +-JITTER per topic. A single level of Gaussian topics is the worst case for an
# inverted file (the neighbours of a statement scatter over all directions of its topic)
# and unlike text, whose neighbourhoods are nested: elections > a campaign > a debate.
LEVELS = ((10_000, 0.08), (1_000, 0.08), (100, 0.12), (10, 0.12))
JITTER = 0.5
PLANTED_SHARE = 0.3
_SENT_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z“\"‘])")


# --- data --------------------------------------------------------------------------------


def synthetic(n: int, seed: int = 7) -> tuple[Matrix, Labels]:
    """``n`` MiniLM-like unit vectors in arrival order, and planted group labels (-1: none)."""
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((DIM, DIM)))
    spectrum = (np.arange(1, DIM + 1) + SPECTRUM_SHIFT) ** -SPECTRUM_ALPHA
    spectrum *= (1 - MEAN_NORM**2) / spectrum.sum()
    shape = (basis * np.sqrt(spectrum)).T.astype(np.float32)  # z @ shape ~ N(0, cov)
    mean = (basis[:, -1] * MEAN_NORM).astype(np.float32)
    levels: list[tuple[Labels, Matrix, np.ndarray[Any, np.dtype[np.float32]]]] = []
    parents = 1
    for size, share in LEVELS:
        k = max(1, n // size)
        centres = rng.standard_normal((k, DIM), dtype=np.float32) @ shape
        shares = (share * rng.uniform(1 - JITTER, 1 + JITTER, k)).astype(np.float32)
        levels.append((rng.integers(0, parents, k), centres, shares))
        parents = k

    def sentences(m: int) -> Matrix:
        node = rng.integers(0, parents, m)
        x = np.zeros((m, DIM), dtype=np.float32)
        used = np.zeros(m, dtype=np.float32)
        for parent, centres, shares in reversed(levels):
            x += np.sqrt(shares[node])[:, None] * centres[node]
            used += shares[node]
            node = parent[node]
        own = rng.standard_normal((m, DIM), dtype=np.float32) @ shape
        x += np.sqrt(1 - used)[:, None] * own + mean
        result: Matrix = x / np.linalg.norm(x, axis=1, keepdims=True)
        return result

    sizes: list[int] = []
    planted = 0
    while planted < PLANTED_SHARE * n:
        sizes.append(int(min(10, 1 + rng.geometric(0.35))))
        planted += sizes[-1]
    planted = min(n, planted)
    # Planted groups take the first slots here; the shuffle at the end scatters them.
    group = np.repeat(np.arange(len(sizes)), sizes)[:planted]
    bases = sentences(len(sizes))
    cosine = rng.uniform(0.75, 0.95, len(sizes)).astype(np.float32)
    sigma = np.sqrt(1 / cosine - 1)  # unit-variance noise: E[cos] = 1 / (1 + sigma^2)
    out = np.empty((n, DIM), dtype=np.float32)
    labels = np.full(n, -1, dtype=np.int64)
    for lo in range(0, planted, 100_000):
        hi = min(planted, lo + 100_000)
        noise = rng.standard_normal((hi - lo, DIM), dtype=np.float32) @ shape
        noise /= np.sqrt(1 - MEAN_NORM**2)
        out[lo:hi] = bases[group[lo:hi]] + sigma[group[lo:hi], None] * noise
    labels[:planted] = group
    for lo in range(planted, n, 100_000):
        out[lo : min(n, lo + 100_000)] = sentences(min(n, lo + 100_000) - lo)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    order = rng.permutation(n)
    return np.ascontiguousarray(out[order]), labels[order]


def real_sentences(eval_dir: Path, n: int, seed: int = 11) -> list[str]:
    basil = eval_dir / "basil" / "basil_docs.jsonl"
    ecb = eval_dir / "ecbplus" / "ecbplus_docs.jsonl"
    missing = [str(p) for p in (basil, ecb) if not p.is_file()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    out: list[str] = []
    with open(basil, encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line).get("paragraphs", []):
                out.extend(s.strip() for s in _SENT_END.split(para))
    with open(ecb, encoding="utf-8") as fh:
        for line in fh:
            out.extend(s.strip() for s in json.loads(line).get("sentences", []))
    unique = list(dict.fromkeys(s for s in out if len(s.split()) >= 4))
    rng = np.random.default_rng(seed)
    return [unique[i] for i in rng.permutation(len(unique))[:n]]


def embed(texts: list[str]) -> Matrix:
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:20]
    cache = ROOT / "bench" / "results" / "cache" / f"cluster_scale-{key}.npy"
    if cache.exists():
        cached: Matrix = np.load(cache)
        return cached
    from embeddings import Encoder

    vectors = Encoder().encode(texts)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vectors)
    return vectors


# --- measures ----------------------------------------------------------------------------


def pair_scores(truth: Sequence[int] | Labels, found: Sequence[int] | Labels) -> dict[str, float]:
    """Pairwise precision / recall / F1 and adjusted Rand index of two labellings."""
    t = np.unique(np.asarray(truth), return_inverse=True)[1].astype(np.int64)
    f = np.unique(np.asarray(found), return_inverse=True)[1].astype(np.int64)
    n = len(t)
    joint = np.unique(t * (int(f.max()) + 1) + f, return_counts=True)[1]

    def pairs(counts: np.ndarray[Any, Any]) -> float:
        c = counts.astype(np.float64)
        return float((c * (c - 1) / 2).sum())

    both = pairs(joint)
    in_t = pairs(np.bincount(t))
    in_f = pairs(np.bincount(f))
    total = n * (n - 1) / 2
    precision = both / in_f if in_f else 1.0
    recall = both / in_t if in_t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    expected = in_t * in_f / total if total else 0.0
    top = (in_t + in_f) / 2 - expected
    ari = (both - expected) / top if top else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari}


def recall_vs_exact(index: VectorIndex, vectors: Matrix, ids: Labels) -> dict[str, float]:
    """Share of exact nearest-neighbour pairs above each cut that the index also returns:
    from the query's own search (``recall``), and from either side's (``recall_either``:
    what the clusterer uses with an inverted file, see ``assign_clusters``)."""
    import faiss

    k = NEIGHBOURS + 1
    rng = np.random.default_rng(3)
    sample = np.sort(rng.choice(len(vectors), min(RECALL_SAMPLE, len(vectors)), replace=False))
    exact = faiss.IndexFlatIP(DIM)
    for lo in range(0, len(vectors), 262_144):
        exact.add(vectors[lo : lo + 262_144])
    ex_scores, ex_rows = exact.search(vectors[sample], k)
    del exact
    _, got = index.search(vectors[sample], k)
    others = np.unique(ex_rows[ex_rows >= 0])
    _, got_back = index.search(vectors[others], k)
    back = {int(o): set(row.tolist()) for o, row in zip(others, got_back, strict=True)}
    out: dict[str, float] = {}
    for cut in RECALL_CUTS:
        hit = either = total = 0
        for q, row in enumerate(sample.tolist()):
            mine = set(got[q].tolist())
            for r, s in zip(ex_rows[q].tolist(), ex_scores[q].tolist(), strict=True):
                if r < 0 or r == row or s < cut:
                    continue
                total += 1
                hit += int(ids[r]) in mine
                either += int(ids[r]) in mine or int(ids[row]) in back[r]
        out[f"recall@{cut:g}"] = hit / total if total else 1.0
        out[f"recall_either@{cut:g}"] = either / total if total else 1.0
        out[f"pairs@{cut:g}"] = float(total)
    return out


class TimedIndex(VectorIndex):
    """The index, timing its searches."""

    search_seconds = 0.0

    def search(
        self,
        vectors: Matrix,
        k: int,
        *,
        min_score: float = -np.inf,
        earlier_than: Labels | None = None,
        groups: Groups | None = None,
    ) -> tuple[Matrix, Labels]:
        start = time.perf_counter()
        try:
            return super().search(
                vectors, k, min_score=min_score, earlier_than=earlier_than, groups=groups
            )
        finally:
            self.search_seconds += time.perf_counter() - start


def cluster(
    vectors: Matrix, link: Link, *, ivf_threshold: int
) -> tuple[list[str], dict[str, Any], TimedIndex]:
    ids = np.arange(1, len(vectors) + 1, dtype=np.int64)  # SQLite row ids start at 1
    cpu = time.process_time()
    start = time.perf_counter()
    index = TimedIndex(DIM, ivf_threshold=ivf_threshold)
    index.add(ids, vectors)
    built = time.perf_counter()
    state = ClusterState()
    assign_clusters(
        ids.tolist(),
        vectors,
        index,
        state,
        hash_of=lambda vid: f"{vid:012x}",
        vectors_of=lambda vids: vectors[np.asarray(vids, dtype=np.int64) - 1],
        link=link,
    )
    done = time.perf_counter()
    labels = [state.assigned[int(v)] for v in ids]
    stats = {
        "index": index.kind,
        "nlist": index.nlist,
        "index_s": built - start,
        "cluster_s": done - built,
        "search_s": index.search_seconds,
        "total_s": done - start,
        "cpu_s": time.process_time() - cpu,
        "clusters": len(state.members),
        "multi": sum(1 for m in state.members.values() if len(m) > 1),
    }
    return labels, stats, index


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CountingLink:
    """Counts link-score calls and their time (for the per-pair cost of ``link_score``)."""

    def __init__(self, inner: Link) -> None:
        self.inner = inner
        self.calls = 0
        self.pairs = 0
        self.seconds = 0.0

    def __call__(
        self, vid: int, members: Sequence[int], cosines: Matrix, floor: float
    ) -> list[float] | None:
        start = time.perf_counter()
        try:
            return self.inner(vid, members, cosines, floor)
        finally:
            self.seconds += time.perf_counter() - start
            self.calls += 1
            self.pairs += len(members)


def run_case(kind: str, n: int, eval_dir: Path, agree_max: int) -> dict[str, Any]:
    base = rss_mib()
    planted: Labels | None = None
    make_link: Callable[[], Link]
    if kind == "real":
        texts = real_sentences(eval_dir, n)
        vectors = embed(texts)
        ids_text = dict(enumerate(texts, start=1))
        make_link = lambda: TextLink(ids_text.__getitem__)  # noqa: E731
        link_name = "TextLink (link_score on texts)"
    else:
        vectors, planted = synthetic(n)
        make_link = CosineLink
        link_name = "CosineLink (vector only)"
    n = len(vectors)
    data = rss_mib() - base
    counting = CountingLink(make_link())
    labels, stats, index = cluster(vectors, counting, ivf_threshold=IVF_THRESHOLD)
    out: dict[str, Any] = {
        "case": kind,
        "n": n,
        "link": link_name,
        **stats,
        "link_calls": counting.calls,
        "link_pairs": counting.pairs,
        "link_s": counting.seconds,
        "data_mib": data,
        "peak_mib": peak_mib(),
        "load_avg": os.getloadavg()[0],
    }
    ids = np.arange(1, n + 1, dtype=np.int64)
    if planted is not None:
        truth = np.where(planted >= 0, planted, -ids)  # unplanted vectors: singletons
        out["vs_planted"] = pair_scores(truth, np.unique(labels, return_inverse=True)[1])
    if index.kind == "ivf":
        out.update(recall_vs_exact(index, vectors, ids))
    if n <= agree_max:
        other_threshold = n + 1 if index.kind == "ivf" else 0
        del index
        other_labels, other_stats, other = cluster(
            vectors, make_link(), ivf_threshold=other_threshold
        )
        if other.kind == "ivf":
            out["forced_ivf"] = {**other_stats, **recall_vs_exact(other, vectors, ids)}
        else:
            out["exact"] = other_stats
        codes = np.unique(labels + other_labels, return_inverse=True)[1]
        out["ivf_vs_exact"] = pair_scores(codes[n:], codes[:n])
        if planted is not None:
            out["other_vs_planted"] = pair_scores(truth, codes[n:])
    return out


# --- driver ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--real", type=int, default=10_000, help="real sentences (0: none)")
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--agree-max", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=ROOT / "bench/results/cluster_scale.json")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # child: "real:N" or "synthetic:N"
    args = parser.parse_args()
    if args.case:
        kind, n = args.case.split(":")
        print(json.dumps(run_case(kind, int(n), args.eval_dir, args.agree_max)))
        return
    cases = ([f"real:{args.real}"] if args.real else []) + [
        f"synthetic:{int(s)}" for s in args.sizes.split(",") if s
    ]
    results: list[dict[str, Any]] = []
    for case in cases:
        print(f"running {case} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--case",
                case,
                "--eval-dir",
                str(args.eval_dir),
                "--agree-max",
                str(args.agree_max),
            ],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
            if case.startswith("real") and "FileNotFoundError" in proc.stderr:
                print(f"skipped {case}: evaluation data not found ({tail[0]})", file=sys.stderr)
                continue
            raise SystemExit(f"{case} failed:\n{proc.stderr}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(row(results[-1]), file=sys.stderr, flush=True)
    print_table(results)
    growth = _growth(results)
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "ivf_threshold": IVF_THRESHOLD,
        "nprobe": NPROBE,
        "neighbours": NEIGHBOURS + 1,
        "growth_100k_to_1m": growth,
        "cases": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.json}")


HEADER = (
    f"{'case':<10} {'n':>8} {'index':>5} {'build s':>8} {'search s':>8} {'cluster s':>9} "
    f"{'total s':>8} {'cpu s':>6} {'peak MiB':>8} {'data MiB':>8} {'rec.5':>6} {'rec.5e':>6} "
    f"{'rec.8':>6} {'rec.8e':>6} {'F1 vs ex':>8} {'ARI vs ex':>9} {'F1 plant':>8} {'load':>5}"
)
# rec.5 / rec.8: recall of exact neighbour pairs at cosine >= 0.5 / 0.8 by the query's own
# search; rec.5e / rec.8e: found from either side. Below the IVF threshold these are the
# forced inverted file's (the default index is exact there).


_RECALLS = ("recall@0.5", "recall_either@0.5", "recall@0.8", "recall_either@0.8")


def row(r: dict[str, Any]) -> str:
    forced = r.get("forced_ivf", {})
    rec = {key: r.get(key, forced.get(key)) for key in _RECALLS}
    agree = r.get("ivf_vs_exact", {})
    planted = r.get("vs_planted", {})

    def f(x: float | None, fmt: str) -> str:
        return "-" if x is None else format(x, fmt)

    return (
        f"{r['case']:<10} {r['n']:>8} {r['index']:>5} {r['index_s']:>8.1f} {r['search_s']:>8.1f} "
        f"{r['cluster_s']:>9.1f} {r['total_s']:>8.1f} {r['cpu_s']:>6.0f} {r['peak_mib']:>8.0f} "
        f"{r['data_mib']:>8.0f} " + " ".join(f"{f(rec[key], '6.4f'):>6}" for key in _RECALLS) + " "
        f"{f(agree.get('f1'), '8.4f'):>8} {f(agree.get('ari'), '9.4f'):>9} "
        f"{f(planted.get('f1'), '8.4f'):>8} {r['load_avg']:>5.1f}"
    )


def print_table(results: list[dict[str, Any]]) -> None:
    print(HEADER)
    for r in results:
        print(row(r))
    growth = _growth(results)
    if growth is not None:
        print(f"growth 100k -> 1M (total time): {growth:.1f}x")


def _growth(results: list[dict[str, Any]]) -> float | None:
    by_n = {r["n"]: r["total_s"] for r in results if r["case"] == "synthetic"}
    if 100_000 in by_n and 1_000_000 in by_n:
        return float(by_n[1_000_000] / by_n[100_000])
    return None


if __name__ == "__main__":
    main()
