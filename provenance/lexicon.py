"""The words the speaker rules read: titles, honorifics, organisation and speaker nouns,
words that are capitalised but no name, first names; and the tests on a single word
(``is_name_word``, ``title_like``, ``org_like``) that ``speakers``, ``coreference`` and
``attribution`` share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from provenance.tokens import Token, words

HONORIFICS = words("mr mr. mrs mrs. ms ms. miss dr dr. sir dame madam mx mx.")
TITLES = words(
    """president vice ambassador envoy senator sen. rep. representative gov. governor secretary
    minister chancellor premier mayor judge justice general gen. col. lt. sgt. adm. maj. capt.
    captain colonel sergeant admiral commander prof. professor rev. reverend father pope king queen
    prince princess sheikh speaker leader chairman chairwoman chair chief director commissioner
    attorney spokesman spokeswoman spokesperson officer official candidate nominee sheriff
    detective deputy assistant undersecretary under-secretary undersecretary-general
    secretary-general congressman congresswoman ceo founder head adviser advisor aide manager
    coach pastor bishop cardinal archbishop lawyer analyst economist author activist host anchor
    correspondent reporter editor columnist strategist pollster chairperson executive member
    delegate consul diplomat counsel investigator prosecutor representative emir lord lady
    presidential-candidate hopeful contender challenger incumbent lieutenant superintendent
    inspector constable marshal surgeon scientist researcher expert consultant
    co-host co-anchor co-founder co-chair co-chairman co-chairwoman co-author co-director
    co-leader co-editor clerk coroner undersheriff recorder treasurer comptroller auditor
    assemblyman assemblywoman assemblymember councilman councilwoman councilmember councillor
    councilor alderman whip tem tempore rabbi imam chaplain magistrate trooper comedian msgr.
    monsignor priest
    journalist"""
)
# Words that make a capitalised phrase an organisation rather than a person.
ORG_WORDS = words(
    """ministry department council committee party campaign commission office agency administration
    government association institute university foundation court congress senate house police
    army military bank fund group inc inc. corp corp. ltd ltd. llc plc company corporation
    organization organisation union federation league network news times post journal press
    service board
    bureau center centre authority taliban pentagon kremlin embassy forces coalition movement
    front alliance caucus team club church school college hospital mission secretariat
    parliament assembly cabinet legislature tribunal commissioner's reuters afp ap upi bbc cnn
    nbc abc cbs fox msnbc npr pbs bloomberg xinhua tass staff crew airlines airline media times'
    agencies associates partners brigade brigades regime republicans democrats gop"""
)
# Heads of descriptive speakers: "a Homeland Security Department official", "the ministry".
SPEAKER_NOUNS = words(
    """official officials spokesman spokeswoman spokesperson spokesmen aide aides adviser advisers
    advisor advisors source sources analyst analysts expert experts police authorities lawmaker
    lawmakers leader leaders critic critics supporter supporters resident residents witness
    witnesses campaign ministry government president senator candidate nominee director lawyer
    lawyers attorney attorneys prosecutor prosecutors judge researchers scientists economists
    people voters statement report study survey poll officer officers investigators agency
    department group organization organisation committee administration council court company
    firm diplomat diplomats envoy ambassador minister representative chief member members
    democrats republicans protesters activist activists observers organizers organisers team
    party military army spokespeople strategist strategists pollster pollsters governor mayor
    secretary chairman administration's documents records memo letter filing complaint lawsuit
    data figures polls surveys estimates embassy coalition manager managers staff staffer
    staffers operatives allies opponents rivals backers donors consultant consultants
    candidates nominees senators governors mayors judges ministers envoys
    ambassadors representatives presidents chiefs secretaries voter narrator executives
    insiders commentators journalists attendees demonstrators scholars historians professors
    outlets businessman businesswoman front-runner frontrunner"""
)
PRONOUNS = {
    "he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "x",
    "he’s": "m", "she’s": "f", "he's": "m", "she's": "f", "it’s": "n", "it's": "n",
    "they’re": "p", "they're": "p", "they’ve": "p", "they've": "p",
}
DETERMINERS = words(
    """the a an this these those his her its their our some several another one many most"""
)


CONNECTORS = words("of for de del da dos du van von der den ten ter al bin ibn la le y and")
# Capitalised words that start a sentence or a time phrase, never a name.
NOT_NAMES = words(
    """the a an in on at during meanwhile but and however after before when while also then still
    yet so despite although though last this that these those earlier later speaking asked if as
    for from with without by to of since until under over among according monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december today yesterday tomorrow tonight there here it he she
    seconds minutes hours days weeks months years moments
    they we i his her their its our my your you what why how where who which instead now first
    second finally yes no not many several few some most more all both each every other another
    such only even just indeed still back one alongside amid across against around behind beyond
    inside outside throughout toward towards unlike like upon within via per including following
    neither either nor or"""
)
# Nouns ending in -ly, which is otherwise read as an adverb's ending ("a close ally").
LY_NOUNS = words("ally assembly anomaly monopoly")
# Spelt-out numbers: capitalised, they open a sentence ("Two years before ...").
NUMBER_WORDS = words(
    """two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    sixty seventy eighty ninety dozens hundreds thousands millions"""
)
# US states of one word, never a person alone ("Oklahoma asked the court"); not those
# that are names too (Washington, Virginia, Georgia, Indiana).
US_STATES = words(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont wisconsin wyoming"""
)
# US states as news style abbreviates them, after a town: "San Jose, Calif., gave ... he said".
STATE_ABBREVIATIONS = words(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. md. mass.
    mich. minn. miss. mo. mont. neb. nev. okla. ore. pa. tenn. tex. vt. va. wash. wis. wyo."""
)
# Capitalised words that are no name in themselves (is_name_low).
NOT_NAME_WORDS = NOT_NAMES | TITLES | HONORIFICS | STATE_ABBREVIATIONS
ADVERBS = words(
    """also then later again further repeatedly previously recently once has had have would will
    was is were are did does do reportedly earlier quickly simply flatly separately publicly
    privately explicitly angrily finally first never not often already even still just only yet
    frequently bluntly openly directly specifically clearly firmly strongly emphatically
    famously memorably tersely curtly could should might may can however meanwhile instead
    nonetheless nevertheless subsequently initially ultimately eventually"""
)
PREPOSITIONS = words(
    """in of from to at on for with by across into near outside inside against about over under
    between than like toward towards via"""
)
# Words that open a phrase or a clause that is not the main one: what follows them is
# never the main clause's subject ("After the Paris attacks, Trump", "When Wallace died").
SUBORDINATORS = words(
    """after before during since until despite amid following among through without within
    behind beyond upon when while because if although though whereas unless"""
)


# Offices one person holds in a place at a time, so that "the president" names the one
# person the text named with that title before. Not legislators (a story names several
# senators, and "the senator from Florida" without the title).
OFFICES = words("president governor mayor chancellor premier pope sheriff") | {
    "vice president",
    "prime minister",
}
# Capitalised at the head of a sentence, words that say which or what someone is, never
# part of a name: "Top Sanders strategists acknowledged", "Former Carson advisers".
NAME_MODIFIERS = words("top senior former fellow longtime")
# Titles that are also surnames: "Larry King"; "King told the Daily News" alone.
SURNAME_TITLES = words("king")


def is_initial(word: str) -> bool:
    """A middle initial as written: "A." in "John A. Boehner"."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def is_name_word(tok: Token) -> bool:
    return tok.cap and is_name_low(tok.low)


def is_name_low(low: str) -> bool:
    """``is_name_word`` for a capitalised word, given in lower case."""
    return low not in NOT_NAME_WORDS and low.rstrip(".") not in NOT_NAMES


POSSESSIVE_ENDINGS = ("’s", "'s", "s’", "s'")


def is_possessive(tok: Token) -> bool:
    return tok.text.endswith(POSSESSIVE_ENDINGS)


def title_like(tok: Token) -> bool:
    return title_like_word(tok.low)


# Sentence adverbs, capitalised at the head of a sentence ("Recently, he said"): never a
# name (names ending in -ly, "Kelly", "Sicily", "Beverly", have none of these endings).
_ADVERB = re.compile(
    r"[a-z]{3,}(?:ally|ntly|ously|ively|edly|ingly|fully|ably|ibly|ately|ctly|rtly|stly)"
)
_DISCOURSE = words(
    """thus nonetheless nevertheless otherwise moreover furthermore besides instead somewhat
    indeed hence therefore consequently likewise accordingly very quite really simply truly
    perhaps maybe"""
)


def sentence_adverb(low: str) -> bool:
    """Whether a word (in lower case) is an adverb that opens sentences, not a name."""
    return low in _DISCOURSE or _ADVERB.fullmatch(low) is not None


def title_like_word(low: str) -> bool:
    """``title_like`` for a word already in lower case."""
    # The part after the last hyphen ("ex-president"); most words have none to split off.
    return low in TITLES or ("-" in low and low.rsplit("-", 1)[-1] in TITLES)


# The last word of a place's name: "Central Park", "Cook County", "Harbor Freeway". Not
# "lake", "bay", "hall", "street": surnames too (Ricki Lake, Michael Bay, Dale Hall).
PLACE_HEADS = words(
    """park parks river mountain mountains mount island islands county valley canyon forest
    highway freeway boulevard avenue plaza stadium arena airport harbor harbour peninsula
    ocean gulf strait province district territory tower towers hotel building"""
)


def _place(first: str, last: str) -> bool:
    """Whether a name of two words or more from ``first`` to ``last`` (in lower case) is a
    place's: the last word a place's, the first no first name ("Grace Park" is a person)."""
    return last in PLACE_HEADS and first not in FIRST_NAMES


def org_like(words: list[Token]) -> bool:
    for w in words:  # a loop, not any() over a generator: this is asked very often
        if w.low in ORG_WORDS or w.low.rstrip("’s'") in ORG_WORDS:
            return True
    if len(words) > 1 and _place(words[0].low, words[-1].low):
        return True  # no person either: "Central Park was closed. ... he said"
    # A lone acronym (FBI, NATO, IS-K) names an organisation, not a person.
    return len(words) == 1 and acronym(words[0].text)


def org_like_words(texts: Sequence[str], lows: Sequence[str]) -> bool:
    """``org_like`` for the words' texts and their lower case, without their tokens
    (the same test: keep the two alike)."""
    for low in lows:
        if low in ORG_WORDS or low.rstrip("’s'") in ORG_WORDS:
            return True
    if len(lows) > 1 and _place(lows[0], lows[-1]):
        return True
    # A lone acronym (FBI, NATO, IS-K) names an organisation, not a person.
    return len(texts) == 1 and acronym(texts[0])


# Surnames written with a capital inside: "McCain", "LaRue", "DeSantis", "O'Donnell".
_PREFIXED = re.compile(r"(?:Mc|Mac|O[’']|D[’']|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z’'\-]+")


def acronym(text: str) -> bool:
    """Two capitals or more, as "FBI", "IS-K", "WikiLeaks" have, but not a surname with
    a capital inside ("McCain", "LaRue"). (A double-barrelled surname, "Lopez-Cantera",
    still counts: by its capitals it is no different from "African-Americans".)"""
    if _PREFIXED.fullmatch(text.removesuffix("’s").removesuffix("'s")):
        return False
    return sum(map(str.isupper, text)) >= 2


# First names that tell a person's gender (coreference) and that a name starts here.
FEMALE_NAMES = words(
    """hillary kellyanne nancy elizabeth dorothy michelle melania ivanka sarah mary patricia
    jennifer linda barbara susan jessica karen lisa betty margaret sandra ashley kimberly emily
    donna carol ruth sharon laura angela helen anna maria marie theresa samantha amy rebecca
    kathleen katherine catherine christine christina debbie deborah diane janet julie julia
    heather teresa doris gloria evelyn jean cheryl joan judith rose janice kelly nicole judy
    grace denise marilyn amber danielle brittany diana natalie sophia megyn condoleezza
    madeleine theresa angela ursula kamala alexandria ilhan rashida liz lisa jill tulsi marsha
    kirsten amy tammy susana nikki sonia ruth sheila huma donna jane ann anne annie carly
    michele megan meghan kate kathy claire louise emma olivia victoria"""
)
MALE_NAMES = words(
    """donald barack joe joseph john james robert michael william david richard charles thomas
    christopher daniel matthew anthony mark paul steven andrew kenneth george kevin brian edward
    ronald timothy jason jeffrey ryan jacob gary eric stephen larry justin scott frank brandon
    raymond gregory samuel benjamin patrick jack dennis jerry tyler aaron jose henry adam
    douglas nathan peter zachary kyle walter harold jeremy ethan carl keith roger gerald
    christian sean arthur austin noah lawrence jesse bernie bill mike mitch ted marco jeb
    chris tim rudy newt reince rand vladimir sergei xi boris emmanuel vassily munir fu recep
    narendra ali mohammed muhammad ahmed hassan abdul bashar benjamin tony nigel jeremy
    rishi keir volodymyr dmitry antonio"""
)
FIRST_NAMES = FEMALE_NAMES | MALE_NAMES


def census_gender(first: str) -> str:
    """'f' or 'm' for a first name (in lower case) that the US census's first-name lists
    (1990, shipped in the ``names`` package) give to one sex only, else ''. "Lindsey"
    (Graham), "Lou" (Jiwei, a surname written first), "Jean" are on both lists: no answer.

    Only for the first word of a name of two words or more: alone, many of these are
    places or words ("Virginia", "Grant", "Hope").
    """
    return _census().get(first, "")


@cache
def _census() -> dict[str, str]:
    female, male = _census_list("dist.female.first"), _census_list("dist.male.first")
    return {name: "f" for name in female - male} | {name: "m" for name in male - female}


def _census_list(name: str) -> set[str]:
    text = (files("names") / name).read_text(encoding="ascii")
    return {line.split()[0].lower() for line in text.splitlines() if line.strip()}
