"""A hand-built ``Report`` shaped like the seeds' report, for the HTML tests.

The two seed articles: a plain-text piece with no outlet and a business-standard.com
article that credits Voice of America. Wording is taken from the seeds; the number change
in the Nebenzia cluster and the speaker conflict are invented so every feature shows.
"""

from __future__ import annotations

import os

from provenance.edits import diff_words
from provenance.models import (
    Relation,
    Report,
    ReportCluster,
    ReportDocument,
    ReportMember,
    ReportSummary,
    ReportVariant,
)

# The browser both the HTML report's test and bench/report_open.py open it in: a system
# Chromium (PROVENANCE_CHROMIUM to use another), headless, with nothing that reaches out.
CHROMIUM = os.environ.get("PROVENANCE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


DOC_TXT = ReportDocument(
    id="d-9c3b63b51e2a",
    source="seeds/000_9c3b63b51e2a9183.txt",
    title=None,
    outlet=None,
    url=None,
    published=None,
    ingested_at="2025-02-12T09:00:00+00:00",
    credits=[],
)
DOC_BS = ReportDocument(
    id="d-583b3e17e883",
    source="seeds/001_583b3e17e883c5a4.txt",
    title="IS-K rising? UN warns of global chaos as Pakistan fires back at US",
    outlet="business-standard.com",
    url="https://www.business-standard.com/world-news/is-k-rising-un-warns-of-global-chaos-125021100981_1.html",
    published="2025-02-11 17:15:27",
    ingested_at="2025-02-12T09:00:00+00:00",
    credits=["Voice of America"],
)
UNKNOWN = "unknown (000_9c3b63b51e2a9183.txt)"  # report.outlet_label of an outlet-less doc
BS = "business-standard.com"


def member(
    sid: int,
    text: str,
    doc: ReportDocument,
    relation: Relation,
    *,
    speaker: str | None = None,
    kind: str = "sentence",
    edits: list[str] | None = None,
) -> ReportMember:
    return ReportMember(
        statement_id=sid,
        text=text,
        document_id=doc.id,
        outlet=doc.outlet,
        url=doc.url,
        title=doc.title,
        published=doc.published,
        start=0,
        end=len(text),
        relation=relation,
        kind=kind,
        speaker=speaker,
        edits=edits or [],
    )


def variant(
    canonical: str,
    text: str,
    outlets: list[str],
    relation: Relation,
    *,
    edits: list[str] | None = None,
) -> ReportVariant:
    is_canon = text == canonical
    return ReportVariant(
        text=text,
        outlets=outlets,
        members=1,
        relation="verbatim" if is_canon else relation,
        is_canonical=is_canon,
        diff=diff_words(canonical, text),
        edits=edits or [],
    )


def pair_cluster(
    cid: str,
    txt: str,
    bs: str,
    relation: Relation,
    *,
    speakers: tuple[str | None, str | None] = (None, None),
    flags: list[str] | None = None,
    edits: list[str] | None = None,
    kind: str = "sentence",
) -> ReportCluster:
    return ReportCluster(
        id=cid,
        canonical=txt,
        outlets=[BS, UNKNOWN],
        n_outlets=2,
        speakers=[s for s in dict.fromkeys(speakers) if s],
        flags=flags or [],
        members=[
            member(1, txt, DOC_TXT, "verbatim", speaker=speakers[0], kind=kind),
            member(2, bs, DOC_BS, relation, speaker=speakers[1], kind=kind, edits=edits),
        ],
        variants=[
            variant(txt, txt, [UNKNOWN], "verbatim"),
            variant(txt, bs, [BS], relation, edits=edits),
        ],
    )


def single(cid: str, text: str, doc: ReportDocument, speaker: str | None) -> ReportCluster:
    outlet = doc.outlet or UNKNOWN
    return ReportCluster(
        id=cid,
        canonical=text,
        outlets=[outlet],
        n_outlets=1,
        speakers=[speaker] if speaker else [],
        members=[member(90, text, doc, "verbatim", speaker=speaker)],
        variants=[variant(text, text, [outlet], "verbatim")],
    )


def sample_report(documents: list[ReportDocument] | None = None) -> Report:
    clusters = [
        pair_cluster(
            "c1",
            "During a Security Council meeting on counterterrorism, Vladimir Voronkov, the UN "
            "undersecretary-general for counterterrorism, described IS-K as one of the “most "
            "dangerous branches” of the transnational terrorist organization.",
            "During a Security Council meeting on Monday, UN counterterrorism chief Vladimir "
            "Voronkov called IS-K one of the “most dangerous branches” of the terror network, "
            "citing its deadly attacks on Afghan civilians and the Taliban regime.",
            "paraphrase",
            speakers=("Vladimir Voronkov", "Vladimir Voronkov"),
            flags=["corroborated"],
        ),
        pair_cluster(
            "c2",
            "Russia’s envoy, Vassily Nebenzia, attributed the growing IS-K threat to the hasty "
            "withdrawal of U.S.-led NATO forces from Afghanistan in 2021.",
            "Russia’s envoy, Vassily Nebenzia, attributed the growing IS-K threat to the hasty "
            "withdrawal of U.S.-led NATO forces from Afghanistan in 2020.",
            "divergent",
            speakers=("Vassily Nebenzia", "Vassily Nebenzia"),
            flags=["divergent"],
            edits=["number"],
        ),
        pair_cluster(
            "c3",
            "Pakistan’s UN representative, Munir Akram, rejected U.S. claims that IS-K was "
            "recruiting inside Pakistan.",
            "Pakistan’s UN representative, Munir Akram, pushed back against US claims that IS-K "
            "is recruiting fighters within Pakistan.",
            "paraphrase",
            speakers=("Munir Akram", "Munir Akram"),
            flags=["disputed"],
            edits=["name"],
        ),
        pair_cluster(
            "c4",
            "Washington remains deeply worried about IS-K’s ability to orchestrate attacks and "
            "sustain recruitment campaigns, particularly in Afghanistan and Pakistan.",
            "Washington may remain worried about IS-K’s ability to orchestrate attacks and "
            "sustain recruitment campaigns.",
            "paraphrase",
            speakers=("Dorothy Shea", "Vladimir Voronkov"),
            flags=["speaker_conflict"],
            edits=["hedge", "truncated"],
        ),
    ]
    singletons = [
        single(
            "s1",
            "The Taliban’s Ministry of Foreign Affairs dismissed Pakistan’s remarks at the UN "
            "Security Council meeting, calling them “baseless.”",
            DOC_TXT,
            "Taliban Ministry of Foreign Affairs",
        ),
        single(
            "s2",
            "“We remain concerned about ISIS-K’s capabilities to plot and conduct attacks,” "
            "Shea said.",
            DOC_BS,
            "Dorothy Shea",
        ),
    ]
    docs = documents if documents is not None else [DOC_TXT, DOC_BS]
    return Report(
        generated_at="2025-02-12T09:30:00+00:00",
        store=".provenance/demo",
        model="sentence-transformers/all-MiniLM-L6-v2",
        summary=ReportSummary(
            documents=len(docs),
            outlets=2,
            statements=23,
            clusters=len(clusters),
            multi_outlet_clusters=len(clusters),
            singletons=len(singletons),
            quotes=5,
            corroborated=1,
            disputed=1,
            speaker_conflicts=1,
        ),
        documents=docs,
        clusters=clusters,
        singletons=singletons,
    )


HOSTILE_TEXT = (
    'Officials said <script>alert(1)</script> and <img src=x onerror="window.__pwned=1"> '
    'then " onerror=window.__pwned=2 x=" and \'><svg onload=window.__pwned=3>.'
)
HOSTILE_URL = "javascript:window.__pwned=4"


def hostile_report() -> Report:
    """Every text field an article controls carries markup that would run if unescaped."""
    evil_doc = DOC_BS.model_copy(
        update={
            "id": "d-evil",
            "title": "<b>Bold</b> <script>window.__pwned=5</script>",
            "outlet": 'evil.example"><img src=x onerror=window.__pwned=6>',
            "url": HOSTILE_URL,
            "credits": ["<img src=x onerror=window.__pwned=7>"],
        }
    )
    base = sample_report([DOC_TXT, DOC_BS, evil_doc])
    evil_member = member(
        66, HOSTILE_TEXT, evil_doc, "paraphrase", speaker="<i onmouseover=x>Mallory</i>"
    )
    evil = ReportCluster(
        id='c-evil"><script>window.__pwned=8</script>',
        canonical=HOSTILE_TEXT,
        outlets=[evil_doc.outlet or "", BS],
        n_outlets=2,
        speakers=["<i onmouseover=x>Mallory</i>"],
        flags=["<script>window.__pwned=9</script>"],
        members=[evil_member, member(67, HOSTILE_TEXT + " x", DOC_BS, "paraphrase")],
        variants=[
            variant(HOSTILE_TEXT, HOSTILE_TEXT, [evil_doc.outlet or ""], "verbatim"),
            variant(
                HOSTILE_TEXT,
                HOSTILE_TEXT.replace("alert(1)", "alert(2)") + " <iframe src=javascript:x>",
                [BS],
                "paraphrase",
                edits=["<script>window.__pwned=10</script>"],
            ),
        ],
    )
    return base.model_copy(update={"clusters": [evil, *base.clusters]})
