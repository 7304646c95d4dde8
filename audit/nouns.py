"""Common nouns of the source language, so that capitalised German nouns are not taken for names.

German capitalises every noun; the name rules need to know "Marine", "Hut" and "Fund" are
ordinary words. For German the list comes from the ``german-nouns`` package (about 100,000
nouns with their inflected forms, compiled from the German Wiktionary): rows tagged as
toponyms, first names, surnames or other proper names are left out, so "Berlin" and "Merkel"
stay names. Other languages have no list yet (None).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

# Wiktionary's part-of-speech tags that make a row a proper name rather than a common noun.
_PROPER = frozenset({"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"})
_FIRST_FORM_COLUMN = 7  # after lemma, pos and the genus columns


@lru_cache(maxsize=4)
def common_nouns(lang: str) -> frozenset[str] | None:
    """Every inflected form of every common noun of ``lang``, case kept (None: no list)."""
    if lang != "de":
        return None
    forms: set[str] = set()
    table = resources.files("german_nouns").joinpath("nouns.csv")
    with table.open(encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        for row in rows:
            tags = set(row[1].split(","))
            if "Substantiv" not in tags or tags & _PROPER:
                continue
            forms.add(row[0])
            forms.update(cell for cell in row[_FIRST_FORM_COLUMN:] if cell)
    return frozenset(forms)
