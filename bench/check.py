"""`provenance check` as claim retrieval: CheckThat! 2022 task 2B (English).

    python bench/check.py [--eval-dir ../shared/eval] [--rebuild] [--limit N] [--no-cli]
                          [--distractors]

The 19,250 PolitiFact verified claims are ingested as JSONL (one document a claim:
text = the claim, outlet = PolitiFact, title = PolitiFact's headline, url = the fact-check,
published = the fact-check's date from its url). The claim's speaker is *not* put anywhere:
JSONL has no speaker field, and the outlet or title are not the speaker, so writing it there
would be dishonest. The store is cached under bench/results/cache/ keyed by the data, the
model and the store schema; ``--rebuild`` forces a fresh ingest (needed after changes to
sentence splitting or quote extraction, which the key does not see).

Each train and dev query with qrels is run through ``Checker.check`` (the code behind
``provenance check``); its matches and then its related statements, in order, are mapped
back to claim ids (a document's JSONL line). Row "check" is that list, row "matches" the
matches alone (what the verdict rests on). Baselines in the same run: BM25 over the claim
texts and raw cosine (query vs whole-claim embedding, exact inner-product search), both to
depth 100. MAP@5 divides by min(relevant, 5) as the CheckThat! scorer does; MRR is over the
whole list; "found" is the share of queries with a relevant claim anywhere in it.

With ``--distractors`` the store also holds every BASIL, ECB+ and PolNeAR news text
(bench/ingest.py's corpus, about 75,000 statements more): the 100k-statement store the
latency target is set for, and a harder retrieval setting (news sentences compete with
the claims; they are never relevant).

Timings: warm latency per query (reused Checker, model loaded), batch throughput of 100
queries answered as ``provenance check --from FILE`` does, and one cold CLI call.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from embeddings import Encoder, content_hash  # noqa: E402
from provenance.corroboration import Checker  # noqa: E402
from provenance.migrations import SCHEMA_VERSION  # noqa: E402
from provenance.pipeline import ingest  # noqa: E402
from provenance.statements import normalise  # noqa: E402
from provenance.store import Store  # noqa: E402

DATASET = "checkthat2022_task2b_en"
RESULTS = ROOT / "bench" / "results"
CACHE = RESULTS / "cache"
POLITIFACT = "https://www.politifact.com"
DEPTH = 100  # baselines' ranking depth: far past anything MAP@5/P@1 see, enough for MRR
BATCH = 100
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
_FACTCHECK_DATE = re.compile(r"^/factchecks/(\d{4})/([a-z]{3})/(\d{1,2})/")
_TOKEN = re.compile(r"[^\W_]+")
# A short list on purpose: BM25's idf already discounts common words; these only add noise.
# fmt: off
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "said", "says", "she",
    "so", "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "what",
    "when", "which", "who", "will", "with", "would", "you", "your",
})
# fmt: on

Matrix = np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    speaker: str
    title: str
    url: str
    published: str | None


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    split: str
    relevant: frozenset[str]


# --- data ---------------------------------------------------------------------------------


def load_claims(folder: Path) -> list[Claim]:
    out: list[Claim] = []
    with (folder / "politifact_vclaims.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            url = str(r.get("url") or "")
            m = _FACTCHECK_DATE.match(url)
            published = (
                f"{m[1]}-{_MONTHS[m[2]]:02d}-{int(m[3]):02d}" if m and m[2] in _MONTHS else None
            )
            out.append(
                Claim(
                    id=r["vclaim_id"],
                    text=r["vclaim"],
                    speaker=r.get("speaker") or "",
                    title=r.get("title") or "",
                    url=POLITIFACT + url if url.startswith("/") else url,
                    published=published,
                )
            )
    return out


def load_queries(folder: Path) -> list[Query]:
    texts: dict[str, str] = {}
    for line in (folder / "train_dev_queries.tsv").read_text(encoding="utf-8").splitlines():
        qid, _, text = line.partition("\t")
        if qid and text.strip():
            texts[qid] = text.strip()
    out: list[Query] = []
    for split in ("train", "dev"):
        relevant: dict[str, set[str]] = defaultdict(set)
        for line in (folder / f"{split}_qrels.tsv").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[3].strip() == "1":
                relevant[parts[0]].add(parts[2])
        out.extend(
            Query(qid, texts[qid], split, frozenset(rel))
            for qid, rel in relevant.items()
            if qid in texts
        )
    return out


# --- store --------------------------------------------------------------------------------


@contextmanager
def _stage(label: str, total: int) -> Iterator[Callable[[int], None]]:
    done = [0]
    step = max(1, total // 10)
    started = time.perf_counter()

    def tick(n: int) -> None:
        before = done[0] // step
        done[0] += n
        if done[0] // step > before or done[0] == total:
            took = time.perf_counter() - started
            print(f"  {label}: {done[0]:,}/{total:,} ({took:.0f}s)", file=sys.stderr, flush=True)

    yield tick


def build_store(
    folder: Path,
    claims: Sequence[Claim],
    encoder: Encoder,
    rebuild: bool,
    news: Sequence[dict[str, str]] = (),
) -> Path:
    """The cached store for these claims (and news distractors), ingested through the real
    pipeline if missing."""
    data = (folder / "politifact_vclaims.jsonl").read_bytes()
    salt = f"\0{encoder.name}\0schema {SCHEMA_VERSION}".encode()
    if news:
        salt += hashlib.sha1(json.dumps(list(news)).encode()).hexdigest().encode()
    key = hashlib.sha1(data + salt).hexdigest()[:12]
    home = CACHE / f"{DATASET}{'-news' if news else ''}-{key}"
    store_dir, ready = home / "store", home / "READY"
    if ready.exists() and not rebuild:
        return store_dir
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    jsonl = home / "claims.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for c in claims:
            record = {"id": c.id, "text": c.text, "url": c.url, "outlet": "PolitiFact",
                      "title": c.title, "published": c.published}  # fmt: skip
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    files = [jsonl]
    if news:
        files.append(home / "news.jsonl")
        files[-1].write_text("".join(json.dumps(d) + "\n" for d in news), encoding="utf-8")
    print(
        f"ingesting {len(claims):,} claims and {len(news):,} news texts into {store_dir} ...",
        file=sys.stderr,
        flush=True,
    )
    started = time.perf_counter()
    result = ingest(files, store_dir, encoder=encoder, progress=_stage)
    took = time.perf_counter() - started
    if result.errors:
        raise SystemExit(f"ingest failed: {result.errors[0]}")
    (home / "ingest.json").write_text(
        json.dumps(
            {
                "documents": len(result.ingested),
                "statements": result.statements,
                "embedded": result.embedded,
                "seconds": round(took, 1),
            },
            indent=2,
        )
    )
    ready.write_text(key)
    print(f"ingested in {took:.0f}s", file=sys.stderr, flush=True)
    return store_dir


def claim_of_document(store: Store, claims: Sequence[Claim]) -> dict[str, str]:
    """Document id -> claim id, through the JSONL line each document was read from."""
    out: dict[str, str] = {}
    for doc in store.documents():
        path, _, line_no = doc.source.rpartition(":")
        if Path(path).name != "claims.jsonl":
            continue  # a news distractor
        line = int(line_no)
        out[doc.id] = claims[line - 1].id
    return out


def claim_vectors(store: Store, claims: Sequence[Claim], encoder: Encoder, home: Path) -> Matrix:
    """One vector per whole claim; most are one sentence, so their vector is already stored."""
    cached = home / "claim_vectors.npy"
    if cached.exists():
        loaded: Matrix = np.load(cached)
        if loaded.shape == (len(claims), encoder.dim):
            return loaded
    texts = [normalise(c.text) for c in claims]
    hashes = [content_hash(t) for t in texts]
    known = store.vector_ids(hashes)
    ids, vecs = store.load_vectors(list(dict.fromkeys(known.values())), dim=encoder.dim)
    by_id = dict(zip(ids, vecs, strict=True))
    out = np.zeros((len(claims), encoder.dim), dtype=np.float32)
    todo = [i for i, h in enumerate(hashes) if h not in known]
    for i, h in enumerate(hashes):
        if h in known:
            out[i] = by_id[known[h]]
    if todo:
        out[todo] = encoder.encode([texts[i] for i in todo])
    np.save(cached, out)
    return out


# --- rankers ------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


class BM25:
    """Okapi BM25 (k1 1.2, b 0.75, Lucene's non-negative idf) over an inverted index."""

    def __init__(self, docs: Sequence[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths = np.array([len(d) for d in docs], dtype=np.float64)
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                self.postings[term].append((i, tf))
        n, avg = len(docs), float(lengths.mean()) if len(docs) else 1.0
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }
        self.norm = k1 * (1 - b + b * lengths / avg)
        self.k1, self.n = k1, n

    def top(self, query: list[str], k: int) -> list[int]:
        scores = np.zeros(self.n, dtype=np.float64)
        for term in set(query):
            for i, tf in self.postings.get(term, ()):
                scores[i] += self.idf[term] * tf * (self.k1 + 1) / (tf + self.norm[i])
        hits = np.flatnonzero(scores)
        order = hits[np.argsort(-scores[hits], kind="stable")][:k]
        return [int(i) for i in order]


def check_rankings(checker: Checker, text: str, claim_of: dict[str, str]) -> tuple[list[str], int]:
    """Claim ids in the order `check` lists them (matches, then related), and how many match.
    A news distractor (not in ``claim_of``) keeps its rank under its own id, never relevant.
    """
    result = checker.check(text)

    def claim(doc_id: str) -> str:
        return claim_of.get(doc_id) or f"news:{doc_id}"

    matched = list(dict.fromkeys(claim(m.document_id) for m in result.matches))
    ranked = list(dict.fromkeys(matched + [claim(m.document_id) for m in result.related]))
    return ranked, len(matched)


# --- metrics ------------------------------------------------------------------------------


def scores(ranked: list[str], relevant: frozenset[str]) -> dict[str, float]:
    hits, precisions = 0, []
    for i, cid in enumerate(ranked[:5], 1):
        if cid in relevant:
            hits += 1
            precisions.append(hits / i)
    first = next((i for i, cid in enumerate(ranked, 1) if cid in relevant), None)
    return {
        "map@5": sum(precisions) / min(len(relevant), 5),
        "mrr": 1 / first if first else 0.0,
        "p@1": 1.0 if ranked and ranked[0] in relevant else 0.0,
        "found": 1.0 if first else 0.0,
    }


def mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.fmean(r[k] for r in rows), 4) for k in rows[0]} if rows else {}


