"""False friends and calques: English words machine translation copies from German lookalikes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.checks.context import ContextGate, identity, source_matcher, triggered
from audit.forms import FormMatcher
from audit.glossary import Entry, Kind
from audit.model import Finding, RuleMeta, Segment, Severity

SUSPECTED = rule(
    "FF001",
    "false-friend",
    "accuracy/mistranslation",
    Severity.WARNING,
    """An English word that is a frequent false friend or calque of a German word (no source given).

    Without the German source the tool cannot tell whether "actually" renders "tatsächlich"
    (right) or "aktuell" (wrong: "currently"), so it warns and offers the usual correct renderings.
    With a source, FF002 decides instead.
    Example: "The actual figures show" (aktuellen Zahlen) -> "The current figures show".""",
)
CONFIRMED = rule(
    "FF002",
    "false-friend-confirmed",
    "accuracy/mistranslation",
    Severity.ERROR,
    """A false friend or calque confirmed by the German source: the trigger word is in the aligned sentence.

    When the aligned German has the trigger (aktuell, eventuell, demnach, Entspannung, ...), the
    English lookalike is an error: any of the entry's `wrong` forms, and also its head word alone
    (the word most of its `wrong` forms share, such as "gift" or "relaxation"), since with the
    German trigger in the source the bare lookalike is wrong too, unless the sentence already
    has one of the entry's English renderings ("in-depth meeting"). When the source has no
    trigger the English word translates
    something else and nothing is reported ("tatsächlich" -> "actual" is right).
    Example: "eventuell" rendered "eventually" -> "possibly".""",
)


class FalseFriends:
    """FF001 without a source, FF002 when the aligned source contains the German trigger."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (SUSPECTED, CONFIRMED)

    def __init__(self, resources: Resources) -> None:
        entries = list(resources.glossary.of_kind(Kind.FALSE_FRIEND))
        self._wrong: FormMatcher[Entry] = FormMatcher(
            [(form, False, e) for e in entries for form in e.wrong]
        )
        self._triggers = source_matcher(entries)
        self._gate = ContextGate(entries)
        self._preferred: FormMatcher[Entry] = FormMatcher(
            [(form, False, e) for e in entries for form in e.preferred]
        )
        self._heads: FormMatcher[Entry] = FormMatcher(
            [
                (f"{head}{suffix}", False, e)
                for e in entries
                for head in _head_words(e)
                # "after" is shared by "after his opinion" and "after her view", but alone it
                # is any sentence's word: only a lookalike (hints, eventually) stands for them.
                if resources.target_lexicon.zipf(head) <= _LOOKALIKE_MAX_ZIPF
                for suffix in ("", "s")
            ]
        )

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        in_source = (
            triggered(self._triggers, segment.source) if segment.source is not None else None
        )
        matches = list(self._wrong.finditer(segment.plain))
        if in_source:
            covered = [(m.start, m.end) for m in matches]
            rendered = {identity(m.payload) for m in self._preferred.finditer(segment.plain)}
            matches += [
                m
                for m in self._heads.finditer(segment.plain)
                if identity(m.payload) in in_source
                and identity(m.payload) not in rendered  # "in-depth meeting": already fixed
                and not any(s <= m.start < e for s, e in covered)
            ]
        for match in matches:
            entry = match.payload
            if not self._gate.allows(entry, segment, context):
                continue
            english = segment.text[match.start : match.end]
            german = entry.source[0].replace("*", "").replace(" ...", "")
            evidence = {"glossary": f"{entry.path}:{entry.line}", "note": entry.note}
            if in_source is None:
                yield finding(
                    SUSPECTED,
                    segment,
                    match.start,
                    match.end,
                    f'"{english}" is a frequent false friend of German "{german}"; '
                    f'if so, write "{entry.preferred[0]}"',
                    entry.preferred,
                    evidence,
                )
            elif identity(entry) in in_source:
                yield finding(
                    CONFIRMED,
                    segment,
                    match.start,
                    match.end,
                    f'"{english}" is a false friend of "{in_source[identity(entry)]}" in the source; '
                    f'write "{entry.preferred[0]}"',
                    entry.preferred,
                    evidence,
                )


# Zipf frequency above which an English word is too common to stand for a false friend alone
# (from 6.6, after 6.1, high 5.8); "actually" (5.5) still does.
_LOOKALIKE_MAX_ZIPF = 5.6


def _head_words(entry: Entry) -> set[str]:
    """Words (4+ letters) shared by at least half of an entry's wrong forms: its lookalike."""
    forms = [set(form.casefold().split()) for form in entry.wrong]
    preferred = {w for form in entry.preferred for w in form.casefold().split()}
    counts = Counter(w for words in forms for w in words if len(w) >= 4 and w.isalpha())
    return {w for w, n in counts.items() if 2 * n >= len(forms) and w not in preferred}
