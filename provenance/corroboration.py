"""Corroboration: is this quote or claim in the store, by how many independent origins,
verbatim or altered, and attributed to whom?

Candidates come from FAISS neighbours of the query and from a lexical scan for its
rarest word (a quoted fragment inside a long sentence is lexically obvious but can sit
far from it in embedding space). Each candidate statement is then classed against the
query: verbatim, near-verbatim, paraphrase, divergent or misattributed. A statement that
says much more than the query (or much less) is judged again on its words that line up
with the query, embedded on their own (``aligned_window``). The nearest candidates that
are none of these come back apart, as ``related``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from provenance.cues import DENIALS, OBJECTS, forms
from provenance.edits import SUBSTANTIVE, classify_edits
from provenance.errors import QueryError
from provenance.lexicon import POSSESSIVE_ENDINGS
from provenance.origins import Origin, Source, group_origins
from provenance.pipeline import EncoderLike, open_index
from provenance.report import outlet_label
from provenance.similarity import LINK_THRESHOLD, link_score
from provenance.statements import normalise
from provenance.store import DocumentRow, StatementRow, Store
from provenance.variants import wording_key

MAX_QUERY_CHARS = 10_000
NEIGHBOURS = 64
CANDIDATE_FLOOR = 0.45
# A partial alignment this good (rapidfuzz, 0-100) means the query's words are there,
# possibly with a small edit; below it only the meaning can match.
ALIGNMENT_FLOOR = 88.0
# A statement aligned inside a longer query must cover half of it or be a phrase of its own:
# a two-word quote ("illegal aliens") inside a long sentence is not that sentence verbatim,
# and two outlets quoting it would otherwise "corroborate" anything that uses the words.
COVERAGE_FLOOR = 0.5
FRAGMENT_WORDS = 5
# A not-found quote still gets the nearest sentences to read; they never count as evidence.
RELATED = 10
# With the speaker's name, a statement of theirs this close in meaning is a paraphrase
# at half the link score otherwise needed (not at any score: "IS-K, along with al-Qaida
# ..., is actively operating in Afghanistan" is no paraphrase of Fu Cong calling it
# "one of the most dangerous branches", cosine 0.66, link 0.04).
SPEAKER_COSINE = 0.65
SPEAKER_LINK = 0.15
# A statement this many times as long as the query (or the query as long as it) may hold
# the claim among other words: its words that line up with the query are embedded and
# judged on their own, for at most WINDOWS statements a query, at this cosine or more.
HELD_LENGTH = 1.5
WINDOWS = 16
WINDOW_COSINE = 0.7
# Below it a window is still the claim altered when its words are the claim's but for a
# changed figure, name or negation (a changed year costs the cosine 0.05-0.1).
CHANGED_COSINE = 0.6
CLAUSE_WORDS = 6

MatchRelation = Literal[
    "verbatim", "near-verbatim", "paraphrase", "divergent", "misattributed", "related"
]
Verdict = Literal[
    "corroborated", "corroborated-with-changes", "single-source", "disputed", "not-found"
]
_RANK = {
    "verbatim": 0, "near-verbatim": 1, "misattributed": 2, "divergent": 3, "paraphrase": 4,
    "related": 5,
}  # fmt: skip
_SUPPORTING = ("verbatim", "near-verbatim", "paraphrase")
_LOOSE_DROP = re.compile(r"\b(?:a|an|the)\b|[^\w\s]")
# What a statement says of the words it holds when they are denied or were not said
# ("Jones denied that the election was stolen", "has never said that ..."), read at the
# end of the loose key before them (articles dropped, "didn't" as "didn t").
_DENYING = (*DENIALS, "dispute", "refute")
_NOT_SAYING = ("say", "claim", "suggest", "state", "tell", "assert")


def _alternatives(lemmas: tuple[str, ...]) -> str:
    return "|".join(sorted({f for lemma in lemmas for f in forms(lemma)}))


_DENIED = re.compile(
    # "rejected u s claims that": up to three words (a split "U.S.") before "that"
    # but not past a clause of its own ("denied the report and said that ...")
    rf"(?:\b(?:{_alternatives(_DENYING)}|push(?:ed|es|ing)? back (?:against|on))"
    rf"(?: (?!and\b|but\b)\w+){{0,3}}"
    # "not only said that ..." says it.
    rf"|\b(?:not|never|\w+n t)(?! (?:only|just|merely)\b)(?: \w+){{0,2}}"
    rf" (?:{_alternatives(_NOT_SAYING)})(?: (?:{'|'.join(sorted(OBJECTS))}))?)"
    # and the words of the denied clause before where the claim's own words line up
    # ("claims that is k" before "recruits fighters")
    rf"(?: that(?: \w+){{0,4}})? ?$"
)
_WORD = re.compile(r"[^\W_]{4,}")
_NONSPACE = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[,;:.!?()—]")
_NEGATIONS = frozenset(("not", "no", "never", "nor", "neither", "none", "nobody", "nothing"))


class Match(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    document_id: str
    outlet: str | None
    url: str | None
    published: str | None
    title: str | None
    relation: MatchRelation
    score: float
    speaker: str | None
    kind: str
    edits: list[str]
    statement_id: int
    vector_id: int
    # The statement's words that line up with the query, where it says much more and was
    # judged on them (``Checker._contained``).
    matched: str | None = None


class CheckResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    query: str
    speaker: str | None
    verdict: Verdict
    independent_origins: int
    outlets: list[str]
    origins: list[Origin]
    matches: list[Match]
    related: list[Match] = []  # not matches: outside the verdict, origins and outlets


def strict_key(text: str) -> str:
    return wording_key(text).strip(" \"'.,;:")


def loose_key(text: str) -> str:
    return " ".join(_LOOSE_DROP.sub(" ", wording_key(text).lower()).split())


def denied_by(before: str) -> bool:
    """Whether the loose key ``before`` a claim's words says they were denied or not said
    ("jones denied that ", "has never said that "), and so does not support them."""
    return _DENIED.search(before) is not None


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """None when either is unknown; surnames decide ("Shea" is "Dorothy Shea"), unless both
    give first names that cannot be one person's ("Bill Clinton" is not "Hillary
    Clinton"; "Joe Biden" is "Joseph R. Biden Jr.", "Bill" is "William")."""
    if not a or not b:
        return None
    ka, kb = _name_words(a), _name_words(b)
    if not ka or not kb:
        return False
    if ka[-1] != kb[-1]:
        return a.lower() in b.lower() or b.lower() in a.lower()
    return len(ka) < 2 or len(kb) < 2 or _same_first_name(ka[0], kb[0])


