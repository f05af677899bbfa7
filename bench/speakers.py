"""Who the speaker rules name, over many news texts: saved, then compared after a change.

    python bench/speakers.py --save BEFORE.json [--docs 2000] [--eval-dir ../shared/eval]
    python bench/speakers.py --compare BEFORE.json [--show 40]

PolNeAR's gold (bench/quotes.py) covers a few hundred attributions; a speaker rule mostly
moves cases it never annotates. This reads the quotes of the same documents ``bench/ingest.py``
ingests (BASIL, ECB+ and PolNeAR texts, shuffled with a fixed seed), keeps each quote's kind,
span and speaker, and after a change prints every quote whose speaker moved (from -> to,
with the quote's first words), most frequent changes first, and how many documents and
quotes changed. Reading that list is how each speaker rule was checked: a change is kept
when its moves are right, and the count goes in its commit message.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import corpus  # noqa: E402

from provenance.quotes import extract  # noqa: E402

Found = list[list[tuple[str, str | None, int, int]]]  # per document: kind, speaker, start, end


def speakers_of(texts: list[str]) -> Found:
    return [[(q.kind, q.speaker, q.start, q.end) for q in extract(t)[0]] for t in texts]


def compare(before: Found, after: Found, texts: list[str], show: int) -> str:
    lines: list[str] = []
    moves: Counter[tuple[str | None, str | None]] = Counter()
    example: dict[tuple[str | None, str | None], str] = {}
    docs = quotes = added = dropped = 0
    for text, old, new in zip(texts, before, after, strict=True):
        if old == new:
            continue
        docs += 1
        was = {(k, s, e): who for k, who, s, e in old}
        now = {(k, s, e): who for k, who, s, e in new}
        added += len(now.keys() - was.keys())
        dropped += len(was.keys() - now.keys())
        for key in was.keys() & now.keys():
            if was[key] != now[key]:
                quotes += 1
                move = (was[key], now[key])
                moves[move] += 1
                example.setdefault(move, " ".join(text[key[1] : key[2]].split())[:60])
    for (a, b), n in moves.most_common(show):
        lines.append(f"{n:>4}  {a!r} -> {b!r}  | {example[(a, b)]}")
    lines.append(
        f"{docs} documents changed: {quotes} quotes changed speaker, "
        f"{added} quotes new, {dropped} gone"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--save", type=Path, help="write the speakers found to this file")
    parser.add_argument("--compare", type=Path, help="print what changed since this file")
    parser.add_argument("--show", type=int, default=40, help="changes listed, most frequent first")
    args = parser.parse_args()
    if not args.eval_dir.exists():
        print(f"skipped: no evaluation data at {args.eval_dir}")
        return
    if not (args.save or args.compare):
        parser.error("give --save FILE or --compare FILE")
    texts = [d["text"] for d in corpus(args.eval_dir, args.docs)]
    found = speakers_of(texts)
    if args.compare:
        saved = json.loads(args.compare.read_text(encoding="utf-8"))
        if len(saved) != len(found):
            parser.error(f"{args.compare} holds {len(saved)} documents, not {len(found)}")
        before = [[(k, s, a, b) for k, s, a, b in doc] for doc in saved]
        print(compare(before, found, texts, args.show))
    if args.save:
        args.save.write_text(json.dumps(found), encoding="utf-8")
        print(f"{sum(map(len, found))} quotes of {len(found)} documents saved to {args.save}")


if __name__ == "__main__":
    main()
