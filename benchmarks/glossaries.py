"""Large generated glossaries in the project's TSV format, for the glossary-scaling runs.

Each entry is a `term`: a German-looking compound built from real stems (source, with `*` for
inflected forms), its English phrase (preferred), the English words in reverse order as the
wrong rendering (a phrase that practically never occurs, so findings stay rare and the run
measures matching cost, not reporting cost) and a note. Entries are drawn without repetition
from the stems' cross product in a seeded order, so a size always yields the same file.
"""

from __future__ import annotations

import random
from pathlib import Path

from audit.glossary import COLUMNS

# (German stem as it opens or continues a compound, English word)
_FIRST = (
    ("Bundes", "federal"),
    ("Landes", "state"),
    ("Stadt", "city"),
    ("Wald", "forest"),
    ("Wasser", "water"),
    ("Energie", "energy"),
    ("Arbeits", "labour"),
    ("Verkehrs", "transport"),
    ("Gesundheits", "health"),
    ("Bildungs", "education"),
    ("Kinder", "child"),
    ("Familien", "family"),
    ("Renten", "pension"),
    ("Steuer", "tax"),
    ("Zoll", "customs"),
    ("Grenz", "border"),
    ("Küsten", "coastal"),
    ("Luft", "air"),
    ("Boden", "soil"),
    ("Klima", "climate"),
    ("Agrar", "agricultural"),
    ("Fischerei", "fisheries"),
    ("Bahn", "rail"),
    ("Straßen", "road"),
    ("Hafen", "port"),
    ("Flughafen", "airport"),
    ("Wohnungs", "housing"),
    ("Miet", "rent"),
    ("Bau", "construction"),
    ("Kultur", "culture"),
    ("Sport", "sports"),
    ("Medien", "media"),
    ("Rundfunk", "broadcasting"),
    ("Daten", "data"),
    ("Netz", "network"),
    ("Post", "postal"),
    ("Handels", "trade"),
    ("Export", "export"),
    ("Import", "import"),
    ("Banken", "banking"),
    ("Börsen", "stock exchange"),
    ("Versicherungs", "insurance"),
    ("Kranken", "sickness"),
    ("Pflege", "care"),
    ("Unfall", "accident"),
    ("Feuerwehr", "fire brigade"),
    ("Polizei", "police"),
    ("Justiz", "justice"),
    ("Straf", "criminal"),
    ("Zivil", "civil"),
    ("Verwaltungs", "administrative"),
    ("Wahl", "electoral"),
    ("Partei", "party"),
    ("Haushalts", "budget"),
    ("Finanz", "finance"),
    ("Wirtschafts", "economic"),
    ("Industrie", "industrial"),
    ("Handwerks", "crafts"),
    ("Forschungs", "research"),
    ("Hochschul", "university"),
    ("Schul", "school"),
    ("Jugend", "youth"),
    ("Senioren", "senior citizens"),
    ("Frauen", "women's"),
    ("Migrations", "migration"),
    ("Asyl", "asylum"),
    ("Flüchtlings", "refugee"),
    ("Verteidigungs", "defence"),
    ("Rüstungs", "armaments"),
    ("Marine", "naval"),
    ("Katastrophen", "disaster"),
    ("Tier", "animal"),
    ("Natur", "nature"),
    ("Gewässer", "waterway"),
    ("Lebensmittel", "food"),
    ("Verbraucher", "consumer"),
    ("Wettbewerbs", "competition"),
    ("Kartell", "cartel"),
    ("Patent", "patent"),
    ("Marken", "trademark"),
)
_MIDDLE = (
    ("schutz", "protection"),
    ("förder", "support"),
    ("aufsichts", "supervisory"),
    ("planungs", "planning"),
    ("prüf", "inspection"),
    ("sicherheits", "safety"),
    ("entwicklungs", "development"),
    ("verwaltungs", "management"),
    ("kontroll", "control"),
    ("beratungs", "advisory"),
    ("melde", "reporting"),
    ("genehmigungs", "licensing"),
    ("statistik", "statistics"),
    ("informations", "information"),
    ("forschungs", "research"),
    ("ausgleichs", "compensation"),
    ("beschwerde", "complaints"),
    ("schlichtungs", "arbitration"),
    ("vergabe", "procurement"),
    ("zulassungs", "approval"),
    ("vorsorge", "precautionary"),
    ("wiederaufbau", "reconstruction"),
    ("reform", "reform"),
    ("struktur", "structural"),
    ("investitions", "investment"),
    ("anpassungs", "adjustment"),
    ("notfall", "emergency"),
    ("krisen", "crisis"),
    ("finanzierungs", "funding"),
    ("ordnungs", "regulatory"),
    ("schieds", "arbitral"),
    ("qualitäts", "quality"),
    ("umwelt", "environmental"),
    ("transparenz", "transparency"),
    ("leistungs", "benefits"),
    ("ausbildungs", "training"),
    ("beteiligungs", "participation"),
    ("koordinierungs", "coordination"),
    ("überwachungs", "monitoring"),
    ("versorgungs", "supply"),
)
_HEAD = (
    ("behörde", "authority"),
    ("verordnung", "regulation"),
    ("gesetz", "act"),
    ("kommission", "commission"),
    ("stelle", "office"),
    ("amt", "agency"),
    ("rat", "council"),
    ("fonds", "fund"),
    ("programm", "programme"),
    ("register", "register"),
    ("abgabe", "levy"),
    ("richtlinie", "directive"),
    ("verfahren", "procedure"),
    ("ausschuss", "committee"),
    ("zentrum", "centre"),
    ("netzwerk", "network"),
    ("bericht", "report"),
    ("plan", "plan"),
    ("vertrag", "treaty"),
    ("abkommen", "agreement"),
    ("pflicht", "obligation"),
    ("gebühr", "fee"),
    ("zuschuss", "grant"),
    ("prämie", "premium"),
    ("konzept", "concept"),
    ("strategie", "strategy"),
    ("initiative", "initiative"),
    ("beauftragte", "commissioner"),
    ("kammer", "chamber"),
    ("institut", "institute"),
)
NOTE = "generated benchmark entry"


def glossary_text(size: int, seed: int = 7) -> str:
    """A glossary of ``size`` term entries (at most the stems' cross product)."""
    total = len(_FIRST) * len(_MIDDLE) * len(_HEAD)
    if size > total:
        raise ValueError(f"at most {total} generated entries, {size} asked for")
    picks = random.Random(seed).sample(range(total), size)
    rows = ["\t".join(COLUMNS)]
    for pick in picks:
        first, rest = divmod(pick, len(_MIDDLE) * len(_HEAD))
        middle, head = divmod(rest, len(_HEAD))
        de_first, en_first = _FIRST[first]
        de_middle, en_middle = _MIDDLE[middle]
        de_head, en_head = _HEAD[head]
        german = de_first + de_middle + de_head
        english = f"{en_first} {en_middle} {en_head}"
        wrong = " ".join(reversed(english.split()))
        rows.append("\t".join(("term", german + "*", english, wrong, "", NOTE)))
    return "\n".join(rows) + "\n"


def write_glossary(path: Path, size: int) -> None:
    path.write_text(glossary_text(size), encoding="utf-8")