# Written after a surname, not one: "Joseph R. Biden Jr.", "Martin Luther King III".
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _name_words(name: str) -> list[str]:
    words = [w.strip(".,").lower() for w in name.split()]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    # "CNN's Jake Tapper": the owner before a name is no first name.
    while len(words) > 1 and words[0].endswith(POSSESSIVE_ENDINGS):
        words.pop(0)
    return [w for w in words if w]


def _same_first_name(x: str, y: str) -> bool:
    """Whether two first names (lower case) may name one person: the same, an initial of
    the other, one the start of the other ("joe", "joseph"), another spelling of it
    ("vassily", "vasily"), or a nickname of it ("bill", "william")."""
    if x == y or x.startswith(y) or y.startswith(x) or fuzz.ratio(x, y) >= _SPELLING:
        return True
    return bool(_full_names(x) & _full_names(y))


# rapidfuzz's ratio from which two first names are taken for spellings of one: "vasily"
# and "vassily" 92, "jon" and "john" 86; "michael" and "michelle" 80, "john" and "joan" 75.
_SPELLING = 85


@lru_cache(maxsize=4096)
def _full_names(first: str) -> frozenset[str]:
    """The name and the names it is a nickname of ("bill": william, will, ...), from the
    nicknames package's curated list. Not the nicknames it has: "michael" and "michelle"
    share "mickey" and are not one name."""
    return frozenset({first} | _namer().canonicals_of(first))


@lru_cache(maxsize=1)
def _namer() -> Any:
    from nicknames import NickNamer  # loaded on first use: check's cold start skips it

    return NickNamer()


