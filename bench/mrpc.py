"""Calibrate and measure the same-claim scorer on MRPC, with the seed articles as constraints.

Usage (from the project root, venv active):

    python bench/mrpc.py                  # measure: cosine baseline vs ours, 10-fold CV
    python bench/mrpc.py --fit            # also print refitted constants for similarity.py

What is printed, all by 10-fold cross-validation over the 4,076 MRPC training pairs:

(a) raw cosine, threshold chosen on the training folds;
(b) ``same_claim`` with the link-score coefficients and threshold fitted on the training
    folds (the seed pairs join every training fold as weighted examples, and the threshold
    must link every seed positive and no seed negative);
(c) the constants shipped in ``provenance/similarity.py`` as they are. They were fitted on
    all of MRPC, so (c) is in-sample: read (b) for what to expect on unseen pairs.

Then the seed check: every required pair from ``seeds/`` links, and no negative (including
every pair of sentences about two different speakers) does. Results go to
``bench/results/mrpc.json``; MRPC cosines are cached under ``bench/results/cache``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/mrpc.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from provenance import similarity  # noqa: E402
from provenance.edits import normalise  # noqa: E402
from provenance.figures import figures_in  # noqa: E402
from provenance.similarity import FEATURES, features, relation  # noqa: E402
from provenance.wording import OPPOSITES  # noqa: E402

Vector = np.ndarray[Any, np.dtype[np.float64]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]

MRPC_FILE = Path("mrpc") / "msr_paraphrase_train.txt"
RESULTS = ROOT / "bench" / "results"
FOLDS = 10
# Weight of each seed pair in the logistic fit. The seeds encode what MRPC does not: a
# trimmed or extended report of the same remark is the same claim. Lower weights leave the
# seeds to the threshold alone, which then has to drop far below MRPC's best cut; try
# --seed-weight to see the trade-off.
SEED_WEIGHT = 100.0
L2 = 1.0
# The threshold keeps this distance from the nearest seed score on either side, so float
# noise across machines cannot flip a seed decision.
SEED_MARGIN = 0.01
GRID = np.round(np.arange(0.01, 0.99, 0.0025), 4)

# --- seed pairs ------------------------------------------------------------------------
# Sentences from seeds/000_*.txt and seeds/001_*.txt, by the speaker they report. The
# pronoun sentences ("He warned ...") are attributed from their context.
SPEAKERS: dict[str, tuple[str, ...]] = {
    "Shea": (
        "U.S. Ambassador Dorothy Shea echoed these concerns, stating that Washington remains "
        "deeply worried about IS-K’s ability to orchestrate attacks and sustain recruitment "
        "campaigns, particularly in Afghanistan and Pakistan.",
        "Meanwhile, US Ambassador Dorothy Shea also echoed these concerns, warning that IS-K "
        "remains a major threat beyond Afghanistan.",
        "“We remain concerned about ISIS-K’s capabilities to plot and conduct attacks, as well "
        "as sustain recruitment campaigns, particularly in Afghanistan and Pakistan,” Shea said.",
    ),
    "Voronkov": (
        "During a Security Council meeting on counterterrorism, Vladimir Voronkov, the UN "
        "undersecretary-general for counterterrorism, described IS-K as one of the “most "
        "dangerous branches” of the transnational terrorist organization.",
        "He warned that IS-K supporters had plotted attacks in Europe and were actively "
        "recruiting from Central Asian countries.",
        "“There were also reports of small numbers of foreign terrorist fighters continuing to "
        "travel to Afghanistan,” Voronkov stated, calling for global cooperation to prevent the "
        "country from becoming a hub for terrorist activities.",
        "During a Security Council meeting on Monday, UN counterterrorism chief Vladimir "
        "Voronkov called IS-K one of the “most dangerous branches” of the terror network, "
        "citing its deadly attacks on Afghan civilians and the Taliban regime.",
        "“ISIL-Khorasan has continued to pose a significant threat in Afghanistan, the region, "
        "and beyond,” Voronkov stated.",
        "He further revealed that IS-K operatives have been linked to terror plots in Europe and "
        "are actively recruiting from Central Asia.",
    ),
    "Fu Cong": (
        "Meanwhile, China’s representative, Fu Cong, claimed that IS-K operatives were working "
        "in coordination with Al-Qaida and the East Turkestan Islamic Movement, urging "
        "Afghanistan’s Taliban rulers to take decisive action against terrorist groups "
        "operating in the country.",
        "China’s envoy, Fu Cong, added that IS-K, along with al-Qaida and the anti-China East "
        "Turkestan Islamic Movement, is actively operating in Afghanistan.",
        "He urged the Taliban government to take “visible and verifiable action” to eliminate "
        "these groups.",
    ),
    "Nebenzia": (
        "Russia’s envoy, Vassily Nebenzia, attributed the growing IS-K threat to the hasty "
        "withdrawal of U.S.-led NATO forces from Afghanistan in 2021, arguing that the "
        "militants had gained access to weapons left behind.",
        "On the other hand, Russia’s UN Ambassador Vassily Nebenzia pointed fingers at the "
        "chaotic 2021 withdrawal of US-led Nato forces from Afghanistan, arguing that it "
        "created a power vacuum that IS-K quickly exploited.",
        "“The growing activity of ISIL-Khorasan is no coincidence. While hastily leaving "
        "Afghanistan, Nato troops abandoned vast quantities of weapons and equipment there, "
        "which then fell into the hands of ISIL,” Nebenzia stated.",
    ),
    "Akram": (
        "Pakistan’s UN representative, Munir Akram, rejected U.S. claims that IS-K was "
        "recruiting inside Pakistan, insisting that Afghanistan remains the group’s primary "
        "base of operations.",
        "Pakistan’s UN representative, Munir Akram, pushed back against US claims that IS-K is "
        "recruiting fighters within Pakistan.",
        "He emphasised that Afghanistan remains “the main hub for ISIL-K’s recruitment and "
        "facilitation,” dismissing any suggestion that the terror group is gaining ground in "
        "his country.",
    ),
}
_V = SPEAKERS["Voronkov"]

# The same claim in the two seed articles: each must link.
SEED_POSITIVES: tuple[tuple[str, str], ...] = (
    (
        "The UN Security Council raised alarm on Monday over the increasing threat posed by "
        "Islamic State-Khorasan (IS-K), a regional affiliate of the Islamic State group, "
        "warning of its potential to destabilize the region and launch attacks beyond "
        "Afghanistan’s borders.",
        "The United Nations has raised alarm over the escalating threat of Islamic "
        "State-Khorasan (IS-K), the Afghanistan-based affiliate of ISIS, warning that it poses "
        "a serious risk to regional and global security, reported Voice of America.",
    ),
    (_V[0], _V[3]),
    (_V[1], _V[5]),
    (SPEAKERS["Shea"][0], SPEAKERS["Shea"][1]),
    (SPEAKERS["Fu Cong"][0], SPEAKERS["Fu Cong"][1]),
    (SPEAKERS["Nebenzia"][0], SPEAKERS["Nebenzia"][1]),
    (SPEAKERS["Akram"][0], SPEAKERS["Akram"][1]),
    (
        "Despite these claims, IS-K has continued to carry out deadly attacks, particularly "
        "targeting civilians, including the Shia-Hazara and Sufi communities, as well as "
        "Taliban officials.",
        "Despite these assurances, IS-K continues to launch deadly attacks.",
    ),
)

# Different claims that look alike: none may link.
SEED_NEGATIVES: tuple[tuple[str, str], ...] = (
    (_V[2], _V[4]),  # two different Voronkov quotes
    (
        "The Taliban’s Ministry of Foreign Affairs dismissed Pakistan’s remarks at the UN "
        "Security Council meeting, calling them “baseless.”",
        "The Taliban has yet to officially respond to the UN warnings but has consistently "
        "dismissed claims that IS-K is operating in Afghanistan.",
    ),
)


def cross_speaker_pairs() -> list[tuple[str, str]]:
    """Every sentence about one speaker against every sentence about another."""
    return [
        (x, y)
        for p, q in itertools.combinations(SPEAKERS, 2)
        for x in SPEAKERS[p]
        for y in SPEAKERS[q]
    ]


def seed_pairs() -> tuple[list[tuple[str, str]], list[bool]]:
    negatives = list(SEED_NEGATIVES) + cross_speaker_pairs()
    return list(SEED_POSITIVES) + negatives, [True] * len(SEED_POSITIVES) + [False] * len(negatives)


# --- data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    label: bool
    a: str
    b: str


def load_mrpc(path: Path, limit: int | None = None) -> list[Pair]:
    """MRPC TSV rows (Quality, #1 ID, #2 ID, #1 String, #2 String), header skipped."""
    pairs: list[Pair] = []
    with path.open(encoding="utf-8-sig") as fh:
        next(fh)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5:
                continue
            pairs.append(Pair(cols[0].strip() == "1", cols[3], cols[4]))
            if limit is not None and len(pairs) >= limit:
                break
    return pairs


def pair_cosines(
    texts_a: Sequence[str], texts_b: Sequence[str], cache: Path | None = None
) -> Vector:
    """Cosine of each (a, b) with the default encoder; cached by model and content."""
    from embeddings import Encoder

    encoder = Encoder()
    if cache is not None:
        digest = hashlib.sha256()
        digest.update(encoder.name.encode())
        for t in itertools.chain(texts_a, texts_b):
            digest.update(t.encode())
            digest.update(b"\0")
        path = cache / f"cosines-{digest.hexdigest()[:20]}.npy"
        if path.exists():
            return np.asarray(np.load(path), dtype=np.float64)
    unique = list(dict.fromkeys(itertools.chain(texts_a, texts_b)))
    vectors = encoder.encode(unique)
    row = {t: i for i, t in enumerate(unique)}
    va = vectors[[row[t] for t in texts_a]]
    vb = vectors[[row[t] for t in texts_b]]
    out = np.asarray((va * vb).sum(axis=1), dtype=np.float64)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, out)
    return out


