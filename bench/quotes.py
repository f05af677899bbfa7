"""Quote extraction against PolNeAR: content spans, speakers, wire credits.

    python bench/quotes.py [--eval-dir ../shared/eval] [--split dev]
    python bench/quotes.py --scaling [--eval-dir ../shared/eval]

Gold comes from the brat standoff files: each ``E`` line links a Content span (possibly
discontinuous, ``;``-separated pieces) to its Source and Cue. Units are contiguous pieces:

- direct quotes: the stretches between quote marks inside gold Content pieces, marks
  excluded, against predicted ``kind="direct"`` quotes;
- all attributions: every gold Content piece against every predicted quote, except direct
  quotes that sit inside a predicted indirect one (they would be counted twice).

Spans are compared after trimming whitespace, quote marks and edge punctuation. "exact"
needs identical trimmed offsets; "overlap" needs the shared word tokens to be at least half
of both spans' tokens (one-to-one, greedy by overlap). A speaker is right when the
predicted mention overlaps a gold Source span, or the resolved name shares the gold
source's capitalised words ("He" -> "Donald Trump" matches a gold "Trump"). Credits are
scored per document against metadata.tsv ``wire`` (AP, AFP, UPI, Reuters).

``--scaling`` prints instead how extract()'s time grows with the length of one text, from
25k to 800k characters: news (paragraphs of the seeds and of the PolNeAR texts, if there)
with and without its paragraph breaks, in lower case as one sentence, and the run-on
inputs that once made extraction quadratic. Time that
grows linearly doubles with each doubling of the text ("x2"); quadratic would be "x4".
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/quotes.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from provenance.credits import WIRES  # noqa: E402
from provenance.marks import find_marked  # noqa: E402
from provenance.models import Credit, Quote  # noqa: E402
from provenance.quotes import extract  # noqa: E402

Span = tuple[int, int]
_MARKS = "“”\"‘’'«»„\x00"
_EDGE = _MARKS + " \t\n.,;:—–-"
_WORD = re.compile(r"\w+")
_WIRE_KINDS = frozenset({"dateline", "wire_tag", "byline", "other"})
_GOLD_WIRE = {"ap": "Associated Press", "afp": "AFP", "upi": "UPI", "reuters": "Reuters"}
ANCHOR = {
    "citron_parc3_exact_f1": 0.567, "citron_parc3_overlap_f1": 0.832, "citron_source_f1": 0.82
}
TARGETS = {"direct_overlap_f1": 0.90, "speaker_accuracy": 0.85, "wire_credit_f1": 0.95}


@dataclass
class Attribution:
    content: list[Span]
    sources: list[Span] = field(default_factory=list)


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp, self.pred, self.gold = self.tp + tp, self.pred + pred, self.gold + gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


def parse_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T"):
            label, _, locs = parts[1].partition(" ")
            try:
                pieces = [(int(a), int(b)) for a, b in (p.split() for p in locs.split(";"))]
            except ValueError:
                continue
            spans[parts[0]] = (label, pieces)
        elif len(parts) >= 2 and parts[0].startswith("E"):
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            links.append({k.split("-")[0]: v for k, v in roles.items()})
    out: list[Attribution] = []
    for roles in links:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source = spans.get(roles.get("Source", ""))
        out.append(Attribution(content[1], source[1] if source else []))
    return out


def trim(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def quoted_in(text: str, a: int, b: int) -> list[Span]:
    """Stretches between quote marks in a gold piece. Annotators sometimes leave the
    closing mark just outside the piece, so a mark right at either edge is taken in and a
    quote still open at the piece's end runs to it."""
    text = text.replace("''", '"\x00')  # NYT-style '' is a double mark; same length
    if b < len(text) and text[b] in "”\"»":
        b += 2 if text[b + 1 : b + 2] == "\x00" else 1
    if a > 0 and text[a - 1] in "“\"«\x00":
        a -= 2 if text[a - 1] == "\x00" else 1
    out: list[Span] = []
    opened = -1
    for i in range(a, b):
        ch = text[i]
        closes = ch in "”»" or (ch == '"' and opened >= 0)
        if opened < 0 and (ch in "“«" or ch == '"'):
            opened = i
        elif opened >= 0 and closes:
            out.append((opened + 1, i))
            opened = -1
    if opened >= 0:
        out.append((opened + 1, b))
    return out