@dataclass
class Checker:
    """A loaded store and encoder, reused across queries (batch mode)."""

    store: Store
    encoder: EncoderLike

    def __post_init__(self) -> None:
        self.index, _ = open_index(self.store, self.encoder.dim)
        self._docs: dict[str, DocumentRow] = {d.id: d for d in self.store.documents()}
        self._credits = self.store.credits()

    def check(self, query: str, speaker: str | None = None) -> CheckResult:
        query = validate(query)
        vector = self.encoder.encode([normalise(query)])
        return self.check_vector(query, vector[0], speaker)

    def check_vector(
        self, query: str, vector: np.ndarray[Any, np.dtype[np.float32]], speaker: str | None
    ) -> CheckResult:
        scores, ids = self.index.search(vector[None, :], NEIGHBOURS)
        cosines = {int(i): float(s) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0}
        near = [vid for vid, s in cosines.items() if s >= CANDIDATE_FLOOR]
        words = sorted(_WORD.findall(query), key=len, reverse=True)
        # The longest words are the rarest: requiring three keeps the scan small while a
        # quote with one word changed still shares them.
        candidates = self.store.statements_where(
            vector_ids=near, containing=list(dict.fromkeys(w.lower() for w in words))[:3]
        )
        missing = [s.vector_id for s in candidates if s.vector_id not in cosines]
        if missing:
            ids_found, vecs = self.store.load_vectors(missing, dim=self.encoder.dim)
            cosines.update({vid: float(v @ vector) for vid, v in zip(ids_found, vecs, strict=True)})
        found: list[Match] = []
        unmatched: list[tuple[StatementRow, Match | None]] = []
        for statement in candidates:
            match = self._classify(query, speaker, statement, cosines.get(statement.vector_id, 0.0))
            if match is None or match.relation == "related":
                unmatched.append((statement, match))
            else:
                found.append(match)
        found += self._contained(query, vector, unmatched, cosines)
        if speaker:
            found = _misattributed(found, speaker, paraphrases=False)

        def rank(m: Match) -> tuple[int, bool, float]:
            # Of a document's statements, the speaker's own before another's alike claim.
            return _RANK[m.relation], same_speaker(speaker, m.speaker) is False, -m.score

        best: dict[str, Match] = {}
        for match in found:
            held = best.get(match.document_id)
            if held is None or rank(match) < rank(held):
                best[match.document_id] = match
        ranked = list(best.values())
        if speaker:
            ranked = _misattributed(ranked, speaker, paraphrases=True)
        ranked.sort(key=lambda m: (_RANK[m.relation], -m.score))
        matches = [m for m in ranked if m.relation != "related"]
        related = [m for m in ranked if m.relation == "related"][:RELATED]
        return self._verdict(query, speaker, matches).model_copy(update={"related": related})

    def _contained(
        self,
        query: str,
        vector: np.ndarray[Any, np.dtype[np.float32]],
        unmatched: list[tuple[StatementRow, Match | None]],
        cosines: dict[int, float],
    ) -> list[Match]:
        """The statements that hold the query's claim inside more words (or that the query
        holds inside more), judged on the words that line up: "IS-K remains one of the
        most dangerous branches" is in "During a meeting ..., Voronkov described IS-K as
        one of the most dangerous branches of the terrorist organisation", which as a
        whole sentence is only related. Back come the statements that match (and the
        related ones that do not, unchanged)."""
        # (statement, its related match, window in the statement?, shorter text, window)
        windows: list[tuple[StatementRow, Match | None, bool, str, str]] = []
        ranked = sorted(unmatched, key=lambda u: -cosines.get(u[0].vector_id, 0.0))
        for statement, related in ranked:
            held = _held_in(query, statement.text)
            if held is not None and len(windows) < WINDOWS:
                windows.append((statement, related, *held))
        out = [related for _, related, *_ in ranked if related is not None]
        if not windows:
            return out
        encoded = self.encoder.encode([normalise(w) for *_, w in windows])
        # A window of the query is set against the statement's own vector.
        ids, vectors = self.store.load_vectors(
            [s.vector_id for s, _, in_text, *_ in windows if not in_text], dim=self.encoder.dim
        )
        stored = dict(zip(ids, vectors, strict=True))
        for (statement, related, in_text, short, window), v in zip(windows, encoded, strict=True):
            # The window is the statement's (against the query) or the query's.
            cosine = float(v @ (vector if in_text else stored[statement.vector_id]))
            if cosine < CHANGED_COSINE:
                continue
            # A changed number, name or negation is the same claim altered; the link score
            # (0 for a number one side lacks) judges the rest.
            edits = classify_edits(short, window)
            relation: MatchRelation = "divergent" if SUBSTANTIVE & set(edits) else "paraphrase"
            if cosine < WINDOW_COSINE and not (
                relation == "divergent" and _same_words(short, window)
            ):
                continue
            link = link_score(short, window, cosine)
            if relation == "paraphrase" and link < LINK_THRESHOLD:
                continue
            if relation == "paraphrase" and in_text and _denied_before(statement.text, window):
                relation, edits = "divergent", ["negation"]
            match = self._match(statement, relation, 0.5 * link + 0.4 * cosine, edits)
            if in_text:
                match = match.model_copy(update={"matched": window})
            out = [m for m in out if m is not related] + [match]
        return out

    def _classify(
        self, query: str, speaker: str | None, s: StatementRow, cosine: float
    ) -> Match | None:
        from rapidfuzz import fuzz

        relation: MatchRelation | None = None
        edits: list[str] = []
        q_strict, t_strict = strict_key(query), strict_key(s.text)
        q_loose, t_loose = loose_key(query), loose_key(s.text)
        at = t_loose.find(q_loose) if q_loose else -1  # where the words stand, if whole
        if q_strict and q_strict in t_strict:
            relation, score = "verbatim", 1.0
        elif at >= 0:
            relation, score = "near-verbatim", 0.95
        else:
            if cosine < CANDIDATE_FLOOR and not _mostly_shared(q_loose, t_loose):
                # Found only by the word scan, and neither the meaning nor most of the
                # words are there: skip the costly alignment and link score.
                return None
            aligned = fuzz.partial_ratio_alignment(q_loose, t_loose)
            link = link_score(query, s.text, cosine)
            covered = (
                len(t_loose) >= COVERAGE_FLOOR * len(q_loose)
                or len(t_loose.split()) >= FRAGMENT_WORDS
            )
            if (
                aligned is not None
                and aligned.score >= ALIGNMENT_FLOOR
                and len(q_loose) >= 12
                and covered
            ):
                at = aligned.dest_start
                edits = _aligned_edits(query, s.text, q_loose, t_loose, aligned)
                relation = "divergent" if SUBSTANTIVE & set(edits) else "near-verbatim"
                score = aligned.score / 100 * 0.9
            elif link >= LINK_THRESHOLD or (
                same_speaker(speaker, s.speaker)
                and cosine >= SPEAKER_COSINE
                and link >= SPEAKER_LINK
            ):
                edits = classify_edits(query, s.text)
                relation = "divergent" if _changed_fact(query, s.text, edits) else "paraphrase"
                score = 0.5 * link + 0.4 * cosine
                if relation == "paraphrase" and _denied_in(q_loose, s.text):
                    # "Akram pushed back against US claims that IS-K is recruiting ..."
                    relation, edits = "divergent", ["negation"]
            elif cosine >= CANDIDATE_FLOOR and s.kind == "sentence":
                # Ordered by the link score, the calibrated "same claim" estimate; whole
                # sentences only, because a quote fragment's partial overlap inflates it.
                relation, score = "related", link
            else:
                return None
        if relation in ("verbatim", "near-verbatim") and at > 0 and denied_by(t_loose[:at]):
            # The words are there, as what someone denied or did not say: no support.
            relation, edits = "divergent", ["negation"]
        return self._match(s, relation, score, edits)

    def _match(
        self, s: StatementRow, relation: MatchRelation, score: float, edits: list[str]
    ) -> Match:
        doc = self._docs[s.document_id]
        return Match(
            text=s.text,
            document_id=doc.id,
            outlet=doc.outlet,
            url=doc.url,
            published=doc.published,
            title=doc.title,
            relation=relation,
            score=round(float(score), 4),
            speaker=s.speaker,
            kind=s.kind,
            edits=edits,
            statement_id=s.id,
            vector_id=s.vector_id,
        )

    def _verdict(self, query: str, speaker: str | None, matches: list[Match]) -> CheckResult:
        def origins_of(ms: list[Match]) -> list[Origin]:
            return group_origins(
                [
                    Source(
                        doc_id=m.document_id,
                        outlet=m.outlet,
                        text=self.store.document_text(m.document_id),
                        credits=tuple(c.source for c in self._credits.get(m.document_id, [])),
                        label=outlet_label(self._docs[m.document_id]),
                        url=m.url,
                    )
                    for m in ms
                ]
            )

        def speaker_ok(m: Match) -> bool:
            return same_speaker(speaker, m.speaker) is not False

        exact = [m for m in matches if m.relation in ("verbatim", "near-verbatim")]
        # Another's paraphrase beside the speaker's own is a like claim, not support.
        support = exact + [m for m in matches if m.relation == "paraphrase" and speaker_ok(m)]
        origins = origins_of(matches)
        backing = origins_of(support)
        verdict: Verdict
        if not matches:
            verdict = "not-found"
        elif any(m.relation in ("divergent", "misattributed") for m in matches):
            verdict = "disputed"
        elif len(origins_of(exact)) >= 2:
            verdict = "corroborated"
        elif len(backing) >= 2:
            verdict = "corroborated-with-changes"
        else:
            verdict = "single-source"
        return CheckResult(
            query=query,
            speaker=speaker,
            verdict=verdict,
            # The origins behind the verdict: a "single-source" claim has one, however many
            # others say alike things (another speaker's paraphrase beside the speaker's own).
            independent_origins=len(origins if verdict == "disputed" else backing),
            outlets=list(dict.fromkeys(outlet_label(self._docs[m.document_id]) for m in matches)),
            origins=origins,
            matches=matches,
        )