def feature_matrix(texts_a: Sequence[str], texts_b: Sequence[str], cos: Vector) -> Vector:
    rows = [features(a, b, float(c)) for a, b, c in zip(texts_a, texts_b, cos, strict=True)]
    return np.array([[r[name] for name in FEATURES] for r in rows], dtype=np.float64)


def divergent_mask(texts_a: Sequence[str], texts_b: Sequence[str], cos: Vector) -> Mask:
    return np.array(
        [
            relation(a, b, float(c)) == "divergent"
            for a, b, c in zip(texts_a, texts_b, cos, strict=True)
        ],
        dtype=bool,
    )


_DIGITS = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?![\d.,]*\d)")


def planted_figure_edits(pairs: Sequence[Pair]) -> list[tuple[str, str, str]]:
    """(a, b, b edited) for each MRPC equivalent pair where b repeats a figure of a: that
    figure in b changed (x3+7), which makes b a different claim than a."""
    rng = random.Random(1)
    out: list[tuple[str, str, str]] = []
    for p in pairs:
        if not p.label:
            continue
        in_a = figures_in(normalise(p.a))
        shared = [
            m
            for m in _DIGITS.finditer(p.b)
            if any(abs(f.value - float(m.group())) < 1e-9 for f in in_a)
        ]
        if not shared:
            continue
        m = rng.choice(shared)
        value = m.group()
        new = str(round(float(value) * 3 + 0.7, 2)) if "." in value else str(int(value) * 3 + 7)
        out.append((p.a, p.b, p.b[: m.start()] + new + p.b[m.end() :]))
    return out


