"""Cross-outlet quote clusters on BASIL: does the same quote in two outlets' articles of
one event land in one quote cluster, and do quote clusters mix events?

    python bench/quote_clusters.py [--eval-dir ../shared/eval] [--json FILE] [--show N]

BASIL has 100 events, each reported by NYT, Fox News and HuffPost. All 300 articles go
through the real pipeline (real model). The reference pairs are found without
embeddings: two direct quotes from different outlets of the same event whose words are
the same quote (equal, one inside the other, or a token-set ratio >= 90, at least five
words). The clusterer never sees that rule.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from figures import report  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from embeddings import Encoder  # noqa: E402
from provenance.edits import normalise  # noqa: E402
from provenance.pipeline import ingest  # noqa: E402
from provenance.store import StatementRow, Store  # noqa: E402

MIN_WORDS = 5


def same_quote(a: str, b: str) -> bool:
    x, y = normalise(a).lower().strip(" ,.;:\"'"), normalise(b).lower().strip(" ,.;:\"'")
    if min(len(x.split()), len(y.split())) < MIN_WORDS:
        return False
    return x == y or x in y or y in x or fuzz.token_set_ratio(x, y) >= 90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "bench" / "results" / "quote_clusters.json"
    )
    parser.add_argument("--show", type=int, default=0, help="print N clusters that mix events")
    parser.add_argument(
        "--missed", type=int, default=0, help="print N same-quote pairs left in two clusters"
    )
    args = parser.parse_args()
    source = args.eval_dir / "basil" / "basil_docs.jsonl"
    if not source.exists():
        print(f"skipped: no BASIL at {source}")
        return
    event_of_url: dict[str, str] = {}
    records = []
    for line in source.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        url = d.get("url") or f"https://basil.invalid/{d['doc_id']}"
        event_of_url[url] = d["triplet"]
        paras = [p for p in d.get("paragraphs", []) if isinstance(p, str)]
        records.append(
            {"text": "\n\n".join(paras), "outlet": d["source"], "url": url, "title": d["title"]}
        )
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "basil.jsonl"
        corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        store_dir = Path(tmp) / "store"
        ingest([corpus], store_dir, encoder=Encoder())
        with Store(store_dir) as store:
            docs = {d.id: d for d in store.documents()}
            assigned = store.assignments()
            quotes = [s for s in store.statements() if s.kind == "quote"]

    # A quote of several sentences is stored whole and sentence by sentence; the pairs are
    # of whole quotes, and one counts as together when the other's cluster holds the
    # quote or one of its sentences.
    of_doc: dict[str, list[StatementRow]] = defaultdict(list)
    for q in quotes:
        of_doc[q.document_id].append(q)
    by_event: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)
    for q in quotes:
        inside = [
            o
            for o in of_doc[q.document_id]
            if q.start <= o.start and o.end <= q.end and (o.start, o.end) != (q.start, q.end)
        ]
        if any(o.start <= q.start and q.end <= o.end and o is not q for o in of_doc[q.document_id]):
            continue  # a sentence of a longer quote
        doc = docs[q.document_id]
        by_event[event_of_url[doc.url or ""]].append(
            (doc.outlet or "", q.text, {assigned[o.vector_id] for o in [q, *inside]})
        )
    pairs = together = 0
    missed: list[tuple[str, str]] = []
    for items in by_event.values():
        for (oa, ta, ca), (ob, tb, cb) in combinations(items, 2):
            if oa != ob and same_quote(ta, tb):
                pairs += 1
                together += bool(ca & cb)
                if not ca & cb:
                    missed.append((ta, tb))
    events_of_cluster: dict[str, set[str]] = defaultdict(set)
    size: dict[str, int] = defaultdict(int)
    for q in quotes:
        cid = assigned[q.vector_id]
        events_of_cluster[cid].add(event_of_url[docs[q.document_id].url or ""])
        size[cid] += 1
    multi = [c for c in size if size[c] > 1]
    mixed = [c for c in multi if len(events_of_cluster[c]) > 1]
    result = {
        "documents": len(docs),
        "direct_quotes": len(quotes),
        "cross_outlet_same_quote_pairs": pairs,
        "pairs_in_one_cluster": together,
        "pair_recall": round(together / pairs, 4) if pairs else None,
        "quote_clusters_with_2_plus_members": len(multi),
        "clusters_mixing_events": len(mixed),
        "mixing_rate": round(len(mixed) / len(multi), 4) if multi else None,
    }
    report(result, args.json)
    texts: dict[str, list[str]] = defaultdict(list)
    for q in quotes:
        texts[assigned[q.vector_id]].append(q.text)
    for cid in sorted(mixed, key=lambda c: -size[c])[: args.show]:
        print(f"\n{cid} ({size[cid]} quotes, {len(events_of_cluster[cid])} events)")
        for text in sorted(set(texts[cid]))[:8]:
            print(f"  {text[:110]!r}")
    for ta, tb in missed[: args.missed]:
        print(f"\nmissed:\n  {ta[:300]!r}\n  {tb[:300]!r}")


if __name__ == "__main__":
    main()