def _denied_in(q_loose: str, text: str) -> bool:
    """Whether ``text`` reports the words that line up with the query as denied or not
    said ("... rejected U.S. claims that IS-K was recruiting inside Pakistan")."""
    window = aligned_window(q_loose, text, widen=False)
    return window is not None and _denied_before(text, window)


def _denied_before(text: str, window: str) -> bool:
    """Whether what ``text`` says before ``window`` (words of it) denies them."""
    before = loose_key(text.partition(window)[0])
    return bool(before) and denied_by(before + " ")


def _misattributed(found: list[Match], speaker: str, *, paraphrases: bool) -> list[Match]:
    """The matches with what someone else said marked 'misattributed': the same words;
    with ``paraphrases``, another's paraphrase too where no match is the speaker's own
    (two people may say alike things, but a claim only another is reported saying is not
    this speaker's)."""

    def other(m: Match) -> bool:
        return m.relation in _SUPPORTING and same_speaker(speaker, m.speaker) is False

    own = any(m.relation in _SUPPORTING and not other(m) for m in found)
    return [
        m.model_copy(update={"relation": "misattributed"})
        if other(m) and (m.relation != "paraphrase" or (paraphrases and not own))
        else m
        for m in found
    ]


def _held_in(query: str, text: str) -> tuple[bool, str, str] | None:
    """When one of query and text says notably more and holds most of the other's words:
    whether the longer is the text, the shorter as written, and the words of the longer
    that line up with it. Else None."""
    q, t = loose_key(query), loose_key(text)
    if len(t) >= HELD_LENGTH * len(q):
        in_text, short, long, short_text, long_text = True, q, t, query, text
    elif len(q) >= HELD_LENGTH * len(t):
        in_text, short, long, short_text, long_text = False, t, q, text, query
    else:
        return None
    if len(short.split()) < FRAGMENT_WORDS or not _mostly_shared(short, long):
        return None
    window = aligned_window(short, long_text)
    return (in_text, short_text, window) if window else None