_AUXILIARY = re.compile(r"\b(will|would|is|was|has|had|did|can|could)\b")


def planted_negation_edits(pairs: Sequence[Pair]) -> list[tuple[str, str, str]]:
    """(a, b, b edited) for each MRPC equivalent pair: "not" put after the first auxiliary
    verb of b that a also has, which makes b a different claim than a."""
    out: list[tuple[str, str, str]] = []
    for p in pairs:
        m = _AUXILIARY.search(p.b)
        if p.label and m and re.search(rf"\b{m.group()}\b", p.a):
            out.append((p.a, p.b, p.b[: m.end()] + " not" + p.b[m.end() :]))
    return out


def planted_reversal_edits(pairs: Sequence[Pair]) -> list[tuple[str, str, str]]:
    """(a, b, b edited) for each MRPC equivalent pair where b repeats a word of a that has
    an opposite ("rose", "more", "approved"): that word in b turned to its opposite."""
    rng = random.Random(2)
    out: list[tuple[str, str, str]] = []
    for p in pairs:
        if not p.label:
            continue
        in_a = {w.lower() for w in re.findall(r"[A-Za-z]+", p.a)}
        found = [
            m for m in re.finditer(r"[A-Za-z]+", p.b)
            if m.group().lower() in OPPOSITES and m.group().lower() in in_a
        ]  # fmt: skip
        if found:
            m = rng.choice(found)
            new = sorted(OPPOSITES[m.group().lower()])[0]
            out.append((p.a, p.b, p.b[: m.start()] + new + p.b[m.end() :]))
    return out


