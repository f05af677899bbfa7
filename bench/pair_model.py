"""An MRPC-trained pair model (a cross-encoder): what it scores on MRPC, and why provenance
does not ship it.

Usage (from the project root, venv active):

    python bench/pair_model.py --cv      # out-of-fold scores on MRPC train, 5 folds (~50 min)
    python bench/pair_model.py --train   # one adapter on all pairs (~11 min)
    python bench/pair_model.py --probe   # that adapter on the seed pairs and planted edits

The model is the default encoder's MiniLM weights read as a cross-encoder (both sentences in
one input, one logit) with a LoRA adapter on every attention and feed-forward projection
(2.7 MB). Training sees each pair in a random order of its two sentences; scoring averages
both orders. Cross-validation trains one adapter per fold on the other folds and scores the
held-out fold, so every score comes from a model that never saw that pair; the scores are
cached under ``bench/results/cache``, where ``bench/mrpc.py`` reads them for its row (d).
``--train`` writes its adapter to ``bench/results/pair_model``.

The probe is why it is not shipped: MRPC calls a sentence "not equivalent" to itself plus a
clause, and the model learns that, so it splits the seed articles' same-claim pairs (one
outlet adds a detail); and it learns little about the edits that do change a claim, so a
changed figure or an inserted "not" still reads as the same. provenance wants the opposite
on both counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/pair_model.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from mrpc import (  # noqa: E402  (bench/ is on the path when a bench runs as a script)
    MRPC_FILE,
    SEED_POSITIVES,
    Pair,
    folds_of,
    load_mrpc,
    metrics,
    planted_figure_edits,
    planted_negation_edits,
)

from embeddings.encoder import resolve_model  # noqa: E402

ADAPTER_DIR = ROOT / "bench" / "results" / "pair_model"
# The model's natural cut on its probability: nothing is fitted on held-out folds.
CUT = 0.5

RESULTS = ROOT / "bench" / "results"
CV_FOLDS = 5

# Chosen on one held-out tenth of MRPC train (408 pairs) before the cross-validation run, at
# the 0.5 cut: full fine-tuning (3 epochs, lr 5e-5) acc 0.824 / F1 0.876; this adapter at
# 3 epochs, lr 5e-4 acc 0.809 / F1 0.863; at 4 epochs, lr 1e-3 (below) acc 0.824 / F1 0.875,
# with 3% of the weights trained and stored. In the 5-fold run (`--cv`, 2026-11-22) two of
# the five folds diverged to calling every pair equivalent (acc 0.680 and 0.655); the other
# three reached acc 0.777 / 0.812 / 0.801, F1 0.844 / 0.866 / 0.857. Kept as measured: a lower
# rate would likely train every fold, but the probe, not the fold score, is why it is unshipped.
SETTINGS: dict[str, Any] = {
    "rank": 16,
    "alpha": 32,
    "dropout": 0.1,
    "targets": ["query", "key", "value", "dense"],
    "epochs": 4,
    "lr": 1e-3,
    "batch": 16,
    "warmup": 0.1,
    "max_tokens": 128,
    "seed": 0,
}

Example = tuple[str, str, bool]
Vector = np.ndarray[Any, np.dtype[np.float64]]


def train(examples: Sequence[Example], settings: dict[str, Any] = SETTINGS) -> Any:
    """A LoRA-adapted cross-encoder trained on ``examples``; returns the peft model."""
    import torch
    import transformers
    from peft import LoraConfig, get_peft_model
    from tqdm import tqdm

    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]  # untyped in transformers
    torch.manual_seed(settings["seed"])
    shuffle = random.Random(settings["seed"])
    base = resolve_model(None)
    tokenizer = transformers.AutoTokenizer.from_pretrained(base)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    config = LoraConfig(
        task_type="SEQ_CLS",
        r=settings["rank"],
        lora_alpha=settings["alpha"],
        lora_dropout=settings["dropout"],
        target_modules=settings["targets"],
    )
    model = get_peft_model(model, config)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=settings["lr"], weight_decay=0.01)
    batch = settings["batch"]
    steps = int(len(examples) / batch * settings["epochs"])
    warm = max(1, int(settings["warmup"] * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
    )
    loss_of = torch.nn.BCEWithLogitsLoss()
    data = list(examples)
    model.train()
    step = 0
    with tqdm(total=steps, desc="training", unit="step") as bar:
        while step < steps:
            shuffle.shuffle(data)
            for lo in range(0, len(data) - batch + 1, batch):
                if step >= steps:
                    break
                rows = data[lo : lo + batch]
                swap = shuffle.random() < 0.5
                a = [r[1] if swap else r[0] for r in rows]
                b = [r[0] if swap else r[1] for r in rows]
                inputs = tokenizer(
                    a,
                    b,
                    truncation=True,
                    max_length=settings["max_tokens"],
                    padding=True,
                    return_tensors="pt",
                )
                labels = torch.tensor([float(r[2]) for r in rows])
                # bf16 autocast: ~1.5x faster steps on this CPU; the adapter is saved in fp32.
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    logits = model(**inputs).logits[:, 0]
                loss = loss_of(logits.float(), labels)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                step += 1
                bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
                bar.update()
    model.eval()
    return model


def save(model: Any, out: Path) -> None:
    """Write the adapter (and the head it trained) as ``out``/adapter_*."""
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    config = out / "adapter_config.json"
    # The base is whatever resolve_model(None) gives on the machine that loads it; a local
    # path from the training machine would only mislead.
    settings = json.loads(config.read_text(encoding="utf-8"))
    settings["base_model_name_or_path"] = "sentence-transformers/all-MiniLM-L6-v2"
    config.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "README.md").unlink(missing_ok=True)  # peft's model-card template, all blanks


def load(folder: Path = ADAPTER_DIR) -> Any:
    """The adapter written by ``--train``, merged into the default model's weights."""
    import transformers
    from peft import PeftModel

    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]  # untyped in transformers
    base = transformers.AutoModelForSequenceClassification.from_pretrained(
        resolve_model(None), num_labels=1
    )
    return PeftModel.from_pretrained(base, str(folder)).merge_and_unload().eval()


