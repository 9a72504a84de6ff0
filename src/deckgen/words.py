"""Small wording helpers, used wherever deckgen assembles text a person reads: counts with their
nouns, possessives, and lines joined into a talk track. One helper each, so "1 errors" and
"Partners's" cannot come back in one place while fixed in another."""

from __future__ import annotations

TITLE_MAX = 90  # characters in a slide title: about two lines at the themes' title size

_IRREGULAR = {"person": "people", "child": "children", "analysis": "analyses", "is": "are",
              "has": "have", "was": "were", "this": "these"}  # fmt: skip
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def plural_of(word: str) -> str:
    """'deck' -> 'decks', 'company' -> 'companies', 'person' -> 'people', 'has' -> 'have'."""
    lower = word.lower()
    if lower in _IRREGULAR:
        out = _IRREGULAR[lower]
        return out.capitalize() if word[:1].isupper() else out
    if lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def noun(count: float, word: str, many: str | None = None) -> str:
    """The noun that goes with `count`: 'leaver' for 1, 'leavers' for 0, 2 or 1.5."""
    return word if count == 1 else (many or plural_of(word))


def plural(count: float, word: str, many: str | None = None, shown: str | None = None) -> str:
    """'1 deck', '3 decks', '0 errors'; `shown` is the count as already formatted, if it was."""
    text = shown if shown is not None else f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{text} {noun(count, word, many)}"


def count_words(count: int) -> str:
    """'one' ... 'ten' for small whole counts (as in 'three measures'), digits beyond."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else f"{count:,}"


def all_of(count: int, word: str) -> str:
    """'The one measure', 'Both measures', 'All three measures': 'all of them', said well."""
    if count == 1:
        return f"The one {word}"
    if count == 2:
        return f"Both {plural_of(word)}"
    return f"All {count_words(count)} {plural_of(word)}"


def possessive(name: str) -> str:
    """'Northwind Logistics' -> "Northwind Logistics'"; 'Meridian Health Partners' ->
    "Meridian Health Partners'" (not "Partners's"); 'NHS' -> "NHS's"."""
    text = str(name).rstrip()
    if text.endswith("s") and not text[-2:].isupper():
        return text + "'"
    return text + "'s"


def join_lines(text: str) -> str:
    """Rendered template text tidied: trailing spaces gone, empty lines (a condition that was
    false) dropped, so lines never run into each other or leave gaps."""
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


# Titles that come before a name, not a first name to address someone by ("Dr Ruth Okoye").
_HONORIFICS = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord",
               "lady", "rev", "revd", "hon", "herr", "frau", "mme", "mlle", "m", "dott", "ing"}  # fmt: skip


def first_name(name: str) -> str:
    """The name to address someone by: 'Jordan Ellis' -> 'Jordan', 'Dr Ruth Okoye' -> 'Ruth'
    (titles skipped); a single word, or only titles, is used as given."""
    words = name.split()
    given = [w for w in words if w.casefold().rstrip(".") not in _HONORIFICS]
    if not given:
        return name.strip()
    if len(given) == 1 and len(words) > 1:  # 'Dr Okoye': the title belongs with the surname
        return " ".join(words)
    return given[0]
