"""Names in a text: capitalised phrases, and whether two of them name the same thing.

No tagger: capitals, a list of words that are capitalised for other reasons, and aliases for
the countries and organisations news copy spells several ways ("U.S.", "America",
"Washington").
"""

from __future__ import annotations

import re

from provenance.wording import wordset

# Capitalised words that are not names, or not the part of a name that identifies it.
_NOT_NAMES = wordset(
    """
    a an the he she it we they i you his her their our its this that these those there
    in on at of for and but or if as by to with from after before while when despite
    meanwhile however mr mrs ms dr prof sir president ambassador minister prime secretary
    general senator sen rep gov governor chief judge officer spokesman spokeswoman
    spokesperson representative envoy
    """
    # Weekdays are relative dates: "Monday" in one outlet is "today" in another.
    " monday tuesday wednesday thursday friday saturday sunday"
)
# Words that open sentences often enough that a capital there does not make them names.
_STARTERS = wordset(
    """
    also although though because since until unless where whether what which who why how
    then now still yet so thus later earlier today yesterday tomorrow last next during under
    over about against among amid between through without within upon instead indeed
    further furthermore moreover nevertheless nonetheless otherwise overall asked speaking
    many some most all several both each every such other another few more much no not one
    two three officials police authorities analysts experts critics investigators shares
    prices sales people residents witnesses lawmakers sources according separately
    elsewhere here once even only just first second third finally my your i me him them us
    our an any do does did is are was were be has have had will would should can could may
    might must shall let there's it's that's we're they're
    """
)
# Glue allowed inside a multi-word name ("Voice of America", "Bank of England").
_NAME_GLUE = wordset("of de al van von der la le du da bin ibn")
NAME_ALIASES: dict[str, str] = {
    "usa": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "united states": "us",
    "united states of america": "us",
    "britain": "uk",
    "british": "uk",
    "united kingdom": "uk",
    "great britain": "uk",
    "united nations": "un",
    "european union": "eu",
    "isil": "isis",
    "islamic state": "isis",
    "daesh": "isis",
    "burma": "myanmar",
    # Capitals standing for their governments, as news copy uses them.
    "washington": "us",
    "moscow": "russia",
    "kremlin": "russia",
    "beijing": "china",
    "london": "uk",
    "tehran": "iran",
    "kabul": "afghanistan",
}

_SENTENCE_BREAK = re.compile(r"""[.!?:;"'(\[]\s*$""")


def name_phrases(norm: str) -> list[frozenset[str]]:
    """Capitalised name phrases, each as the set of keys that identify it.

    Sentence-initial words are skipped (capitalised for grammar, not because they name
    anything) unless they are acronyms. Keys are the lower-cased words with dots removed,
    plus an alias key for common country and organisation spellings.
    """
    phrases: list[list[str]] = []
    current: list[str] = []
    for m in re.finditer(r"[\w'.\-]+", norm):
        word = m.group(0).strip(".'-")
        if not word:
            continue
        start = m.start()
        initial = start == 0 or bool(_SENTENCE_BREAK.search(norm[max(0, start - 3) : start]))
        # A sentence-initial capital says nothing, so there a common word is not a name;
        # "Shea said ..." still yields "Shea".
        if word[0].isupper() and not (initial and _common_starter(word)):
            current.append(word)
            continue
        if current and word.lower() in _NAME_GLUE and word[0].islower():
            current.append(word.lower())
            continue
        if current:
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    out: list[frozenset[str]] = []
    for phrase in phrases:
        while phrase and phrase[-1] in _NAME_GLUE:
            phrase = phrase[:-1]
        keys = _name_keys(phrase)
        if keys:
            out.append(keys)
    return out


def _common_starter(word: str) -> bool:
    if _is_acronym(word):
        return False
    low = word.lower()
    return low in _NOT_NAMES or low in _STARTERS or low.endswith("ly") or low.endswith("ing")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _name_keys(phrase: list[str]) -> frozenset[str]:
    keys: set[str] = set()
    parts: list[str] = []
    for word in phrase:
        if word.endswith("'s") or word.endswith("'S"):
            word = word[:-2]
        for part in word.split("-"):
            key = part.replace(".", "").replace("'", "").lower()
            if not key or key in _NOT_NAMES or key in _NAME_GLUE:
                continue
            if not part[:1].isupper():
                continue  # the "led" of "US-led"
            parts.append(key)
    if not parts:
        return frozenset()
    # Single letters ("K" of "IS-K") would match unrelated names; the compact key keeps them.
    keys.update(p for p in parts if len(p) >= 2)
    if len(parts) == 1:
        keys.add(NAME_ALIASES.get(parts[0], parts[0]))
    joined = " ".join(parts)
    if joined in NAME_ALIASES:
        keys.add(NAME_ALIASES[joined])
    if len(parts) >= 2:
        keys.add("".join(p[0] for p in parts))  # initials: "United Nations" ~ "UN"
    keys.add("".join(parts))  # compact: "IS-K" -> "isk"
    return frozenset(keys)


def names_match(x: frozenset[str], y: frozenset[str]) -> bool:
    if x & y:
        return True
    return any(_keys_match(p, q) for p in x for q in y)


def _keys_match(p: str, q: str) -> bool:
    stem_p, stem_q = p.rstrip("s"), q.rstrip("s")
    if stem_p == stem_q and len(stem_p) >= 2:
        return True  # "HP's" typed "HPs", "Kurd" and "Kurds"
    if len(p) >= 5 and len(q) >= 5 and _one_edit(p, q):
        return True  # "Sundwell" and "Sundwall", "MSBlast" and "MBlast"
    # Affiliates, short forms and plurals: "IS-K" ~ "ISIS-K", "Nov" ~ "November".
    return (
        len(p) >= 3
        and len(q) >= 3
        and (p.endswith(q) or q.endswith(p) or p.startswith(q) or q.startswith(p))
    )


def _one_edit(p: str, q: str) -> bool:
    if abs(len(p) - len(q)) > 1:
        return False
    i = 0
    while i < min(len(p), len(q)) and p[i] == q[i]:
        i += 1
    return p[i + 1 :] == q[i + 1 :] or p[i + 1 :] == q[i:] or p[i:] == q[i + 1 :]