def planted_edits_found(pairs: Sequence[Pair]) -> dict[str, dict[str, float]]:
    """How often the lexical rule calls a planted figure change or negation divergent,
    and how often it calls the same pairs unedited divergent (false alarms)."""
    found: dict[str, dict[str, float]] = {}
    for kind, rows in (
        ("figure", planted_figure_edits(pairs)),
        ("negation", planted_negation_edits(pairs)),
        ("reversal", planted_reversal_edits(pairs)),
    ):
        edited = [relation(a, e, 1.0) == "divergent" for a, _, e in rows]
        original = [relation(a, b, 1.0) == "divergent" for a, b, _ in rows]
        found[kind] = {
            "pairs": len(rows),
            "edited_divergent": sum(edited) / max(len(rows), 1),
            "original_divergent": sum(original) / max(len(rows), 1),
        }
    return found


# --- model -----------------------------------------------------------------------------


def fit_logistic(x: Vector, y: Vector, weights: Vector, l2: float = L2) -> tuple[Vector, float]:
    """L2-regularised logistic regression by Newton's method (intercept not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    penalty = l2 * np.diag(np.r_[np.ones(x.shape[1]), 0.0])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xb @ beta)))
        grad = xb.T @ (weights * (p - y)) + penalty @ beta
        hess = (xb * (weights * p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return beta[:-1], float(beta[-1])


def scores(x: Vector, coef: Vector, intercept: float) -> Vector:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ coef + intercept))), dtype=np.float64)


def best_threshold(
    values: Vector,
    y: Mask,
    veto: Mask,
    seed_values: Vector | None = None,
    seed_y: Mask | None = None,
    seed_veto: Mask | None = None,
) -> float:
    """The accuracy-best threshold on (values, y), restricted to those the seeds allow.

    With seeds given, the threshold must sit at least SEED_MARGIN below every seed positive
    that the divergence veto lets through and above every seed negative. If no threshold
    satisfies that, the nearest one to it (just under the lowest positive) is returned and
    the seed check will report the failure.
    """
    candidates = GRID
    if seed_values is not None and seed_y is not None and seed_veto is not None:
        hi = float(seed_values[seed_y].min()) - SEED_MARGIN
        negatives = seed_values[~seed_y & ~seed_veto]
        lo = float(negatives.max()) + SEED_MARGIN if len(negatives) else 0.0
        allowed = candidates[(candidates > lo) & (candidates <= hi)]
        if len(allowed) == 0:
            return hi
        candidates = allowed
    accuracy = [float((((values >= t) & ~veto) == y).mean()) for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def metrics(pred: Mask, y: Mask, ranking: Vector | None = None) -> dict[str, float]:
    tp = int((pred & y).sum())
    fp = int((pred & ~y).sum())
    fn = int((~pred & y).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    out = {
        "accuracy": float((pred == y).mean()),
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "precision": precision,
        "recall": recall,
    }
    if ranking is not None:
        out["roc_auc"] = roc_auc(ranking, y)
    return out


def roc_auc(values: Vector, y: Mask) -> float:
    """Probability that a random positive outranks a random negative (ties count half)."""
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    sorted_values = values[order]
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_values[j + 1] == sorted_values[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


@dataclass(frozen=True)
class Data:
    x: Vector
    cos: Vector
    y: Mask
    veto: Mask


def fit(train: Data, seeds: Data, seed_weight: float) -> tuple[Vector, float, float]:
    """Coefficients, intercept and threshold from training pairs plus weighted seeds."""
    x = np.vstack([train.x, seeds.x])
    y = np.r_[train.y, seeds.y].astype(np.float64)
    w = np.r_[np.ones(len(train.y)), np.full(len(seeds.y), seed_weight)]
    coef, intercept = fit_logistic(x, y, w)
    threshold = best_threshold(
        scores(train.x, coef, intercept),
        train.y,
        train.veto,
        scores(seeds.x, coef, intercept),
        seeds.y,
        seeds.veto,
    )
    return coef, intercept, threshold


def folds_of(n: int, k: int = FOLDS, seed: int = 0) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Fold index of each pair: a fixed random permutation, so every run splits alike."""
    return np.asarray(np.random.default_rng(seed).permutation(n) % k, dtype=np.int64)


