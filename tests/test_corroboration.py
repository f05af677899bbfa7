"""check and trace on the seeds and on crafted corpora, with the real model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings import Encoder
from provenance.corroboration import (
    Checker,
    CheckResult,
    aligned_window,
    denied_by,
    loose_key,
    same_speaker,
)
from provenance.errors import QueryError
from provenance.pipeline import ingest
from provenance.store import Store
from provenance.trace import render_graph, trace
from tests.conftest import SEEDS

pytestmark = pytest.mark.model

SHEA = (
    "We remain concerned about ISIS-K’s capabilities to plot and conduct attacks, as well as "
    "sustain recruitment campaigns, particularly in Afghanistan and Pakistan"
)


@pytest.fixture(scope="module")
def seeds_checker(tmp_path_factory: pytest.TempPathFactory, encoder: Encoder) -> Iterator[Checker]:
    store_dir = tmp_path_factory.mktemp("check") / "store"
    ingest([SEEDS], store_dir, encoder=encoder)
    with Store(store_dir) as store:
        yield Checker(store, encoder)


def _outlets(result: object) -> set[str | None]:
    return {m.outlet for m in result.matches}  # type: ignore[attr-defined]


def test_most_dangerous_branches_is_found_in_both_outlets(seeds_checker: Checker) -> None:
    result = seeds_checker.check("most dangerous branches", speaker="Vladimir Voronkov")
    assert len({m.document_id for m in result.matches}) == 2
    assert {m.relation for m in result.matches} == {"verbatim"}
    assert result.verdict == "corroborated"


def test_a_claim_reworded_inside_longer_sentences_is_corroborated(seeds_checker: Checker) -> None:
    # Both seeds carry it inside a longer sentence ("Voronkov ... described IS-K as one of
    # the “most dangerous branches” of the transnational terrorist organization"): as whole
    # sentences only related, on the words that line up the same claim.
    result = seeds_checker.check("IS-K remains one of the most dangerous branches of ISIL")
    assert len({m.document_id for m in result.matches}) == 2
    assert {m.relation for m in result.matches} == {"paraphrase"}
    assert {m.speaker for m in result.matches} == {"Vladimir Voronkov"}
    assert result.verdict == "corroborated-with-changes"
    # The words it was judged on come back as written, within the statement.
    for m in result.matches:
        assert m.matched is not None and m.matched in m.text
        assert m.matched.startswith("IS-K") and "most dangerous branches" in m.matched


@pytest.mark.parametrize(
    "query", ["IS-K is recruiting inside Pakistan", "IS-K recruits fighters within Pakistan"]
)
def test_a_claim_reported_as_rejected_is_disputed(seeds_checker: Checker, query: str) -> None:
    # Akram "rejected U.S. claims that IS-K was recruiting inside Pakistan" (000) and
    # "pushed back against US claims that IS-K is recruiting fighters within Pakistan" (001).
    result = seeds_checker.check(query, speaker="Munir Akram")
    assert result.matches  # 001 at least, both for the first wording
    assert {(m.relation, tuple(m.edits)) for m in result.matches} == {("divergent", ("negation",))}
    assert result.verdict == "disputed"


def test_a_claim_only_another_is_reported_saying_is_misattributed(seeds_checker: Checker) -> None:
    # Both seeds give it to Voronkov, reworded inside longer sentences; Biden says nothing.
    query = "IS-K remains one of the most dangerous branches of ISIL"
    result = seeds_checker.check(query, speaker="Joe Biden")
    assert {m.relation for m in result.matches} == {"misattributed"}
    assert {m.speaker for m in result.matches} == {"Vladimir Voronkov"}
    assert result.verdict == "disputed"
    assert seeds_checker.check(query, speaker="Voronkov").verdict == "corroborated-with-changes"
    # Fu Cong's own sentence on IS-K ("along with al-Qaida ... is actively operating in
    # Afghanistan") is near in meaning but says something else: no support for him.
    assert seeds_checker.check(query, speaker="Fu Cong").verdict == "disputed"
    # Akram's "Afghanistan remains “the main hub for ISIL-K's recruitment ...”" is his.
    own = seeds_checker.check("Afghanistan remains the main base of IS-K", speaker="Munir Akram")
    assert own.verdict == "corroborated-with-changes"


@pytest.mark.parametrize(
    "query",
    [
        "IS-K is not one of the most dangerous branches of ISIL",
        "IS-K is one of the least dangerous branches of the terror network",
        # A changed year moves the words' embedding (cosine 0.68): its words still hold.
        "Nebenzia blamed the chaotic 2019 withdrawal of US-led NATO forces from Afghanistan",
        "Boko Haram is one of the most dangerous branches of the terror network",
        # Near-verbatim by its characters: the changed name shows in the words as written.
        "Boko Haram is one of the most dangerous branches of the transnational terrorist "
        "organization",
    ],
)
def test_a_changed_claim_inside_longer_sentences_is_disputed(
    seeds_checker: Checker, query: str
) -> None:
    result = seeds_checker.check(query)
    assert result.verdict == "disputed"
    assert "divergent" in {m.relation for m in result.matches}


def test_shea_quote_verbatim_in_001_paraphrase_in_000(seeds_checker: Checker) -> None:
    result = seeds_checker.check(SHEA, speaker="Dorothy Shea")
    by_outlet = {m.outlet: m.relation for m in result.matches}
    assert by_outlet["business-standard.com"] == "verbatim"
    assert by_outlet[None] == "paraphrase"


def test_quote_from_one_seed_only_is_single_source(seeds_checker: Checker) -> None:
    result = seeds_checker.check(
        "ISIL-Khorasan has continued to pose a significant threat in Afghanistan, the region, "
        "and beyond"
    )
    assert result.verdict == "single-source"
    assert result.matches[0].relation == "verbatim"


def test_origins_counted_are_those_behind_the_verdict(tmp_path: Path, encoder: Encoder) -> None:
    said = "The new bridge will open to traffic before the end of the summer"
    records = [
        {"text": f"Mayor Ann Lee said: “{said}.”", "outlet": "A"},
        {
            "text": "Governor Tom Hale said cars will use the new bridge before the summer ends.",
            "outlet": "B",
        },
    ]
    result = _check(tmp_path, encoder, records, said, speaker="Ann Lee")
    # Her words in A; B gives a like claim to another: support from one origin only.
    assert {(m.outlet, m.relation) for m in result.matches} == {
        ("A", "verbatim"),
        ("B", "paraphrase"),
    }
    assert result.verdict == "single-source"
    assert result.independent_origins == 1


def test_made_up_quote_is_not_found(seeds_checker: Checker) -> None:
    result = seeds_checker.check("The harvest festival will feature forty kinds of apple pie.")
    assert result.verdict == "not-found" and result.matches == []


def test_wrong_speaker_is_misattributed(seeds_checker: Checker) -> None:
    result = seeds_checker.check(SHEA, speaker="Vassily Nebenzia")
    assert any(m.relation == "misattributed" for m in result.matches)
    assert result.verdict == "disputed"


def test_trace_names_the_voice_of_america_credit(seeds_checker: Checker) -> None:
    result = trace(
        seeds_checker,
        "The United Nations has raised alarm over the escalating threat of Islamic "
        "State-Khorasan (IS-K)",
    )
    assert result.found and len(result.timeline) == 2
    credited = [s for s in result.timeline if "Voice of America" in s.credits]
    assert credited and credited[0].outlet == "business-standard.com"
    assert any(e.source == "Voice of America" for e in result.edges)
    # The UN made the claim; Voice of America relayed it (not its speaker).
    assert result.speaker == "United Nations"
    assert ("United Nations", "Voice of America") in {(e.source, e.target) for e in result.edges}
    assert "Voice of America" in render_graph(result, "mermaid")
    assert "digraph" in render_graph(result, "dot")


def test_an_outlet_less_origin_is_named_by_its_file(seeds_checker: Checker) -> None:
    result = seeds_checker.check("most dangerous branches")
    # As the report and trace show it: the file, not an id nobody can look up.
    assert "unknown (000_9c3b63b51e2a9183.txt)" in result.outlets
    assert ["unknown (000_9c3b63b51e2a9183.txt)"] in [o.outlets for o in result.origins]


def test_empty_query_is_refused(seeds_checker: Checker) -> None:
    with pytest.raises(QueryError, match="empty"):
        seeds_checker.check("   ")
    with pytest.raises(QueryError, match="limit"):
        seeds_checker.check("x" * 1_000_000)


WIRE = (
    "The central bank raised its benchmark interest rate by 25 basis points on Tuesday, "
    "citing persistent inflation in food and energy prices. Governor Elena Marsh said the "
    "bank was prepared to act again if prices kept rising. Analysts had expected the move "
    "after three months of data showed inflation above the official target."
)


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _check(
    tmp_path: Path,
    encoder: Encoder,
    records: list[dict[str, str]],
    query: str,
    speaker: str | None = None,
) -> CheckResult:
    """Ingest ``records`` into a fresh store and check ``query`` against it."""
    ingest([_write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "s", encoder=encoder)
    with Store(tmp_path / "s") as store:
        return Checker(store, encoder).check(query, speaker=speaker)


def test_three_reprints_of_one_wire_story_are_one_origin(tmp_path: Path, encoder: Encoder) -> None:
    result = _check(
        tmp_path,
        encoder,
        [
            {"text": WIRE, "outlet": "Daily One", "url": "https://one.example/a"},
            {"text": WIRE + " (Reuters)", "outlet": "Daily Two", "url": "https://two.example/b"},
            {"text": "LONDON — " + WIRE, "outlet": "Daily Three", "url": "https://three.example/c"},
        ],
        "the bank was prepared to act again if prices kept rising",
    )
    assert len(result.outlets) == 3
    assert result.independent_origins == 1
    assert result.verdict == "single-source"
    assert result.origins[0].reasons  # says why they collapsed


def test_an_outlet_credited_by_its_web_name_is_one_origin_with_it(
    tmp_path: Path, encoder: Encoder
) -> None:
    quote = "We will not raise taxes on working families this year"
    result = _check(
        tmp_path,
        encoder,
        [
            {
                "text": f"The governor spoke in Albany. “{quote},” Governor Ann Lee said.",
                "url": "https://www.nytimes.com/2016/05/01/nyregion/lee.html",
            },
            {
                "text": f"“{quote},” Governor Ann Lee said, The New York Times reported.",
                "outlet": "HuffPost",
                "url": "https://www.huffpost.com/entry/lee",
            },
        ],
        quote,
        speaker="Ann Lee",
    )
    assert len(result.outlets) == 2
    assert result.independent_origins == 1  # HuffPost relays the Times, found at nytimes.com
    assert result.verdict == "single-source"


def test_a_catchphrase_is_corroborated_by_its_own_words_only(
    tmp_path: Path, encoder: Encoder
) -> None:
    # Two words apart is another quote: "deeply troubled" does not corroborate "deeply
    # concerned", though the encoder puts them close; the same words inside a longer
    # quote do.
    result = _check(
        tmp_path,
        encoder,
        [
            {"text": "The senator said she was “deeply concerned” by the ruling.", "outlet": "A"},
            {"text": "The senator said she was “deeply troubled” by the ruling.", "outlet": "B"},
            {
                "text": "The senator said: “I am deeply concerned by this ruling.”",
                "outlet": "C",
            },
        ],
        "deeply concerned",
    )
    assert {m.outlet for m in result.matches} == {"A", "C"}


def test_a_denial_or_what_was_never_said_does_not_corroborate(
    tmp_path: Path, encoder: Encoder
) -> None:
    # The words are in all three, verbatim; two say Jones denied them or never said them.
    intro = "The count ended on Friday in the capital after a long week of recounts.\n\n"
    result = _check(
        tmp_path,
        encoder,
        [
            {
                "text": intro + "Senator Tom Jones denied that the election was stolen.",
                "outlet": "A",
            },
            {
                "text": intro + "Senator Tom Jones has never said that the election was stolen.",
                "outlet": "B",
            },
            {"text": intro + "Senator Tom Jones said that the election was stolen.", "outlet": "C"},
        ],
        "the election was stolen",
        speaker="Tom Jones",
    )
    assert {m.outlet: m.relation for m in result.matches} == {
        "A": "divergent",
        "B": "divergent",
        "C": "verbatim",
    }
    assert result.verdict == "disputed"


def test_a_spokesperson_however_attributed_corroborates_the_organisation(
    tmp_path: Path, encoder: Encoder
) -> None:
    # Three outlets, three ways to attribute one line: one speaker, not a misattribution.
    said = "We are reviewing the decision and will respond in due course"
    result = _check(
        tmp_path,
        encoder,
        [
            {"text": f"A State Department spokesperson said: “{said}.”", "outlet": "A"},
            {"text": f"“{said},” said a spokesperson for the State Department.", "outlet": "B"},
            {"text": f"“{said},” a senior official at the State Department said.", "outlet": "C"},
        ],
        said,
        speaker="State Department",
    )
    assert {m.outlet: m.relation for m in result.matches} == {
        "A": "verbatim",
        "B": "verbatim",
        "C": "verbatim",
    }
    assert result.verdict == "corroborated"
    assert result.independent_origins == 3


def test_changed_number_and_negation_are_divergent(tmp_path: Path, encoder: Encoder) -> None:
    corpus = _write_jsonl(
        tmp_path / "edits.jsonl",
        [
            {
                "text": "The mayor said: “We will build 300 new homes in the district this year.”",
                "outlet": "A",
            },
            {
                "text": "The mayor said: “We will not build new homes in the district this year.”",
                "outlet": "B",
            },
        ],
    )
    ingest([corpus], tmp_path / "s", encoder=encoder)
    with Store(tmp_path / "s") as store:
        checker = Checker(store, encoder)
        changed = checker.check("We will build 400 new homes in the district this year")
        negated = checker.check("We will build 300 new homes in the district this year")
    number = [m for m in changed.matches if m.outlet == "A"]
    assert number and number[0].relation == "divergent" and "number" in number[0].edits
    flipped = [m for m in negated.matches if m.outlet == "B"]
    assert flipped and flipped[0].relation == "divergent" and "negation" in flipped[0].edits
    assert negated.verdict == "disputed"


def test_short_fragment_inside_a_long_query_is_not_near_verbatim(
    tmp_path: Path, encoder: Encoder
) -> None:
    result = _check(
        tmp_path,
        encoder,
        [{"text": "The senator called them “illegal aliens” at the rally.", "outlet": "A"}],
        "The governor said illegal aliens were responsible for most of the crime in the state",
    )
    assert all(m.relation not in ("verbatim", "near-verbatim") for m in result.matches)
    assert result.verdict != "corroborated"


def test_a_transcript_is_where_a_quote_it_holds_came_from(tmp_path: Path, encoder: Encoder) -> None:
    # The TV transcript has no quotation marks and no "said": its label names the speaker.
    said = "I think he is trying to campaign as a racial healer"
    corpus = _write_jsonl(
        tmp_path / "transcript.jsonl",
        [
            {
                "text": "Oklahoma Governor Mary Fallin spoke to CNN on Sunday about the shootings "
                "in Dallas and what the candidates should say.\n\n"
                "JAKE TAPPER: Do you think Donald Trump has campaigned as a racial healer?\n\n"
                f"FALLIN: {said}. I trust him with his words.\n",
                "outlet": "CNN",
                "published": "2016-07-10",
            },
            {
                "text": f"Oklahoma Governor Mary Fallin told CNN on Sunday: “{said}.”",
                "outlet": "Breitbart",
                "published": "2016-07-11",
            },
        ],
    )
    ingest([corpus], tmp_path / "s", encoder=encoder)
    with Store(tmp_path / "s") as store:
        checker = Checker(store, encoder)
        result = checker.check(said, speaker="Mary Fallin")
        traced = trace(checker, said)
    assert {(m.outlet, m.relation, m.speaker) for m in result.matches} == {
        ("CNN", "verbatim", "Mary Fallin"),
        ("Breitbart", "verbatim", "Mary Fallin"),
    }
    # Breitbart relays CNN's interview: one origin, and the trace runs from her to CNN on.
    assert result.verdict == "single-source"
    assert traced.earliest is not None and traced.earliest.outlet == "CNN"
    assert traced.speaker == "Mary Fallin"
    edges = {(e.source, e.target) for e in traced.edges}
    assert {("Mary Fallin", "CNN"), ("CNN", "Breitbart")} <= edges
    assert ("CNN", "CNN") not in edges  # CNN's own "spoke to CNN" is no credit of another


@pytest.mark.parametrize(
    ("before", "denied"),
    [
        ("Senator Tom Jones denied that", True),
        ("Jones disputed", True),
        ("Jones has never said that", True),
        ("Jones didn't tell reporters that", True),
        ("Munir Akram rejected U.S. claims that", True),
        ("Akram pushed back against US claims that IS-K", True),
        ("Jones said that", False),
        ("Jones said that the senator denied", True),
        ("Jones denied the report and said that", False),
        # Not only saying something is saying it.
        ("Jones has not only said that", False),
        ("Jones didn't just claim that", False),
    ],
)
def test_what_was_denied_or_not_said(before: str, denied: bool) -> None:
    assert denied_by(loose_key(before) + " ") is denied


@pytest.mark.parametrize(
    ("short", "long", "window"),
    [
        # From the first word the shorter text has, on to the end of the clause.
        (
            "IS-K remains one of the most dangerous branches",
            "At the meeting Voronkov called IS-K one of the “most dangerous branches” of the "
            "terror network, citing its attacks.",
            "IS-K one of the “most dangerous branches” of the terror network",
        ),
        # A number or a negation at the edge stays in: it is what changed.
        (
            "1 trillion in new military spending",
            "you spend $2 trillion in additional military spending that they never asked for",
            "2 trillion in additional military spending that they never asked for",
        ),
        (
            "the plant will close next year",
            "The company said not the plant will close next year, but the depot.",
            "not the plant will close next year",
        ),
    ],
)
def test_the_window_of_a_longer_text_is_the_words_that_line_up(
    short: str, long: str, window: str
) -> None:
    assert aligned_window(loose_key(short), long) == window


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Shea", "Dorothy Shea", True),
        ("Donald Trump", "Donald J. Trump", True),
        ("Joe Biden", "Joseph R. Biden Jr.", True),  # a suffix after the surname
        ("Bill Clinton", "William J. Clinton", True),  # a nickname
        ("Vassily Nebenzia", "Vasily Nebenzia", True),  # another spelling
        ("CNN's Jake Tapper", "Jake Tapper", True),  # the owner is no first name
        ("Bill Clinton", "Hillary Clinton", False),
        ("George W. Bush", "Jeb Bush", False),
        ("Michael Obama", "Michelle Obama", False),  # sharing a nickname is not enough
        ("State Department", "Justice Department", False),
        (None, "Dorothy Shea", None),
    ],
)
def test_same_speaker(a: str | None, b: str | None, same: bool | None) -> None:
    assert same_speaker(a, b) is same
    assert same_speaker(b, a) is same


def test_a_quote_of_one_clinton_is_not_corroborated_for_another(
    tmp_path: Path, encoder: Encoder
) -> None:
    said = "We will rebuild every school the storm destroyed before the winter"
    records = [
        {"text": f"“{said},” former President Bill Clinton said on Monday.", "outlet": "A"},
        {"text": f"Bill Clinton told the crowd: “{said}.”", "outlet": "B"},
    ]
    result = _check(tmp_path, encoder, records, said, speaker="Hillary Clinton")
    assert {m.relation for m in result.matches} == {"misattributed"}
    assert result.verdict == "disputed"
    # The one who said it, named another way, is corroborated by both.
    with Store(tmp_path / "s") as store:
        again = Checker(store, encoder).check(said, speaker="William J. Clinton")
    assert again.verdict == "corroborated"


def test_one_sentence_quoted_alone_is_found_in_the_longer_quote_of_another_outlet(
    tmp_path: Path, encoder: Encoder
) -> None:
    # Most of the quote is the one sentence: without being kept apart, quote and sentence
    # would be one cluster.
    whole = "Crews worked through the night to finish the repairs. Thank you all."
    docs = [
        {
            "id": "a",
            "outlet": "Daily Post",
            "published": "2024-05-01",
            "text": f"Mayor Jane Doe spoke on Sunday. “{whole}” Doe said.",
        },
        {
            "id": "b",
            "outlet": "City Herald",
            "published": "2024-05-02",
            "text": "“Crews worked through the night to finish the repairs,” Mayor Jane Doe said.",
        },
    ]
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    store_dir = tmp_path / "store"
    ingest([corpus], store_dir, encoder=encoder)
    with Store(store_dir) as store:
        assigned = store.assignments()
        outlet = {d.id: d.outlet for d in store.documents()}
        quotes = {
            (outlet[s.document_id], s.text): assigned[s.vector_id]
            for s in store.statements()
            if s.kind == "quote"
        }
        herald = quotes["City Herald", "Crews worked through the night to finish the repairs,"]
        # The Herald's quote is in one cluster with the Post's sentence of it, which is
        # kept apart from the Post's whole quote (one is part of the other).
        piece = "Crews worked through the night to finish the repairs."
        assert herald == quotes["Daily Post", piece]
        assert quotes["Daily Post", whole] != herald
        result = Checker(store, encoder).check(
            "Crews worked through the night to finish the repairs", speaker="Jane Doe"
        )
    assert _outlets(result) == {"Daily Post", "City Herald"}