def aligned_window(short: str, long: str, *, widen: bool = True) -> str | None:
    """The words of ``long`` that best line up with ``short`` (rapidfuzz's partial
    alignment of their loose keys), as ``long`` writes them, whole words; with ``widen``,
    from the first word ``short`` has to the end of the clause."""
    # The loose key drops every mark that wording_key would change, so its words are
    # those of the text as written: they are cut from it.
    written = long
    low = written.lower()
    if len(low) != len(written):
        return None  # lower case moved the offsets (rare letters): no window
    # The loose key's words with their offsets: dropped articles and marks become spaces
    # of their own length, so the offsets stay the written text's.
    spans = [m.span() for m in _NONSPACE.finditer(_LOOSE_DROP.sub(lambda m: " " * len(m[0]), low))]
    key = " ".join(written[a:b].lower() for a, b in spans)
    aligned = fuzz.partial_ratio_alignment(short, key)
    if aligned is None or aligned.dest_end <= aligned.dest_start:
        return None
    starts, pos = [], 0
    for a, b in spans:
        starts.append(pos)
        pos += b - a + 1
    first = bisect.bisect_right(starts, aligned.dest_start) - 1
    last = bisect.bisect_right(starts, aligned.dest_end - 1) - 1
    # From the first word the shorter text has: characters alone line up "Voronkov called
    # IS-K one of" with "IS-K remains one of".
    # Never past a number or a negation, and one right before is taken in: "$2 trillion"
    # against "$1 trillion", "not the plant" against "the plant" are the change.
    have = set(short.split())
    while widen and first < last and not _changes(written[slice(*spans[first])].lower()):
        if written[slice(*spans[first])].lower() in have:
            break
        first += 1
    if first and _changes(written[slice(*spans[first - 1])].lower()):
        first -= 1
    # On to the end of the clause, a few words at most: the alignment stops where the
    # shorter text's characters run out ("... branches of the transnational"), not where
    # the claim does ("... of the transnational terrorist organization").
    end = spans[last][1]
    for a, b in spans[last + 1 : last + 1 + CLAUSE_WORDS] if widen else ():
        if _CLAUSE_END.search(written, end, a):
            break
        end = b
    return written[spans[first][0] : end]