def cross_validate(
    data: Data, seeds: Data, seed_weight: float
) -> tuple[dict[str, dict[str, float]], Mask]:
    """Metrics by fold, and which pairs the link fitted on the other folds puts in one
    cluster (before the divergence veto)."""
    folds = folds_of(len(data.y))
    cos_pred = np.zeros(len(data.y), dtype=bool)
    linked = np.zeros(len(data.y), dtype=bool)
    ours_pred = np.zeros(len(data.y), dtype=bool)
    score_only = np.zeros(len(data.y), dtype=bool)
    ours_score = np.zeros(len(data.y))
    for k in range(FOLDS):
        test = folds == k
        train = Data(data.x[~test], data.cos[~test], data.y[~test], data.veto[~test])
        no_veto = np.zeros(int((~test).sum()), dtype=bool)
        t_cos = best_threshold(train.cos, train.y, no_veto)
        cos_pred[test] = data.cos[test] >= t_cos
        coef, intercept, threshold = fit(train, seeds, seed_weight)
        s = scores(data.x[test], coef, intercept)
        ours_score[test] = s
        linked[test] = s >= threshold
        ours_pred[test] = linked[test] & ~data.veto[test]
        t_plain = best_threshold(scores(train.x, coef, intercept), train.y, no_veto)
        score_only[test] = s >= t_plain
    return {
        "cosine": metrics(cos_pred, data.y, data.cos),
        "same_claim": metrics(ours_pred, data.y, ours_score),
        "link_score_only": metrics(score_only, data.y, ours_score),
    }, linked


def shipped(texts_a: Sequence[str], texts_b: Sequence[str], cos: Vector) -> tuple[Mask, Vector]:
    """``same_claim`` and ``link_score`` exactly as provenance ships them."""
    link = np.array(
        [
            similarity.link_score(a, b, float(c))
            for a, b, c in zip(texts_a, texts_b, cos, strict=True)
        ]
    )
    same = np.array(
        [
            similarity.same_claim(a, b, float(c))
            for a, b, c in zip(texts_a, texts_b, cos, strict=True)
        ],
        dtype=bool,
    )
    return same, link


def seed_check(pairs: Sequence[tuple[str, str]], labels: Sequence[bool], cos: Vector) -> list[str]:
    """Failures of the shipped scorer on the seed pairs (empty when all is well)."""
    failures: list[str] = []
    for (a, b), positive, c in zip(pairs, labels, cos, strict=True):
        score = similarity.link_score(a, b, float(c))
        links = score >= similarity.LINK_THRESHOLD
        if positive and not (links and similarity.same_claim(a, b, float(c))):
            failures.append(f"positive not linked ({score:.3f}, cos {c:.3f}): {a[:50]!r}")
        elif not positive and links:
            failures.append(f"negative linked ({score:.3f}, cos {c:.3f}): {a[:40]!r} / {b[:40]!r}")
    return failures


# --- report ----------------------------------------------------------------------------


def _row(name: str, m: dict[str, float]) -> str:
    auc = f"  auc {m['roc_auc']:.4f}" if "roc_auc" in m else ""
    return (
        f"  {name:<40} acc {m['accuracy']:.4f}  F1 {m['f1']:.4f}  "
        f"P {m['precision']:.4f}  R {m['recall']:.4f}{auc}"
    )