def score(model: Any, pairs: Sequence[tuple[str, str]], batch: int = 32) -> Vector:
    """Probability that each pair says the same thing, averaged over both orders."""
    import torch
    import transformers

    tokenizer = transformers.AutoTokenizer.from_pretrained(resolve_model(None))
    model.eval()
    order = sorted(range(len(pairs)), key=lambda i: -len(pairs[i][0]) - len(pairs[i][1]))
    out = np.empty(len(pairs), dtype=np.float64)

    def logits(a: list[str], b: list[str]) -> Any:
        inputs = tokenizer(a, b, truncation=True, max_length=256, padding=True, return_tensors="pt")
        return torch.sigmoid(model(**inputs).logits[:, 0].float())

    with torch.inference_mode():
        for lo in range(0, len(order), batch):
            rows = order[lo : lo + batch]
            a = [pairs[i][0] for i in rows]
            b = [pairs[i][1] for i in rows]
            out[rows] = ((logits(a, b) + logits(b, a)) / 2.0).numpy()
    return out


def _cache_path(examples: Sequence[Example], k: int) -> Path:
    digest = hashlib.sha256(json.dumps([SETTINGS, k], sort_keys=True).encode())
    for a, b, label in examples:
        digest.update(f"{a}\0{b}\0{int(label)}\n".encode())
    return RESULTS / "cache" / f"pair-oof-{digest.hexdigest()[:20]}.npy"


def out_of_fold(
    examples: Sequence[Example], k: int = CV_FOLDS, *, train_missing: bool = True
) -> np.ndarray[Any, np.dtype[np.float64]] | None:
    """Each pair's score from the adapter trained on the other ``k - 1`` folds (cached).
    None when not cached and ``train_missing`` is False."""
    path = _cache_path(examples, k)
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float64)
    if not train_missing:
        return None
    folds = folds_of(len(examples), k)
    scores = np.zeros(len(examples))
    for fold in range(k):
        print(f"fold {fold + 1}/{k}", file=sys.stderr)
        model = train([e for e, f in zip(examples, folds, strict=True) if f != fold])
        held = [int(i) for i in np.flatnonzero(folds == fold)]
        scores[held] = score(
            model.merge_and_unload(), [(examples[i][0], examples[i][1]) for i in held]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, scores)
    return scores