def gold_direct(text: str, gold: list[Attribution]) -> dict[Span, list[Span]]:
    out: dict[Span, list[Span]] = {}
    for att in gold:
        for a, b in att.content:
            for span in quoted_in(text, a, b):
                seg = trim(text, span)
                if seg[1] > seg[0]:
                    out.setdefault(seg, []).extend(att.sources)
    return out


def gold_all(text: str, gold: list[Attribution]) -> dict[Span, list[Span]]:
    out: dict[Span, list[Span]] = {}
    for att in gold:
        for piece in att.content:
            seg = trim(text, piece)
            if seg[1] > seg[0]:
                out.setdefault(seg, []).extend(att.sources)
    return out


def words(text: str, span: Span) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, span[0], span[1])}


def match(text: str, pred: list[Span], gold: list[Span], exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index)."""
    if exact:
        where = {g: i for i, g in enumerate(gold)}
        return [(i, where[p]) for i, p in enumerate(pred) if p in where]
    pw = [words(text, p) for p in pred]
    gw = [words(text, g) for g in gold]
    cands = []
    for i, a in enumerate(pw):
        for j, b in enumerate(gw):
            shared = len(a & b)
            if a and b and shared * 2 >= max(len(a), len(b)):
                cands.append((shared / max(len(a), len(b)), i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def speaker_ok(text: str, q: Quote, sources: list[Span]) -> bool:
    if q.speaker_start is None or q.speaker_end is None:
        return False
    if any(q.speaker_start < b and a < q.speaker_end for a, b in sources):
        return True
    said = set(re.findall(r"[A-Z][\w’'-]+", q.speaker or ""))
    for a, b in sources:
        names = set(re.findall(r"[A-Z][\w’'-]+", text[a:b])) - {"The", "He", "She", "It", "They"}
        if names and said and (names <= said or said <= names):
            return True
    return False


def evaluate(eval_dir: Path, split: str) -> dict[str, object]:
    base = eval_dir / "polnear" / split
    anns: dict[str, Path] = {}
    for path in sorted((base / "attributions").glob("*.ann")):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}$", "", path.stem), path)
    direct, everything = Counts(), Counts()
    direct_x, everything_x = Counts(), Counts()
    spk = {"direct": [0, 0], "all": [0, 0]}
    elapsed, preds = 0.0, {}
    for name, path in anns.items():
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = parse_ann(path)
        t0 = time.perf_counter()
        quotes, credits = extract(text)
        elapsed += time.perf_counter() - t0
        preds[name] = credits
        dq = [q for q in quotes if q.kind == "direct"]
        ind = [q for q in quotes if q.kind == "indirect"]
        aq = ind + [q for q in dq if not any(i.start <= q.start and q.end <= i.end for i in ind)]
        for qs, g, counts, counts_x, key in (
            (dq, gold_direct(text, gold), direct, direct_x, "direct"),
            (aq, gold_all(text, gold), everything, everything_x, "all"),
        ):
            pspans = [trim(text, (q.start, q.end)) for q in qs]
            gspans = list(g)
            ex = match(text, pspans, gspans, exact=True)
            ov = match(text, pspans, gspans, exact=False)
            counts_x.add(len(ex), len(pspans), len(gspans))
            counts.add(len(ov), len(pspans), len(gspans))
            for i, j in ov:
                if g[gspans[j]]:
                    spk[key][1] += 1
                    spk[key][0] += speaker_ok(text, qs[i], g[gspans[j]])
    wire, wire_any = score_credits(eval_dir, split, base)
    return {
        "split": split,
        "documents": len(anns),
        "direct_exact": direct_x.prf(),
        "direct_overlap": direct.prf(),
        "all_exact": everything_x.prf(),
        "all_overlap": everything.prf(),
        "speaker_accuracy_direct": round(spk["direct"][0] / max(1, spk["direct"][1]), 4),
        "speaker_accuracy_all": round(spk["all"][0] / max(1, spk["all"][1]), 4),
        "speaker_pairs": {"direct": spk["direct"][1], "all": spk["all"][1]},
        "wire_credits": wire,
        "wire_credits_any_kind": wire_any,
        "ms_per_doc": round(1000 * elapsed / max(1, len(anns)), 2),
        "anchor": ANCHOR,
        "targets": TARGETS,
    }


def score_credits(
    eval_dir: Path, split: str, base: Path
) -> tuple[dict[str, float], dict[str, float]]:
    """Per document: does it credit the wire service metadata.tsv names (and only that)?"""
    with (eval_dir / "polnear" / "metadata.tsv").open(encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    strict, loose = Counts(), Counts()
    for path in sorted((base / "text").glob("*.txt")):
        row = meta.get(path.stem)
        if row is None:
            continue
        want = _GOLD_WIRE.get((row.get("wire") or "").strip().lower())
        credits: list[Credit] = extract(path.read_text(encoding="utf-8"))[1]
        for counts, kinds in ((strict, _WIRE_KINDS), (loose, None)):
            wires = [c for c in credits if c.source in WIRES]
            got = {c.source for c in wires if kinds is None or c.kind in kinds}
            counts.add(int(want in got), int(bool(got)), int(want is not None))
    return strict.prf(), loose.prf()


def table(r: dict[str, object]) -> str:
    rows = [f"PolNeAR {r['split']}: {r['documents']} documents, {r['ms_per_doc']} ms/doc",
            f"{'metric':<28}{'P':>8}{'R':>8}{'F1':>8}{'tp/pred/gold':>18}"]
    for key in ("direct_exact", "direct_overlap", "all_exact", "all_overlap", "wire_credits",
                "wire_credits_any_kind"):
        m = r[key]
        assert isinstance(m, dict)
        rows.append(f"{key:<28}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}"
                    f"{m['tp']:>8}/{m['pred']}/{m['gold']}")
    rows.append(f"{'speaker accuracy (direct)':<28}{r['speaker_accuracy_direct']:>24.3f}")
    rows.append(f"{'speaker accuracy (all)':<28}{r['speaker_accuracy_all']:>24.3f}")
    rows.append(
        f"anchor (Citron, PARC 3.0): exact F1 {ANCHOR['citron_parc3_exact_f1']}, "
        f"overlap F1 {ANCHOR['citron_parc3_overlap_f1']}, source F1 {ANCHOR['citron_source_f1']}"
    )
    return "\n".join(rows)


SIZES = (25_000, 50_000, 100_000, 200_000, 400_000, 800_000)


def news_paragraphs(eval_dir: Path) -> list[str]:
    """Paragraphs whose quotes all close: run on, one left open would take in all the text
    after it, and a quote is never searched for a cue or a speaker."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(eval_dir.glob("polnear/*/text/*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    paras = [p for text in texts for p in text.split("\n\n") if p.strip()]
    return [p for p in paras if all(q.close >= 0 for q in find_marked(p))]


def scaling_inputs(eval_dir: Path) -> dict[str, Callable[[int], str]]:
    """Texts of any length: news put together, and run-on text repeating a unit."""
    paras = news_paragraphs(eval_dir)

    def news(sep: str) -> Callable[[int], str]:
        def make(n: int) -> str:
            out: list[str] = []
            size = 0
            while size < n:
                out.append(paras[len(out) % len(paras)])
                size += len(out[-1]) + len(sep)
            return sep.join(out)[:n]

        return make

    def repeat(unit: str) -> Callable[[int], str]:
        return lambda n: (unit * (n // len(unit) + 1))[:n]

    def labels(n: int) -> str:
        # A transcript whose every turn has a label of its own, none of them a known name.
        out: list[str] = []
        size = 0
        while size < n:
            k, label = len(out), ""
            while True:
                k, r = divmod(k, 26)
                label += chr(65 + r)
                if not k:
                    break
            out.append(f"ZQ{label}: I think the plan is bad and it will fail.\n\n")
            size += len(out[-1])
        return "".join(out)[:n]

    return {
        "news, paragraphs": news("\n\n"),
        "news, run-on": news(" "),
        "news, no newlines": lambda n: news(" ")(n).replace("\n", " "),
        # One sentence: no line breaks, and no capital after a full stop.
        "news, one sentence": lambda n: news(" ")(n).replace("\n", " ").lower(),
        "quote fragments": repeat("the so-called “reform” and the “plan” of the party and "),
        "run-on cues": repeat("smith said that the plan will fail, warning that it was bad. "),
        "run-on quotes": repeat("“we will win. they will lose,” jones said. jones said, “no.” "),
        "unclosed marks": repeat("He said “the players’ plan is bad. "),
        "repeated names": repeat("John Smith said the plan was fine. "),
        "wire tags": repeat("Rain fell (AP) and (Reuters) "),
        "asides": repeat("Sanders (I-Vt.) and Cruz (R-Texas) met. "),
        # "the statement said" with no full stop between: who issued it is looked for.
        "document speakers": repeat("“We will win the case,” the statement said, and "),
        "transcript turns": repeat("TAPPER: Do you think so?\n\nJAKE TAPPER: I think so.\n\n"),
        "transcript labels": labels,
        "dash asides": repeat("smith — a teacher from ohio — said the plan failed and "),
        "phrases after heads": repeat("Aides to Smith in the room on Monday said it failed, "),
        "interview answers": lambda n: (
            "Senator Maria Lopez spoke.\n\n"
            + repeat("Q: Why?\n\nA: I think so.\n\nTOM HALE: Thanks.\n\nMore words.\n\n")(n)
        ),
        "hard-wrapped": repeat("the plan is bad and it will fail\nand then more words follow\n"),
        # A new capitalised word opening each sentence, then "he said": is each a person?
        "lone words": lambda n: "".join(
            f"{_word_at(k).capitalize()}s grew. “Fine,” he said. " for k in range(n // 30 + 1)
        )[:n],
    }


def _word_at(k: int) -> str:
    """A different word of letters for each k ("ba", "ca", ... "baa", ...)."""
    out = ""
    k += 27
    while k:
        k, r = divmod(k, 26)
        out += chr(97 + r)
    return out


def scaling(eval_dir: Path) -> str:
    """The scaling table: seconds per size (best of two runs), the growth at each doubling."""
    rows = [f"{'input':<20}" + "".join(f"{n // 1000:>9}k" for n in SIZES) + f"{'exponent':>10}"]
    for name, make in scaling_inputs(eval_dir).items():
        times: list[float] = []
        for n in SIZES:
            text = make(n)
            best = math.inf
            for _ in range(2):
                t0 = time.perf_counter()
                extract(text)
                best = min(best, time.perf_counter() - t0)
            times.append(best)
        # How time grows with size overall: 1 is linear, 2 quadratic.
        exponent = math.log(times[-1] / times[0]) / math.log(SIZES[-1] / SIZES[0])
        rows.append(f"{name:<20}" + "".join(f"{t:>9.3f}s" for t in times) + f"{exponent:>10.2f}")
        rows.append(f"{'':<20}{'':>10}" + "".join(
            f"{'x' + format(b / a, '.1f'):>10}" for a, b in pairwise(times)
        ))
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quotes.json")
    ap.add_argument("--scaling", action="store_true", help="print how time grows with length")
    args = ap.parse_args()
    if args.scaling:
        print(scaling(args.eval_dir))
        return 0
    if not (args.eval_dir / "polnear" / args.split).is_dir():
        print(f"skipped: no PolNeAR at {args.eval_dir / 'polnear' / args.split}")
        return 0
    result = evaluate(args.eval_dir, args.split)
    print(table(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
