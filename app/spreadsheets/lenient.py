"""Reading the optional columns of real lists: what coordinators type for an industry, a municipality or a size.

Industries match a TOL 2008 code, name or a word of seed/industry_synonyms.csv (Finnish, Swedish, English),
including Finnish and Swedish inflected forms and compounds (a compound's last part decides: "kiinteistösiivous" is
cleaning). Municipalities match their Finnish or Swedish name in any case or accents, a common abbreviation, or the
one municipality named in a longer text ("80100 Joensuu"). Size classes match their labels, common words or a
headcount ("n. 50", "10-49", "alle 10"). Pure apart from the reference files (read once).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

from app.employers import reference
from app.spreadsheets.mapping import header_key

MIN_PART = 4  # the shortest synonym found inside a longer word
# Values that mean "not known": an optional column left empty in effect, never a warning.
PLACEHOLDERS = {"", "-", "--", "?", "x", "na", "n/a", "ei", "ei tiedossa", "tuntematon", "muu", "muut", "okand",
                "annan", "other", "unknown", "none", "null", "nan"}
ABBREVIATIONS = {"hki": "Helsinki", "hgin": "Helsinki", "tku": "Turku", "tre": "Tampere", "jkl": "Jyväskylä",
                 "hml": "Hämeenlinna", "lpr": "Lappeenranta"}
SIZE_WORDS = {
    "micro": ("mikro", "mikroyritys", "mikroyhtio", "mikroforetag", "micro", "micro enterprise"),
    "small": ("pieni", "pienyritys", "pieni yritys", "liten", "litet", "smaforetag", "small", "small business"),
    "medium": ("keskisuuri", "keskikokoinen", "keskisuuri yritys", "medelstor", "medelstort", "medium",
               "medium sized", "mid sized"),
    "large": ("suuri", "iso", "suuryritys", "suuri yritys", "stor", "stort", "storforetag", "large", "big",
              "large enterprise"),
}
_BELOW = re.compile(r"\b(alle|under|max|enintaan|korkeintaan|hogst|less than|fewer than|up to)\b|<")
_ABOVE = re.compile(r"\b(yli|over|more than|above)\b|>|\+")


def fold(text: str | None) -> str:
    """Lower case without accents, words separated by single spaces (punctuation and hyphens are spaces)."""
    decomposed = unicodedata.normalize("NFKD", text or "").casefold()
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def placeholder(text: str) -> bool:
    """Whether a cell only says that the value is not known ("-", "?", "ei tiedossa", "NA")."""
    return fold(text) in PLACEHOLDERS or not re.sub(r"[\W_]+", "", text)


@cache
def _synonyms() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    """(every term -> code, Finnish and Swedish single words -> code, phrases longest first)."""
    path = reference.SEED_DIR / "industry_synonyms.csv"
    terms: dict[str, str] = {}
    parts: dict[str, str] = {}
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = fold(row["term"])
                terms.setdefault(key, row["code"])
                if " " not in key and row["language"] in ("fi", "sv"):
                    parts.setdefault(key, row["code"])
    phrases = sorted(((k, c) for k, c in terms.items() if " " in k), key=lambda item: -len(item[0]))
    return terms, parts, phrases


def _word_code(word: str) -> str | None:
    terms, parts, _phrases = _synonyms()
    if word in terms:
        return terms[word]
    if len(word) <= MIN_PART:
        return None
    heads = [t for t in parts if len(t) >= MIN_PART and word.endswith(t)]
    if heads:  # a compound's last part says what it is
        return parts[max(heads, key=len)]
    stems = [t for t in parts if len(t) >= MIN_PART and word.startswith(t)]
    return parts[max(stems, key=len)] if stems else None


def _common(codes: list[str]) -> str | None:
    """One code for all found codes: the same one, else the section they share, else None."""
    found = set(codes)
    if len(found) == 1:
        return found.pop()
    sections = {reference.industry_section(code) for code in found}
    return sections.pop() if len(sections) == 1 and None not in sections else None


def industry_synonym(text: str) -> str | None:
    """A TOL 2008 code for what a coordinator typed ("Siivous", "ravintola-ala", "Metalliteollisuus"), or None."""
    key = fold(text)
    terms, _parts, phrases = _synonyms()
    if not key:
        return None
    if key in terms:
        return terms[key]
    rest, codes = f" {key} ", []
    for phrase, code in phrases:
        if f" {phrase} " in rest:
            codes.append(code)
            rest = rest.replace(f" {phrase} ", " | ")
    codes += [code for word in rest.split() if (code := _word_code(word))]
    return _common(codes) if codes else None


@cache
def _municipality_keys() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(folded Finnish and Swedish names and abbreviations -> Finnish name, the names longest first)."""
    keys = {}
    for municipality in reference.municipalities().values():
        for name in (municipality.name_fi, municipality.name_sv):
            keys[fold(name)] = municipality.name_fi
    names = sorted(keys.items(), key=lambda item: -len(item[0]))
    keys.update({fold(short): name for short, name in ABBREVIATIONS.items() if name in reference.municipalities()})
    return keys, names


def municipality(text: str) -> str | None:
    """The Finnish name of the municipality a cell means ("joensuu", "Vasa", "Hki", "80100 Joensuu"), or None."""
    exact = reference.municipality_canonical(text)
    if exact:
        return exact
    keys, names = _municipality_keys()
    key = fold(text)
    if key in keys:
        return keys[key]
    rest, found = f" {key} ", set()
    for name_key, name in names:
        if f" {name_key} " in rest:
            found.add(name)
            rest = rest.replace(f" {name_key} ", " | ")
    return found.pop() if len(found) == 1 else None


def size_class(text: str, labels: dict[str, str]) -> str | None:
    """micro/small/medium/large from a label, a word or a headcount ("n. 50 henkeä", "10-49", "alle 10")."""
    if header_key(text) in labels:
        return labels[header_key(text)]
    key = fold(text)
    for code, words in SIZE_WORDS.items():
        if key in words:
            return code
    numbers = re.findall(r"\d+", re.sub(r"(?<=\d)[\s\u00a0](?=\d{3}\b)", "", text))
    if not numbers or len(numbers) > 2:
        return None
    count = int(numbers[0])
    plain = "".join(c for c in unicodedata.normalize("NFKD", text).casefold() if not unicodedata.combining(c))
    if len(numbers) == 1 and _BELOW.search(plain):
        count -= 1
    elif len(numbers) == 1 and _ABOVE.search(plain):
        count += 1
    return "micro" if count < 10 else "small" if count < 50 else "medium" if count < 250 else "large"