def constants_source(coef: Vector, intercept: float, threshold: float) -> str:
    lines = ["COEFFICIENTS: dict[str, float] = {"]
    lines += [f'    "{name}": {value:.4f},' for name, value in zip(FEATURES, coef, strict=True)]
    lines += ["}", f"INTERCEPT = {intercept:.4f}", f"LINK_THRESHOLD = {threshold:.4f}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=RESULTS / "mrpc.json")
    parser.add_argument("--seed-weight", type=float, default=SEED_WEIGHT)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pairs")
    parser.add_argument("--no-cache", action="store_true", help="re-encode MRPC")
    parser.add_argument("--fit", action="store_true", help="print constants refitted on all pairs")
    args = parser.parse_args(argv)

    path = args.eval_dir / MRPC_FILE
    if not path.exists():
        print(f"skipped: {path} not found (MRPC lives in ../shared/eval; see --eval-dir)")
        return 0
    started = time.time()
    pairs = load_mrpc(path, args.limit)
    ta, tb = [p.a for p in pairs], [p.b for p in pairs]
    cache = None if args.no_cache else RESULTS / "cache"
    cos = pair_cosines(ta, tb, cache)
    data = Data(
        feature_matrix(ta, tb, cos),
        cos,
        np.array([p.label for p in pairs], dtype=bool),
        divergent_mask(ta, tb, cos),
    )
    seed_list, seed_labels = seed_pairs()
    sa, sb = [p[0] for p in seed_list], [p[1] for p in seed_list]
    seed_cos = pair_cosines(sa, sb)
    seeds = Data(
        feature_matrix(sa, sb, seed_cos),
        seed_cos,
        np.array(seed_labels, dtype=bool),
        divergent_mask(sa, sb, seed_cos),
    )

    cv, linked = cross_validate(data, seeds, args.seed_weight)
    # Row (d): the MRPC-trained pair model of bench/pair_model.py, if its folds are cached.
    from pair_model import CUT, CV_FOLDS, out_of_fold

    held_out = out_of_fold([(p.a, p.b, p.label) for p in pairs], train_missing=False)
    if held_out is not None:
        judged = held_out >= CUT
        cv["pair_model_alone"] = metrics(judged, data.y, held_out)
        cv["link_and_pair_model"] = metrics(linked & judged, data.y, held_out)
        cv["link_pair_model_and_veto"] = metrics(linked & judged & ~data.veto, data.y, held_out)
    same, link = shipped(ta, tb, cos)
    shipped_metrics = metrics(same, data.y, link)
    failures = seed_check(seed_list, seed_labels, seed_cos)
    planted = planted_edits_found(pairs)
    divergent = int(data.veto.sum())
    divergent_equivalent = int((data.veto & data.y).sum())

    print(f"MRPC train: {len(pairs)} pairs, {int(data.y.sum())} labelled equivalent")
    print(f"{FOLDS}-fold cross-validation (threshold and coefficients from training folds):")
    print(_row("(a) raw cosine, best threshold", cv["cosine"]))
    print(_row("(b) same_claim, fitted on folds", cv["same_claim"]))
    print(_row("    link_score alone (no veto, no seeds)", cv["link_score_only"]))
    if held_out is not None:
        print(f"not shipped: an MRPC-trained cross-encoder, {CV_FOLDS}-fold (bench/pair_model.py):")
        print(_row("(d) link (b) and pair model", cv["link_and_pair_model"]))
        print(_row("    pair model alone", cv["pair_model_alone"]))
        print(_row("    (d) and the divergence veto", cv["link_pair_model_and_veto"]))
        print("    why not shipped: python bench/pair_model.py --probe")
    print("shipped constants, no refit (in-sample: they were fitted on all of MRPC):")
    print(_row("(c) same_claim as shipped", shipped_metrics))
    print(
        f"divergence veto: {divergent} pairs divergent, {divergent_equivalent} of them "
        "labelled equivalent by MRPC"
    )
    for kind, what in (
        ("figure", "a figure of a changed"),
        ("negation", "a 'not' put"),
        ("reversal", "a word turned to its opposite"),
    ):
        k = planted[kind]
        print(
            f"planted {kind} changes: {k['pairs']:.0f} equivalent pairs with {what} in b, "
            f"divergent {k['edited_divergent']:.3f} (unedited: {k['original_divergent']:.3f})"
        )
    n_pos = len(SEED_POSITIVES)
    print(
        f"seed check: {n_pos} positives, {len(seed_list) - n_pos} negatives "
        f"({len(seed_list) - n_pos - len(SEED_NEGATIVES)} cross-speaker): "
        + ("all pass" if not failures else f"{len(failures)} FAIL")
    )
    for failure in failures:
        print(f"  {failure}")

    result: dict[str, Any] = {
        "pairs": len(pairs),
        "folds": FOLDS,
        "seed_weight": args.seed_weight,
        "features": list(FEATURES),
        "cv": cv,
        "shipped": shipped_metrics,
        "shipped_constants": {
            "coefficients": similarity.COEFFICIENTS,
            "intercept": similarity.INTERCEPT,
            "link_threshold": similarity.LINK_THRESHOLD,
        },
        "divergent_pairs": divergent,
        "planted_figure_edits": planted,
        "divergent_labelled_equivalent": divergent_equivalent,
        "seed_check": {"pairs": len(seed_list), "failures": failures},
        "seconds": round(time.time() - started, 1),
    }
    if args.fit:
        coef, intercept, threshold = fit(data, seeds, args.seed_weight)
        print("refitted on all pairs (paste into provenance/similarity.py):")
        print(constants_source(coef, intercept, threshold))
        result["refit"] = {
            "coefficients": dict(zip(FEATURES, map(float, coef), strict=True)),
            "intercept": intercept,
            "link_threshold": threshold,
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