# --- main ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--rebuild", action="store_true", help="re-ingest the cached store")
    parser.add_argument("--limit", type=int, default=0, help="only the first N queries")
    parser.add_argument("--no-cli", action="store_true", help="skip the cold CLI timing")
    parser.add_argument(
        "--distractors", action="store_true", help="add the news corpus (a ~100k-statement store)"
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON (default bench/results/)")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = RESULTS / ("check-100k.json" if args.distractors else "check.json")

    folder = args.eval_dir / DATASET
    if not (folder / "politifact_vclaims.jsonl").is_file():
        print(f"skipped: {folder} not found (pass --eval-dir)", file=sys.stderr)
        return 0
    claims = load_claims(folder)
    queries = load_queries(folder)
    if args.limit:
        queries = queries[: args.limit]
    encoder = Encoder()
    news: list[dict[str, str]] = []
    if args.distractors:
        from ingest import corpus

        news = corpus(args.eval_dir, 100_000)
    store_dir = build_store(folder, claims, encoder, args.rebuild, news)
    # Before this process loads anything: its idle model threads must not share the CPUs.
    cold_s = None if args.no_cli else cold_cli(store_dir, queries[0].text)

    with Store(store_dir) as store:
        started = time.perf_counter()
        checker = Checker(store, encoder)
        checker.check("warm-up query to load the model")
        load_s = time.perf_counter() - started
        claim_of = claim_of_document(store, claims)
        vectors = claim_vectors(store, claims, encoder, store_dir.parent)

        rankings: dict[str, list[list[str]]] = {
            "check": [], "matches": [], "bm25": [], "cosine": []
        }  # fmt: skip
        latencies: list[float] = []
        for q in queries:
            t0 = time.perf_counter()
            ranked, matched = check_rankings(checker, q.text, claim_of)
            latencies.append(time.perf_counter() - t0)
            rankings["check"].append(ranked)
            rankings["matches"].append(ranked[:matched])

        # Batch mode as `provenance check --from FILE`: one loaded Checker, JSON per query.
        batch = [q.text for q in (queries * (BATCH // max(1, len(queries)) + 1))[:BATCH]]
        t0 = time.perf_counter()
        for text in batch:
            checker.check(text).model_dump_json()
        batch_s = time.perf_counter() - t0
        statements = store.count("statements")

    bm25 = BM25([tokens(c.text) for c in claims])
    rankings["bm25"] = [[claims[i].id for i in bm25.top(tokens(q.text), DEPTH)] for q in queries]

    import faiss

    flat = faiss.IndexFlatIP(encoder.dim)
    flat.add(np.ascontiguousarray(vectors))
    qvecs = encoder.encode([normalise(q.text) for q in queries])
    _, top = flat.search(np.ascontiguousarray(qvecs), DEPTH)
    rankings["cosine"] = [[claims[int(i)].id for i in row if i >= 0] for row in top]

    table: dict[str, dict[str, dict[str, float]]] = {}
    for name, lists in rankings.items():
        per = [scores(r, q.relevant) for r, q in zip(lists, queries, strict=True)]
        table[name] = {
            split: mean_scores(
                [p for p, q in zip(per, queries, strict=True) if split in (q.split, "all")]
            )
            for split in ("all", "train", "dev")
        }
    returned = [len(r) for r in rankings["matches"]]
    timing = {
        "model_load_s": round(load_s, 2),
        "warm_ms_median": round(1000 * statistics.median(latencies), 1),
        "warm_ms_mean": round(1000 * statistics.fmean(latencies), 1),
        "warm_ms_p95": round(1000 * sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1),
        "batch_queries": len(batch),
        "batch_qps": round(len(batch) / batch_s, 2),
        "cold_cli_s": None if cold_s is None else [round(t, 2) for t in cold_s],
    }
    report = {
        "dataset": DATASET,
        "queries": {
            "all": len(queries),
            "train": sum(q.split == "train" for q in queries),
            "dev": sum(q.split == "dev" for q in queries),
        },
        "claims": len(claims),
        "news_distractors": len(news),
        "statements": statements,
        "model": encoder.name,
        "metrics": table,
        "check_matched": {"median": statistics.median(returned), "none": returned.count(0)},
        "timing": timing,
        "unused_data": "claim speakers (JSONL has no speaker field); query speakers (none given)",
    }
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


def cold_cli(store_dir: Path, text: str, runs: int = 3) -> list[float]:
    """Wall time of ``runs`` fresh ``provenance check`` processes, one after another: the
    first may read the model and the store from disk, the others from the page cache."""
    exe = Path(sys.executable).with_name("provenance")
    cmd = [str(exe) if exe.exists() else "provenance", "check", text, "--store", str(store_dir)]
    took: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        took.append(time.perf_counter() - t0)
        if done.returncode not in (0, 1):
            failed = f"cold CLI call failed ({done.returncode}): {done.stderr[-500:]}"
            print(failed, file=sys.stderr)
    return took


def print_table(report: dict[str, Any]) -> None:
    q = report["queries"]
    print(f"\n{DATASET}: {q['all']} queries ({q['train']} train, {q['dev']} dev) "
          f"vs {report['claims']:,} claims ({report['statements']:,} statements)\n")  # fmt: skip
    print(f"{'ranker':<8} {'split':<6} {'MAP@5':>7} {'MRR':>7} {'P@1':>7} {'found':>7}")
    for name, splits in report["metrics"].items():
        for split, m in splits.items():
            if not m:
                continue  # a split with no queries (--limit)
            print(f"{name:<8} {split:<6} {m['map@5']:>7.4f} {m['mrr']:>7.4f} "
                  f"{m['p@1']:>7.4f} {m['found']:>7.4f}")  # fmt: skip
    t = report["timing"]
    print(f"\ncheck: a median of {report['check_matched']['median']} matched claims a query, "
          f"{report['check_matched']['none']} queries with no match (then only related ones); "
          f"'matches' ranks the matches alone")  # fmt: skip
    print(f"warm latency: median {t['warm_ms_median']} ms, mean {t['warm_ms_mean']} ms, "
          f"p95 {t['warm_ms_p95']} ms per query")  # fmt: skip
    print(f"batch: {t['batch_queries']} queries at {t['batch_qps']} q/s on one loaded model")
    if t["cold_cli_s"] is not None:
        runs = t["cold_cli_s"]
        print(f"cold CLI `provenance check`, fresh processes in a row: {runs} s wall "
              f"(median {statistics.median(runs)} s)")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