def _aligned_edits(query: str, text: str, q_loose: str, t_loose: str, aligned: Any) -> list[str]:
    """The edit classes between the query and the statement where their words line up,
    read as written: in the loose keys "boko haram is" against "is k as" is no change of
    name, as they lost their capitals."""
    if len(t_loose) >= len(q_loose):
        window = aligned_window(q_loose, text, widen=False)
        if window:
            return classify_edits(query, window)
    else:
        window = aligned_window(t_loose, query, widen=False)
        if window:
            return classify_edits(window, text)
    return classify_edits(q_loose, t_loose[aligned.dest_start : aligned.dest_end])


def _same_words(short: str, window: str) -> bool:
    """Whether all but a fifth of the shorter text's words (figures aside) are in the
    window: what a changed year or sum leaves of one claim ("the chaotic 2019 withdrawal of
    US-led NATO forces" in "the chaotic 2021 withdrawal of US-led Nato forces")."""
    mine = {w for w in loose_key(short).split() if not any(c.isdigit() for c in w)}
    # Six words at least: "we had an $800 billion deficit" shares its few with any deficit.
    return len(mine) >= 6 and len(mine - set(loose_key(window).split())) <= len(mine) // 5


def _changes(word: str) -> bool:
    return word in _NEGATIONS or any(c.isdigit() for c in word)


def _mostly_shared(query: str, text: str) -> bool:
    words = set(query.split())
    return len(words & set(text.split())) >= 0.6 * len(words)


def _changed_fact(a: str, b: str, edits: list[str]) -> bool:
    # Against a whole sentence, a name that is only context is not a change of fact:
    # numbers and negation are.
    return bool({"number", "negation"} & set(edits))


def validate(query: str) -> str:
    text = query.strip()
    if not text:
        raise QueryError("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query has {len(text):,} characters; the limit is {MAX_QUERY_CHARS:,}"
        )
    return text
