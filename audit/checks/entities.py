"""Names in the source must reach the translation: dropped or swapped people, places, bodies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from rapidfuzz import fuzz

from audit.checks.base import Resources, SegmentContext, finding, rule, whole_span
from audit.checks.form_screen import FormScreen
from audit.checks.memo import LONGEST_WORD, WordMemo
from audit.forms import FormMatcher
from audit.glossary import Entry, Kind
from audit.model import Finding, RuleMeta, Segment, Severity

NAME_MISSING = rule(
    "ENT001",
    "name-not-preserved",
    "accuracy/mistranslation",
    Severity.ERROR,
    """A glossary name in the source (person, place, body) is missing from the translation.

    The source names a person or place the reference glossaries know (Moskau, Sergej Lawrow),
    and neither the English rendering nor the German form appears in the translation.
    Example: source "Lawrow traf Blinken in Genf." -> "The foreign minister met Blinken in
    Geneva." (Lavrov dropped).""",
)
NAME_POSSIBLY_MISSING = rule(
    "ENT002",
    "name-possibly-missing",
    "accuracy/mistranslation",
    Severity.INFO,
    """A word of the source that looks like a name is not found in the translation.

    A source word counts as a name when it is capitalised away from the start of the sentence,
    is not an acronym, is not a common word of the source language (the bilingual lexicon or,
    for German, the Wiktionary noun list of the german-nouns package knows it), and is used
    about as often in English as in German (wordfreq) or is short and unknown to both. It is present in
    the translation when it appears there as written, in a glossary rendering (Moskau ->
    Moscow), in an English transliteration (Lawrow -> Lavrov), without a German case ending
    (Merkels -> Merkel), or as a close spelling. When the translation has a name of its own that
    the source lacks, that name is the span: it probably replaced the source's.
    Example: source "Kanzler Scholz traf Macron in Paris." -> "Chancellor Scholz met Biden in
    Paris." (Macron replaced by Biden).
    Information only: German capitalises every noun, and telling names from nouns without a
    full dictionary is unreliable. On 3,009 professional German-English pairs this rule fires on
    about 2.5 % (names the translator rightly shortened or left out, rare nouns), while it finds
    about 78 % of names replaced or removed. Raise it to a warning
    (--severity ENT002=warning) for copy where names matter most.""",
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A capitalised word right after one of these (and spaces) may just begin a sentence or quote.
_SENTENCE_BREAK = frozenset('.:!?„“"»«‚‘([–—-')
_MIN_LENGTH = 3
_DOTTED = re.compile(r"\b(\w)\.(\w)\.")
_POSSESSIVE = re.compile(r"['’]s\b")
# A source word is name-like when English uses it at least this often relative to German
# (Zipf difference), or when neither language's word list knows it.
_ENGLISH_SHARE = -1.0
_UNKNOWN = 1.0
_FUZZY = 80.0
_GERMAN_ENDINGS = ("s", "es", "n", "ns")
# A word the German noun list knows is still a name when English uses it this much (Zipf) more
# often than German: Microsoft, Reuters, Rangers.
_NOUN_OVERRIDE = 1.0
_COMPOUND_PART = 3.0  # a rare word splitting into two German words this common is a compound
# Words neither language knows are names only when short: long ones are German compounds
# (Nationalversammlungsmitglieder), which the translation renders in words of its own.
_UNKNOWN_MAX_LENGTH = 10
# A target word sharing this much of its beginning with a source word renders it
# (Transport -> transportation, Diabetes -> diabetic).
_SHARED_PREFIX = 5
_SHARED_SHARE = 0.7


class NamePreservation:
    """ENT001: every name-like word of the source must be found in the target."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (NAME_MISSING, NAME_POSSIBLY_MISSING)

    def __init__(self, resources: Resources) -> None:
        self._source_lexicon = resources.source_lexicon
        self._target_lexicon = resources.target_lexicon
        self._transliterator = resources.transliterator
        self._bilingual = resources.bilingual_lexicon
        self._common_nouns = resources.source_nouns
        # Only names and institutions count; the other entries' forms need not be searched.
        entries = [e for e in resources.glossary.entries if _names_something(e)]
        forms = [(form, False, e) for e in entries for form in e.source]
        self._glossary_sources: FormMatcher[Entry] = FormMatcher(forms)
        # Most sources hold none of these forms: one quick read tells so (case-insensitive,
        # as the matcher reads forms it is given with case_sensitive False).
        self._glossary_screen = FormScreen([form for form, _, _ in forms], re.IGNORECASE)
        # Whether a word looks like a name depends on the word alone: judged once per run.
        self._source_name_like: WordMemo[str, bool] = WordMemo(self._source_name)
        self._target_name_like: WordMemo[str, bool] = WordMemo(self._target_name)

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        source = segment.source
        if not source or not segment.plain.strip():
            return
        target = segment.plain
        rendered = self._glossary_renderings(source)
        # Glossary names count wherever they stand; other words must look like names.
        glossary_names = [w for w in rendered if w[:1].isupper() and len(w) >= _MIN_LENGTH]
        names = [*glossary_names, *self._names(source)]
        if not names:
            return
        target_words = {w.casefold() for w in _TOKEN.findall(target)}
        folded = ""  # the target for substring tests, made only when a name is not a word of it
        missing: list[str] = []
        for name in names:
            if name in missing or name.casefold() in target_words:
                continue  # the commonest case, and _present's first test
            if not folded:
                # "U.K." and "U.S." are written UK and US in glossaries.
                folded = _POSSESSIVE.sub("", _DOTTED.sub(r"\1\2", target.casefold()))
            if self._present(name, folded, target_words, rendered):
                continue
            missing.append(name)
        if not missing:
            return
        known = [n for n in missing if n in rendered]
        if known:
            missing = [n for n in missing if n not in known]
            fix = rendered[known[0]][0]
            yield self._report(NAME_MISSING, segment, known, source, target, fix)
        if missing:
            yield self._report(NAME_POSSIBLY_MISSING, segment, missing, source, target, missing[0])

    def _report(
        self,
        meta: RuleMeta,
        segment: Segment,
        missing: list[str],
        source: str,
        target: str,
        fix: str,
    ) -> Finding:
        source_words = {m.group().casefold() for m in _TOKEN.finditer(source)}
        intruders = [
            m
            for m in self._names_with_spans(target)
            if m[2].casefold() not in source_words
            and not any(fuzz.ratio(m[2].casefold(), n.casefold()) >= _FUZZY for n in missing)
        ]
        names = ", ".join(f'"{n}"' for n in missing)
        noun = "name" if len(missing) == 1 else "names"
        if len(intruders) == 1 and len(missing) == 1:
            start, end, word = intruders[0]
            return finding(
                meta,
                segment,
                start,
                end,
                f'the source {noun} {names} is missing from the translation, and "{word}" is '
                "not in the source: a name was replaced",
                [fix],
                {"source_names": ",".join(missing)},
            )
        start, end = whole_span(segment)
        return finding(
            meta,
            segment,
            start,
            end,
            f"the source {noun} {names} {'is' if len(missing) == 1 else 'are'} missing from the "
            "translation",
            (),
            {"source_names": ",".join(missing)},
        )

    # --- which source words are names ---------------------------------------------------

    def _names(self, text: str) -> Iterator[str]:
        for _start, _end, word in self._names_with_spans(text, source=True):
            yield word

    def _names_with_spans(self, text: str, source: bool = False) -> Iterator[tuple[int, int, str]]:
        name_like = self._source_name_like if source else self._target_name_like
        for match in _TOKEN.finditer(text):
            word = match.group()
            if len(word) < _MIN_LENGTH or not word[0].isupper():
                continue
            if _after_break(text, match.start()):
                continue
            if name_like(word) if len(word) <= LONGEST_WORD else self._name_like(word, source):
                yield match.start(), match.end(), word

    def _source_name(self, word: str) -> bool:
        return self._name_like(word, True)

    def _target_name(self, word: str) -> bool:
        return self._name_like(word, False)

    def _name_like(self, word: str, source: bool) -> bool:
        if word.isupper():
            # Acronyms are often translated (PTBS -> PTSD, WLAN -> Wi-Fi): glossary ones only.
            return False
        own = self._source_lexicon if source else self._target_lexicon
        other = self._target_lexicon if source else self._source_lexicon
        if (
            source
            and self._common_nouns is not None
            and word in self._common_nouns
            and own.zipf(word) + _NOUN_OVERRIDE > other.zipf(word)
        ):
            return False  # a German noun, unless English uses it clearly more (Microsoft)
        here, there = own.zipf(word), other.zipf(word)
        if here < _UNKNOWN and there < _UNKNOWN:
            looks = not source or (len(word) <= _UNKNOWN_MAX_LENGTH and not self._is_compound(word))
        else:
            looks = there >= here + _ENGLISH_SHARE if source else here <= there + 1.0
        # A source word the bilingual lexicon translates is a common word, not a name. That
        # look-up is the costliest test (inflection, compounds), so it comes last.
        return looks and not (
            source and self._bilingual is not None and self._bilingual.translations(word)
        )

    def _is_compound(self, word: str) -> bool:
        lower = word.casefold()
        for cut in range(4, len(lower) - 3):
            head, tail = lower[:cut], lower[cut:]
            for part in (tail, tail[:-1], tail[:-2]):
                if (
                    self._source_lexicon.zipf(head) >= _COMPOUND_PART
                    or self._source_lexicon.zipf(head.rstrip("s")) >= _COMPOUND_PART
                ) and self._source_lexicon.zipf(part) >= _COMPOUND_PART:
                    return True
        return False

    # --- is a name present in the target ------------------------------------------------

    def _glossary_renderings(self, source: str) -> dict[str, tuple[str, ...]]:
        """Source word -> the English forms its glossary entries allow."""
        found: dict[str, tuple[str, ...]] = {}
        if not self._glossary_screen.may_hold(source):
            return found
        for match in self._glossary_sources.finditer(source):
            forms = (*match.payload.preferred, *match.payload.wrong)
            for word in _TOKEN.findall(source[match.start : match.end]):
                found[word] = found.get(word, ()) + forms
        return found

    def _present(
        self,
        name: str,
        folded: str,
        target_words: set[str],
        rendered: dict[str, tuple[str, ...]],
    ) -> bool:
        lower = name.casefold()
        if lower in target_words or _contains(folded, lower):
            return True
        for form in rendered.get(name, ()):
            form = form.casefold()
            if _contains(folded, form):
                return True
            # The adjective of a place stands for it: Rome -> Roman, Russia -> Russian.
            stem = form[: max(3, len(form) - 1)]
            if " " not in form and len(form) >= 4 and any(
                w.startswith(stem) and len(w) <= len(form) + 3 for w in target_words
            ):
                return True
        stems = [lower[: -len(e)] for e in _GERMAN_ENDINGS if lower.endswith(e)]
        if any(s in target_words for s in stems if len(s) >= _MIN_LENGTH):
            return True
        if any(v.casefold() in target_words for v in self._transliterator.variants(name)):
            return True
        if self._bilingual is not None and self._bilingual.covers(name, target_words):
            return True
        # Abbreviated titles: Captain -> Capt., Senator -> Sen., Inspector -> Insp.
        if any(f"{w}." in folded for w in target_words if len(w) >= 3 and lower.startswith(w)):
            return True
        prefix = lower[: max(_SHARED_PREFIX, round(len(lower) * _SHARED_SHARE))]
        if len(prefix) < len(lower) and any(w.startswith(prefix) for w in target_words):
            return True
        return any(
            fuzz.ratio(lower, w) >= _FUZZY for w in target_words if abs(len(w) - len(lower)) <= 3
        )


def _names_something(entry: Entry) -> bool:
    return entry.kind.is_name or entry.kind is Kind.INSTITUTION


def _after_break(text: str, start: int) -> bool:
    """Whether only spaces, or a sentence break and spaces, stand before ``start``: a word
    there may be capitalised for its position alone."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at < 0 or text[at] in _SENTENCE_BREAK


def _contains(haystack: str, needle: str) -> bool:
    at = haystack.find(needle)
    while at >= 0:
        before = haystack[at - 1] if at else " "
        after = haystack[at + len(needle)] if at + len(needle) < len(haystack) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = haystack.find(needle, at + 1)
    return False
