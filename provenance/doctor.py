"""``provenance doctor``: check a store's integrity and repair what can be derived again.

The SQLite database is the truth; the FAISS index and the cluster assignments are derived
from it. So a bad index is rebuilt from the stored vectors and a vector without a cluster
is clustered again with the pipeline's own code, while damage to the truth itself (a
failed ``integrity_check``, a statement whose vector is gone) is reported, never guessed
at: the way back from that is a re-ingest into a new store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from embeddings import VectorIndex
from provenance.cluster import ClusterState, assign_clusters, family
from provenance.pipeline import open_index, stored_kinds
from provenance.statements import normalise
from provenance.store import INDEX_NAME, Store

Status = Literal["ok", "repaired", "problem"]


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    detail: str


@dataclass
class Diagnosis:
    store: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Nothing left wrong (everything found was repaired, or nothing was found)."""
        return all(f.status != "problem" for f in self.findings)

    @property
    def repaired(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "repaired"]

    def add(self, check: str, status: Status, detail: str) -> None:
        self.findings.append(Finding(check, status, detail))


def diagnose(store_dir: Path, *, repair: bool = True) -> Diagnosis:
    """Check the store at ``store_dir``; with ``repair``, fix what can be derived again.

    Repairing takes the writer lock first (``StoreBusy`` if an ingest runs), so that the
    checks see a store no one is changing and the repairs race with nothing.
    """
    result = Diagnosis(store_dir)
    with Store(store_dir) as store:
        if repair:
            store.acquire()
        problems = store.integrity_problems()
        if problems:
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            result.add("database", "problem", "; ".join(problems[:3]) + more)
            # Repairs would build on rows that may be wrong: report, change nothing.
            repair = False
        else:
            result.add("database", "ok", "integrity_check and foreign keys pass")
        counts = {t: store.count(t) for t in ("documents", "statements", "vectors")}
        result.add("contents", "ok", ", ".join(f"{n:,} {t}" for t, n in counts.items()))

        missing = store.statements_without_vector()
        if missing:
            result.add(
                "statements",
                "problem",
                f"{missing:,} statements have no stored vector; re-ingest into a new store",
            )
        else:
            result.add("statements", "ok", "every statement has its vector")

        dim_text = store.get_meta("dim")
        if dim_text is None:
            if counts["vectors"]:
                result.add("vectors", "problem", "vectors are stored but the model's dim is not")
            _temp_files(store, result, repair)
            return result
        dim = int(dim_text)
        wrong = store.vectors_of_wrong_size(dim)
        if wrong:
            result.add(
                "vectors",
                "problem",
                f"{len(wrong):,} vectors are not {dim} floats (first id {wrong[0]}); "
                "re-ingest into a new store",
            )
            return result

        _temp_files(store, result, repair)
        index = _check_index(store, dim, result, repair)
        _check_assignments(store, dim, index, result, repair)
    return result


def _temp_files(store: Store, result: Diagnosis, repair: bool) -> None:
    """Half-written index files left by a process killed while saving."""
    stale = sorted(store.path.glob(f"{INDEX_NAME}.*.tmp"))
    if not stale:
        return
    if not repair:
        result.add("index", "problem", f"{_files(len(stale))} left by a crash")
        return
    for path in stale:
        path.unlink(missing_ok=True)
    result.add("index", "repaired", f"removed {_files(len(stale))} left by a crash")


def _files(n: int) -> str:
    return f"{n} temporary index file{'' if n == 1 else 's'}"


def _check_index(store: Store, dim: int, result: Diagnosis, repair: bool) -> VectorIndex | None:
    """The index matches the stored vectors id for id, or is rebuilt from them."""
    stored = store.load_ids()
    problem: str | None = None
    if not store.index_path.exists():
        problem = "the index file is missing" if stored else None
    else:
        try:
            index = VectorIndex.load(store.index_path, dim)
        except (ValueError, RuntimeError) as exc:
            problem = f"the index file is unreadable ({' '.join(str(exc).split())[:120]})"
        else:
            held = index.ids().tolist()
            if len(held) != len(stored) or set(held) != set(stored):
                extra = len(set(held) - set(stored))
                lacking = len(set(stored) - set(held))
                problem = (
                    f"the index holds {len(held):,} ids, the database {len(stored):,} vectors "
                    f"({lacking:,} missing from the index, {extra:,} not in the database)"
                )
    if problem is None:
        result.add("index", "ok", f"{len(stored):,} ids, the same as the stored vectors")
        return None
    if not repair:
        result.add("index", "problem", problem)
        return None
    rebuilt, _ = open_index(store, dim)
    result.add("index", "repaired", f"{problem}: rebuilt from the stored vectors")
    return rebuilt


def _check_assignments(
    store: Store, dim: int, index: VectorIndex | None, result: Diagnosis, repair: bool
) -> None:
    """Every vector in a cluster; a vector without one is clustered as an ingest would."""
    unassigned = store.unassigned_vectors()
    if not unassigned:
        result.add("clusters", "ok", "every vector is in a cluster")
        return
    if not repair:
        result.add("clusters", "problem", f"{len(unassigned):,} vectors are in no cluster")
        return
    if index is None:
        index, _ = open_index(store, dim)
    ids, vectors = store.load_vectors(unassigned, dim=dim)
    hashes = store.vector_hashes(ids)
    texts: dict[int, str] = {}

    def text_of(vid: int) -> str:
        if vid not in texts:
            texts[vid] = normalise(store.vector_text(vid))
        return texts[vid]

    kind_of = stored_kinds(store)
    parts = store.quote_parts()
    with store.transaction():
        state = ClusterState.from_assignments(store.assignments())
        before = set(state.members)
        pairs = assign_clusters(
            np.asarray(ids, dtype=np.int64).tolist(),
            vectors,
            index,
            state,
            text_of=text_of,
            family_of=lambda vid: family(kind_of(vid)),
            apart=lambda vid: parts.get(vid, ()),
            hash_of=lambda vid: hashes[vid],
            vectors_of=lambda vids: store.load_vectors(vids, dim=dim)[1],
        )
        store.assign(pairs)
    joined = len({cid for _, cid in pairs} & before)
    created = len({cid for _, cid in pairs} - before)
    result.add(
        "clusters",
        "repaired",
        f"{len(unassigned):,} vectors were in no cluster: clustered again "
        f"({created:,} new clusters, {joined:,} existing ones joined)",
    )
