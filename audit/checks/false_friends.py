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
    A single everyday word ("actually", "become") is only a note without a source: see FF003.
    Example: "Accordingly, the talks resume" (demnach) -> "According to the report, ...".""",
)
EVERYDAY = rule(
    "FF003",
    "everyday-false-friend",
    "accuracy/mistranslation",
    Severity.INFO,
    """An everyday English word that is also a frequent false friend (no source given): a note.

    "become", "actually", "eventually" are false friends of bekommen, aktuell and eventuell,
    but English text uses them so often in their own sense that, without the German source,
    nearly every one is right (on clean English news, FF001 at warning flagged 2.6 % of
    sentences for them alone). A single-word lookalike this common (Zipf 4.5 or more in
    English) is therefore only a note, unless its glossary entry names words that must stand
    near it ("billion" near "GDP"), which are evidence enough for FF001. Raise it with
    `--severity FF003=warning` for copy known to come from German machine translation.
    Example: "The project eventually failed" -> noted: right if it renders "schließlich".""",
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

    rules: ClassVar[tuple[RuleMeta, ...]] = (SUSPECTED, CONFIRMED, EVERYDAY)

    def __init__(self, resources: Resources) -> None:
        entries = list(resources.glossary.of_kind(Kind.FALSE_FRIEND))
        self._wrong: FormMatcher[Entry] = FormMatcher(
            [(form, False, e) for e in entries for form in e.wrong]
        )
        self._triggers = source_matcher(entries)
        self._target_lexicon = resources.target_lexicon
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

    def _everyday(self, english: str, entry: Entry) -> bool:
        """A single word English uses so often in its own sense that, without a source or
        words the entry wants near it, it is only a note (see FF003)."""
        near = entry.context is not None and entry.context.near
        return (
            not near and english.isalpha() and self._target_lexicon.zipf(english) >= _EVERYDAY_ZIPF
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
                    EVERYDAY if self._everyday(english, entry) else SUSPECTED,
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


# Zipf frequency from which a single English word is used in its own sense far more often than
# as a false friend ("become" 5.4, "eventually" 4.9, "actual" 4.85; "chef" 4.2 is not).
_EVERYDAY_ZIPF = 4.5


# Zipf frequency above which an English word is too common to stand for a false friend alone
# (from 6.6, after 6.1, high 5.8); "actually" (5.5) still does.
_LOOKALIKE_MAX_ZIPF = 5.6


def _head_words(entry: Entry) -> set[str]:
    """Words (4+ letters) shared by at least half of an entry's wrong forms: its lookalike."""
    forms = [set(form.casefold().split()) for form in entry.wrong]
    preferred = {w for form in entry.preferred for w in form.casefold().split()}
    counts = Counter(w for words in forms for w in words if len(w) >= 4 and w.isalpha())
    return {w for w, n in counts.items() if 2 * n >= len(forms) and w not in preferred}
