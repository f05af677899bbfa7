"""Edit classes and the word diff: each class fires on its edit and stays quiet on look-alikes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.edits import EDIT_CLASSES, SUBSTANTIVE, classify_edits, diff_words


def edits(a: str, b: str) -> set[str]:
    return set(classify_edits(a, b))


# --- diff_words ------------------------------------------------------------------------


def _sides(a: str, b: str) -> tuple[str, str]:
    pieces = diff_words(a, b)
    old = "".join(p.text for p in pieces if p.op in ("equal", "delete"))
    new = "".join(p.text for p in pieces if p.op in ("equal", "insert"))
    return old, new


def test_diff_marks_the_changed_word_only() -> None:
    pieces = diff_words("Police said 3 people died.", "Police said 4 people died.")
    assert [(p.op, p.text) for p in pieces] == [
        ("equal", "Police said "),
        ("delete", "3"),
        ("insert", "4"),
        ("equal", " people died."),
    ]


def test_diff_of_identical_text_is_one_equal_piece() -> None:
    text = "“We remain concerned,” Shea said."
    assert [(p.op, p.text) for p in diff_words(text, text)] == [("equal", text)]


def test_diff_keeps_typography_changes_visible() -> None:
    a, b = "“We remain concerned,” Shea said.", '"We remain concerned," Shea said.'
    pieces = diff_words(a, b)
    assert _sides(a, b) == (a, b)
    assert any(p.op == "insert" and p.text == '"' for p in pieces)
    assert any(p.op == "equal" and "We remain concerned" in p.text for p in pieces)


def test_diff_keeps_whitespace() -> None:
    a, b = "Line one\n\n  line  two.", "Line one line two, and three."
    assert _sides(a, b) == (a, b)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab c.,’“”\n\t…-19")), max_size=40),
    st.text(alphabet=st.sampled_from(list("ab c.,’“”\n\t…-19")), max_size=40),
)
def test_diff_reconstructs_both_sides(a: str, b: str) -> None:
    assert _sides(a, b) == (a, b)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_reconstructs_any_unicode(a: str, b: str) -> None:
    assert _sides(a, b) == (a, b)
    for piece in diff_words(a, b):
        assert piece.text  # no empty pieces


# --- number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police said 3 people died.", "Police said 4 people died."),
        ("Police said three people died.", "Police said four people died."),
        ("Inflation rose 15% in March.", "Inflation rose 25% in March."),
        ("Tab shares were up 19 cents.", "Tab shares jumped 20 cents."),
        ("The withdrawal in 2021 was hasty.", "The withdrawal in 2020 was hasty."),
        ("The bill costs $2.5 billion.", "The bill costs $1.8 billion."),
        ("At least 23 troops were killed.", "At least twenty-six troops were killed."),
        # Reordered around the figure, so no short replaced stretch holds it; the unit does.
        (
            "ConAgra stock closed Monday on the New York Stock Exchange at $21.63 a share, "
            "down 11 cents.",
            "ConAgra shares closed Monday at $21.63 a share, down 40 cents, on the New York "
            "Stock Exchange.",
        ),
        (
            "Car volume fell 8 per cent, while light truck sales rose 2.7 per cent.",
            "Car volume was down 31 percent, while light truck sales rose 2.7 percent.",
        ),
    ],
)
def test_number_changed(a: str, b: str) -> None:
    assert "number" in edits(a, b)
    assert "number" in edits(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The company cut 1,000 jobs.", "The company cut 1000 jobs."),
        ("The deal is worth $64.7 billion.", "The deal is worth $65 billion."),  # rounded
        ("The deal is worth $2.5 billion.", "The deal is worth $2,500 million."),
        ("Three people died.", "3 people died."),
        ("U.S. forces left.", "US forces left."),
        ("He said 12 people died in 2021.", "He said 12 people died."),  # omission
        ("IS-K is one of the most dangerous branches.", "IS-K is among the most dangerous."),
        ("COVID-19 spread in the G7.", "The virus spread in the G7."),
        ("The two-way trade grew.", "Bilateral trade grew."),
        # A figure of a unit only one side gives is an addition, not a change.
        (
            "Shares rose 50 cents to close at $28.34 on Friday.",
            "Shares were up 50 cents, or 1.8 percent, to $28.34 in New York.",
        ),
        ("The rate rose 2 percent to $30 in May.", "In May, the rate rose 2 percent."),
    ],
)
def test_number_not_changed(a: str, b: str) -> None:
    assert "number" not in edits(a, b)


# --- name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Shea said the group is dangerous.", "Voronkov said the group is dangerous."),
        (
            "The report was praised by Dorothy Shea on Monday.",
            "The report was praised by Vladimir Voronkov on Monday.",
        ),
        ("The envoy met officials in Kabul.", "The envoy met officials in Islamabad."),
    ],
)
def test_name_changed(a: str, b: str) -> None:
    assert "name" in edits(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nato forces left.", "NATO forces left."),
        ("U.S. officials said so.", "US officials said so."),
        ("Dorothy Shea praised the report.", "Shea praised the report."),
        ("Russia's envoy Vassily Nebenzia spoke.", "Russia's envoy spoke."),  # omission
        ("IS-K claimed the attack.", "ISIS-K claimed the attack."),
        ("The United Nations warned of the threat.", "The UN warned of the threat."),
        ("Washington remains worried.", "The US remains worried."),
        ("It happened on Monday.", "It happened on Tuesday."),  # weekdays are relative dates
        ("Meanwhile, prices rose.", "However, prices rose."),  # sentence starters
    ],
)
def test_name_not_changed(a: str, b: str) -> None:
    assert "name" not in edits(a, b)


# --- negation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The company did not confirm the deal.", "The company confirmed the deal."),
        ("Officials have not found the weapons.", "Officials have found the weapons."),
        ("The group no longer poses a threat.", "The group poses a threat."),
        ("He never paid the tax.", "He paid the tax."),
        ("He denied the report.", "He confirmed the report."),
        ("They acted without a warrant.", "They acted with a warrant."),
        ("I dont know anybody there.", "I know anybody there."),
        # The predicate is worded differently; the shared auxiliary shows the flip.
        (
            "The top rate will go to 4.45 percent for incomes above $500,000.",
            "For incomes above $500,000, the rate will not increase to 4.45 percent.",
        ),
        (
            "Physicians who violate the ban would be subject to fines and prison.",
            "Physicians who violate the ban would not face fines or prison.",
        ),
    ],
)
def test_negation_flipped(a: str, b: str) -> None:
    assert "negation" in edits(a, b)
    assert "negation" in edits(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("He failed to address the scandal.", "He did not address the scandal."),
        ("No Americans were among the casualties.", "None of the casualties were Americans."),
        ("Not only did prices rise, wages fell.", "Prices rose and wages fell."),
        ("The do-not-call list starts today.", "The call list starts today."),
        ("He said it didn't happen.", "He said that it did not happen."),
        ("I don't know anybody there.", "I dont know anybody there."),
        ("Neither the girl nor her family knew him.", "The girl and her family did not know him."),
        # A negated clause only one side has is an addition, not a flip.
        (
            "The suspect, who was not armed, will appear in court.",
            "The suspect will appear in court.",
        ),
        ("He would not comment on the report.", "He declined to comment on the report."),
        (
            "Marijuana is listed beside heroin, even though marijuana is not a killer drug.",
            "Marijuana is listed beside heroin.",
        ),
        ("Says Obama has never submitted a budget.", "Says Obama has failed to pass a budget."),
    ],
)
def test_negation_not_flipped(a: str, b: str) -> None:
    assert "negation" not in edits(a, b)


# --- reversed --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Unemployment rose 3% in May.", "Unemployment fell 3% in May."),
        (
            "IS-K is one of the most dangerous branches.",
            "IS-K is one of the least dangerous branches.",
        ),
        ("The Senate approved the bill on Friday.", "The Senate rejected the bill on Friday."),
        ("The vote came after the debate.", "The vote came before the debate."),
        (
            "Shares of the company were up in early trading.",
            "Shares of the company were down in early trading.",
        ),
    ],
)
def test_a_word_turned_to_its_opposite_is_reversed(a: str, b: str) -> None:
    assert "reversed" in edits(a, b)
    assert "reversed" in edits(b, a)
    assert "reversed" in SUBSTANTIVE


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Opposites that do not stand for each other: a rewording, or words added.
        ("Prices rose while wages fell.", "Wages fell while prices rose."),
        ("More than 20 people died.", "At least 20 people died."),
        ("The index rose.", "The index rose, then fell back."),
    ],
)
def test_opposites_not_in_one_slot_are_not_reversed(a: str, b: str) -> None:
    assert "reversed" not in edits(a, b)


# --- hedge -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The attack may have killed five people.", "The attack killed five people."),
        ("The attack reportedly killed five people.", "The attack killed five people."),
        ("According to police, the attack killed five.", "Police said the attack killed five."),
        ("The strike was allegedly ordered by the army.", "The strike was ordered by the army."),
    ],
)
def test_hedge_changed(a: str, b: str) -> None:
    assert "hedge" in edits(a, b)
    assert "hedge" in edits(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The attack might have killed five.", "The attack may have killed five."),
        ("The talks began in May.", "Talks began in May."),  # the month, not the modal
    ],
)
def test_hedge_not_changed(a: str, b: str) -> None:
    assert "hedge" not in edits(a, b)


# --- truncated / spliced / ellipsis ----------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The UN warned of attacks in Europe and Asia on Monday.", "The UN warned of attacks"),
        ("“We remain concerned about ISIS-K,” Shea said.", "We remain concerned about ISIS-K"),
        ("He said the attack killed 12 people in 2021.", "the attack killed 12 people in 2021."),
    ],
)
def test_truncated(a: str, b: str) -> None:
    assert "truncated" in edits(a, b)
    assert "truncated" in edits(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The UN warned of attacks.", "The UN warned of attacks."),
        ("The UN warned of attacks in Europe.", "The UN warned of new attacks in Europe."),
    ],
)
def test_not_truncated(a: str, b: str) -> None:
    assert "truncated" not in edits(a, b)


def test_spliced() -> None:
    a = (
        "We will fight on the beaches, we shall fight on the landing grounds, "
        "we shall never surrender."
    )
    b = "We will fight on the beaches, we shall never surrender."
    assert "spliced" in edits(a, b)
    assert "truncated" not in edits(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Dropping one or two words mid-sentence is an ordinary edit.
        ("The attack may have killed five people.", "The attack killed five people."),
        # New words make it a rewrite.
        (
            "We will fight on the beaches, we shall fight on the landing grounds, we shall win.",
            "We will fight on the beaches and then we shall win.",
        ),
    ],
)
def test_not_spliced(a: str, b: str) -> None:
    assert "spliced" not in edits(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("We will fight on the beaches and never surrender.", "We will fight … never surrender."),
        ("We will fight on the beaches and never surrender.", "We will fight ... never surrender."),
        ("We will fight…", "We will fight"),
    ],
)
def test_ellipsis(a: str, b: str) -> None:
    assert "ellipsis" in edits(a, b)


def test_same_ellipsis_on_both_sides_is_no_edit() -> None:
    assert "ellipsis" not in edits("We will fight … on.", "We will fight ... on.")


# --- general ---------------------------------------------------------------------------


def test_identical_and_typographic_variants_have_no_edits() -> None:
    a = "Russia’s envoy said the U.S.-led withdrawal in 2021 was “hasty.”"
    b = 'Russia\'s envoy said the US-led withdrawal in 2021 was "hasty."'
    assert classify_edits(a, a) == []
    assert classify_edits(a, b) == []


def test_classes_come_in_declared_order() -> None:
    found = classify_edits(
        "Shea said 3 soldiers were not killed in Kabul.",
        "Voronkov said 4 soldiers were killed ...",
    )
    assert found == [c for c in EDIT_CLASSES if c in found]
    assert {"number", "name", "negation", "ellipsis"} <= set(found)
    assert set(EDIT_CLASSES) >= SUBSTANTIVE