def planted_edits(examples: Sequence[Example]) -> list[tuple[str, str, str, str]]:
    """(kind, a, b, b edited) from MRPC's equivalent pairs, as bench/mrpc.py plants them:
    a figure b shares with a changed, or a "not" after an auxiliary verb both share."""
    pairs = [Pair(same, a, b) for a, b, same in examples]
    figures = [("figure", a, b, e) for a, b, e in planted_figure_edits(pairs)]
    return figures + [("negation", a, b, e) for a, b, e in planted_negation_edits(pairs)]


def probe(examples: Sequence[Example]) -> dict[str, Any]:
    """The trained adapter on what provenance needs: the seed articles' same-claim pairs
    must read as the same; a changed figure or a negation must not."""

    from provenance.similarity import relation

    model = load()
    seeds = score(model, list(SEED_POSITIVES))
    lexical = [relation(a, b, 1.0) != "divergent" for a, b in SEED_POSITIVES]
    out: dict[str, Any] = {
        "seed_positives": len(SEED_POSITIVES),
        "seed_positives_same_by_pair_model": int((seeds >= CUT).sum()),
        "seed_positives_same_by_lexical_rule": int(sum(lexical)),
        "seed_scores": [round(float(x), 3) for x in seeds],
    }
    rows = planted_edits(examples)
    before = score(model, [(a, b) for _, a, b, _ in rows])
    after = score(model, [(a, edited) for _, a, _, edited in rows])
    flagged = np.array([relation(a, e, 1.0) == "divergent" for _, a, _, e in rows])
    for kind in ("figure", "negation"):
        mask = np.array([r[0] == kind for r in rows])
        out[kind] = {
            "pairs": int(mask.sum()),
            "original_same_by_pair_model": float((before[mask] >= CUT).mean()),
            "edited_still_same_by_pair_model": float((after[mask] >= CUT).mean()),
            "edited_divergent_by_lexical_rule": float(flagged[mask].mean()),
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cv", action="store_true", help="out-of-fold scores and metrics")
    parser.add_argument("--folds", type=int, default=CV_FOLDS)
    parser.add_argument(
        "--train", action="store_true", help=f"train on all pairs, write {ADAPTER_DIR}"
    )
    parser.add_argument("--probe", action="store_true", help="the --train adapter on edits")
    args = parser.parse_args(argv)
    path = args.eval_dir / MRPC_FILE
    if not path.exists():
        print(f"skipped: {path} not found (MRPC lives in ../shared/eval; see --eval-dir)")
        return 0
    examples = [(p.a, p.b, p.label) for p in load_mrpc(path)]
    if args.cv:
        started = time.time()
        scores = out_of_fold(examples, args.folds)
        assert scores is not None
        y = np.array([e[2] for e in examples])
        m = metrics(scores >= CUT, y)
        print(
            f"pair model alone, {args.folds}-fold CV on {len(examples)} MRPC pairs: "
            f"acc {m['accuracy']:.4f}  F1 {m['f1']:.4f}  P {m['precision']:.4f}  "
            f"R {m['recall']:.4f}  ({time.time() - started:.0f} s)"
        )
    if args.train:
        save(train(examples), ADAPTER_DIR)
        print(f"wrote {ADAPTER_DIR}")
    if args.probe:
        if not ADAPTER_DIR.exists():
            print(f"no adapter at {ADAPTER_DIR}: run with --train first")
            return 1
        found = probe(examples)
        n = found["seed_positives"]
        print(
            f"seed same-claim pairs read as the same: pair model "
            f"{found['seed_positives_same_by_pair_model']}/{n}, lexical rule "
            f"{found['seed_positives_same_by_lexical_rule']}/{n}"
        )
        print("planted edits on MRPC's equivalent pairs (the originals were training data):")
        for kind in ("figure", "negation"):
            k = found[kind]
            print(
                f"  {kind:<8} {k['pairs']:>4} pairs: original read as same "
                f"{k['original_same_by_pair_model']:.3f}; edited still read as same "
                f"{k['edited_still_same_by_pair_model']:.3f}; lexical rule calls the edited "
                f"one divergent {k['edited_divergent_by_lexical_rule']:.3f}"
            )
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / "pair_model.json"
        out.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    if not (args.cv or args.train or args.probe):
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
