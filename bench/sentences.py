"""Sentence splitting: boundary accuracy against gold, and speed, for the shipped splitter
beside pysbd alone and blingfire alone.

    python bench/sentences.py [--eval-dir ../shared/eval] [--docs 300] [--json FILE]

Gold: ECB+ documents come as lists of sentences. Joined with single spaces, each join is a
gold boundary; a splitter is scored on the boundaries it puts (precision, recall, F1).
ECB+ is tokenised ("Athens .", "`` yes ''"), so it is scored as given and after a simple
detokenisation closer to published news ("Athens.", '"yes"'). Headlines carry no final
mark, so no splitter finds every gold boundary: compare the rows, not the absolute recall.
Sentences holding a URL are left out: ECB+ tokenises them ("www . bbc . co . uk"), and
splitting that junk is not what news prose asks of a splitter.

Speed: the same news corpus as bench/ingest.py (BASIL, ECB+, PolNeAR texts), time per
sentence for each splitter, all three in the same run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from figures import report  # noqa: E402
from ingest import corpus  # noqa: E402

from provenance import sentences  # noqa: E402
from provenance.models import Span  # noqa: E402

Splitter = Callable[[str], list[Span]]
_URL = re.compile(r"http|www|\.\s?(?:com|html?|org|net|co\s?\.\s?uk)\b", re.IGNORECASE)


def detokenise(s: str) -> str:
    s = re.sub(r"`` ?", '"', s)
    s = re.sub(r" ?''", '"', s)
    s = re.sub(r" ([.,!?;:%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)


def splitters() -> dict[str, Splitter]:
    """The shipped splitter and the two libraries alone, all through the same wrapper
    (paragraphs, offsets, quote merging), so only the boundary decisions differ."""
    import blingfire

    def with_chunker(chunker: Callable[[str], list[str]]) -> Splitter:
        def split(text: str) -> list[Span]:
            saved = sentences._sentences
            sentences._sentences = chunker  # type: ignore[assignment]  # the swap is the point
            try:
                return sentences.split_sentences(text)
            finally:
                sentences._sentences = saved

        return split

    return {
        "shipped (blingfire + pysbd on doubt)": sentences.split_sentences,
        "pysbd alone": with_chunker(sentences._pysbd),
        "blingfire alone": with_chunker(lambda c: blingfire.text_to_sentences(c).split("\n")),
    }


def boundary_scores(docs: list[list[str]], split: Splitter) -> dict[str, float]:
    tp = fp = fn = 0
    for sents in docs:
        text = " ".join(sents)
        gold: set[int] = set()
        pos = 0
        for s in sents[:-1]:
            pos += len(s) + 1
            gold.add(pos)
        pred = {span.start for span in split(text)[1:]}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--docs", type=int, default=300, help="news documents for the speed run")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "sentences.json")
    args = parser.parse_args()
    gold_file = args.eval_dir / "ecbplus" / "ecbplus_docs.jsonl"
    if not gold_file.exists():
        print(f"skipped: no ECB+ data at {gold_file}")
        return
    gold_docs = [
        [s for s in json.loads(line)["sentences"] if s.strip() and not _URL.search(s)]
        for line in gold_file.read_text(encoding="utf-8").splitlines()
    ]
    news = [d["text"] for d in corpus(args.eval_dir, args.docs)]
    result: dict[str, object] = {"ecb_documents": len(gold_docs), "news_documents": len(news)}
    for name, split in splitters().items():
        split("Warm up. Load the libraries.")
        for label, docs in (
            ("ecb_tokenised", gold_docs),
            ("ecb_detokenised", [[detokenise(s) for s in d] for d in gold_docs]),
        ):
            scores = boundary_scores(docs, split)
            result[f"{name} | {label} P/R/F1"] = (
                f"{scores['precision']:.4f} / {scores['recall']:.4f} / {scores['f1']:.4f}"
            )
        t0 = time.perf_counter()
        count = sum(len(split(text)) for text in news)
        seconds = time.perf_counter() - t0
        result[f"{name} | news ms/sentence"] = round(1000 * seconds / max(count, 1), 3)
    report(result, args.json)


if __name__ == "__main__":
    main()
