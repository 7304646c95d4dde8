"""Propose glossary entries from post-edits: corrections an editor made again and again.

Each machine translation is diffed against its post-edit word by word (``audit.diff``); every
changed span is an edit "machine phrase -> post-edited phrase". An edit is worth a glossary
entry only when the same correction recurs, so identical edits are counted across the corpus
(once per segment) and only those seen in at least ``min_count`` segments are proposed.

What an edit is, and what is left out:

- Texts are aligned ignoring case, so a change of case alone is no edit ("German chancellor" ->
  "German Chancellor"): glossary terms match case-insensitively, so such an entry would flag
  its own preferred form. Phrases keep their case; whitespace is collapsed.
- Punctuation at either end of a changed span is trimmed off; a change of punctuation or
  spacing only („…“ -> “…”, "U.S." -> "US", "year-on-year" -> "year on year") is dropped.
- A pure omission or addition ("The police" -> "Police", "without result" -> "without a
  result") is dropped: a glossary entry needs a wrong form, and making one out of the
  neighbouring words would flag correct text.
- A change made only of function words ("the" -> "a") says nothing on its own: it is widened
  by one word of context on each side ("present the compromise" -> "present a compromise"),
  which recurs only when the same phrase is corrected the same way. Still only function words
  after widening: dropped.
- An edit whose machine phrase occurs inside the post-edited phrase is dropped: the entry would
  flag its own preferred form.
- Phrases the glossary form syntax cannot express (``|``, ``*``, a ``...`` word) are dropped.
- An edit is not proposed when the editors left the machine phrase unchanged in at least as
  many other segments as they corrected it: they do not agree it is wrong.

With sources, a proposal names the source word(s) behind the edit when one answer stands out:
the source words (not function words) present in every corrected segment's source, allowing
for inflection (``Generalsekretär``/``Generalsekretärs`` give ``Generalsekretär*``). The
rarest of them in the whole source corpus is taken together with the shared words right beside
it ("Dmitri Kosak"); that phrase must be found in every corrected segment's source, and most
source segments containing it must carry the edit. Otherwise the hint is omitted,
because a wrong source form in a glossary makes the terminology check raise false warnings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audit.diff import Token, token_diff, tokenize
from audit.forms import FormError, form_regex, validate_form
from audit.glossary import COLUMNS
from audit.resources import data_file

# A proposal shows this many example segments.
MAX_EXAMPLES = 3

# Inflected forms of one source word: a shared stem of at least this many letters ...
_MIN_STEM = 4
# ... followed by endings of at most this many letters each (Generalsekretär|s, Regierung|en).
_MAX_ENDING = 3

_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"\w")
# Characters and words the glossary cell and form syntax give a meaning of their own.
_UNSAFE = re.compile(r"[|*\t]|(?:^|\s)\.\.\.(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Example:
    segment_id: str
    machine: str
    post_edit: str


@dataclass(frozen=True, slots=True)
class Proposal:
    wrong: str  # the machine phrase
    preferred: str  # what the editors wrote instead
    count: int  # segments in which this exact correction was made
    examples: tuple[Example, ...]
    source: str | None = None  # the source form behind the edit, when one stands out
    kept: int = 0  # other segments where the machine phrase was left unchanged


@dataclass(frozen=True, slots=True)
class _Segment:
    id: str
    machine: str
    post_edit: str
    source: str | None


def _word_list(lang: str) -> frozenset[str]:
    path = data_file("lexicon", f"{lang}-function-words.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().casefold() for ln in lines if ln.strip() and ln[0] != "#")


def _phrase(text: str, tokens: Sequence[Token], start: int, end: int) -> str:
    return _SPACE.sub(" ", text[tokens[start].start : tokens[end - 1].end])


def _expressible(phrase: str, wildcard: bool = False) -> bool:
    """Whether the glossary can hold ``phrase`` literally (``wildcard``: a final ``*`` allowed)."""
    if _UNSAFE.search(phrase.replace("*", "") if wildcard else phrase):
        return False
    try:
        validate_form(phrase)
    except FormError:
        return False
    return True


def _trim(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    while start < end and not tokens[start].is_word:
        start += 1
    while end > start and not tokens[end - 1].is_word:
        end -= 1
    return start, end


def _stem_match(first: str, second: str) -> int | None:
    """Length of the stem two spellings share as inflected forms of one word, or None."""
    a, b = first.lower(), second.lower()
    if a == b:
        return len(a)
    if len(a) != len(first) or len(b) != len(second):
        return None  # lower() changed the length: offsets would not line up
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    if shared >= _MIN_STEM and len(a) - shared <= _MAX_ENDING and len(b) - shared <= _MAX_ENDING:
        return shared
    return None


class _Learner:
    """Holds the function-word lists for one run; finds, counts and filters edits."""

    def __init__(self, source_lang: str, target_lang: str) -> None:
        self.target_function = _word_list(target_lang)
        self.source_function = _word_list(source_lang)

    def _is_content(self, token: Token) -> bool:
        return token.is_word and token.text.casefold() not in self.target_function

    def edits(self, machine: str, post_edit: str) -> set[tuple[str, str]]:
        """The distinct (machine phrase, post-edited phrase) edits of one segment."""
        hyp, ref = tokenize(machine), tokenize(post_edit)
        found: set[tuple[str, str]] = set()
        for op in token_diff(hyp, ref, fold_case=True):
            if op.tag == "equal":
                continue
            h0, h1 = _trim(hyp, op.hyp_from, op.hyp_to)
            r0, r1 = _trim(ref, op.ref_from, op.ref_to)
            if h0 == h1 or r0 == r1:
                continue  # an omission or addition: no wrong form to put in a glossary
            if not any(self._is_content(t) for t in (*hyp[h0:h1], *ref[r0:r1])):
                widened = self._widen(hyp, ref, op.hyp_from, op.hyp_to, op.ref_from, op.ref_to)
                if widened is None:
                    continue
                h0, h1, r0, r1 = widened
            wrong, preferred = _phrase(machine, hyp, h0, h1), _phrase(post_edit, ref, r0, r1)
            if self._acceptable(wrong, preferred):
                found.add((wrong, preferred))
        return found

    def _widen(
        self, hyp: Sequence[Token], ref: Sequence[Token], h0: int, h1: int, r0: int, r1: int
    ) -> tuple[int, int, int, int] | None:
        # The tokens just outside a change are equal on both sides (changes never touch).
        if h0 > 0 and r0 > 0 and hyp[h0 - 1].is_word:
            h0, r0 = h0 - 1, r0 - 1
        if h1 < len(hyp) and r1 < len(ref) and hyp[h1].is_word:
            h1, r1 = h1 + 1, r1 + 1
        h0, h1 = _trim(hyp, h0, h1)
        r0, r1 = _trim(ref, r0, r1)
        if h0 == h1 or r0 == r1:
            return None
        if not any(self._is_content(t) for t in (*hyp[h0:h1], *ref[r0:r1])):
            return None
        return h0, h1, r0, r1

    @staticmethod
    def _acceptable(wrong: str, preferred: str) -> bool:
        def letters(text: str) -> str:
            return "".join(_LETTER.findall(text.casefold()))

        if letters(wrong) == letters(preferred):
            return False  # only case, punctuation or spacing changed (U.S./US, year-on-year)
        if not (_expressible(wrong) and _expressible(preferred)):
            return False
        return re.search(form_regex(wrong), preferred, re.IGNORECASE) is None

    def source_hint(
        self, occurrences: Sequence[_Segment], corpus: Sequence[_Segment]
    ) -> str | None:
        sources = [s.source for s in occurrences]
        if not sources or any(s is None for s in sources):
            return None
        token_lists = [self._source_content(s) for s in sources if s is not None]
        candidates: list[tuple[int, str]] = []  # (token index in the first source, form)
        first_tokens = tokenize(sources[0] or "")
        for index, token in enumerate(first_tokens):
            if not self._is_source_content(token):
                continue
            form = self._shared_form(token.text, token_lists[1:])
            if form is not None:
                candidates.append((index, form))
        if not candidates:
            return None
        all_sources = [s.source for s in corpus if s.source is not None]
        frequency = {form: _frequency(form, all_sources) for _, form in candidates}
        rarest = min(frequency.values())
        # The rarest shared words, widened to the run of shared words around them ("Dmitri"
        # is rarer than "Kosak", but the name is "Dmitri Kosak").
        runs: list[list[tuple[int, str]]] = []
        for index, form in candidates:
            if runs and runs[-1][-1][0] == index - 1:
                runs[-1].append((index, form))
            else:
                runs.append([(index, form)])
        holding = [run for run in runs if any(frequency[form] == rarest for _, form in run)]
        if len(holding) != 1:
            return None
        hint = " ".join(form for _, form in holding[0])
        pattern = re.compile(form_regex(hint), re.IGNORECASE)
        if not all(pattern.search(s or "") for s in sources):
            return None
        with_hint = sum(1 for s in all_sources if pattern.search(s))
        # Most appearances of the source words must come with the correction.
        if len(occurrences) * 2 <= with_hint:
            return None
        return hint if _expressible(hint, wildcard=True) else None

    def _is_source_content(self, token: Token) -> bool:
        return (
            any(c.isalpha() for c in token.text)
            and len(token.text) > 1
            and token.text.casefold() not in self.source_function
        )

    def _source_content(self, text: str) -> list[str]:
        return [t.text for t in tokenize(text) if self._is_source_content(t)]

    @staticmethod
    def _shared_form(word: str, others: Sequence[Sequence[str]]) -> str | None:
        """``word`` itself, or its stem plus ``*``, when every other source has a form of it."""
        stem, exact = len(word), True
        for tokens in others:
            if any(t.lower() == word.lower() for t in tokens):
                continue
            lengths = [n for n in (_stem_match(word, t) for t in tokens) if n is not None]
            if not lengths:
                return None
            stem, exact = min(stem, max(lengths)), False
        return word if exact else word[:stem] + "*"


def _frequency(form: str, sources: Sequence[str]) -> int:
    pattern = re.compile(form_regex(form), re.IGNORECASE)
    return sum(1 for s in sources if pattern.search(s))


def propose(
    pairs: Iterable[tuple[str, str, str | None]],
    min_count: int = 2,
    *,
    ids: Sequence[str] | None = None,
    source_lang: str = "de",
    target_lang: str = "en",
) -> list[Proposal]:
    """Recurring corrections in (machine translation, post-edit, optional source) triples.

    ``ids`` names the segments in examples (default: their 1-based position). Proposals come
    most frequent first.
    """
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    triples = list(pairs)
    if ids is not None and len(ids) != len(triples):
        raise ValueError(f"{len(ids)} ids for {len(triples)} segments")
    corpus = [
        _Segment(ids[i] if ids is not None else str(i + 1), mt, pe, src)
        for i, (mt, pe, src) in enumerate(triples)
    ]
    learner = _Learner(source_lang, target_lang)
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, segment in enumerate(corpus):
        for edit in sorted(learner.edits(segment.machine, segment.post_edit)):
            seen[edit].append(index)
    proposals: list[Proposal] = []
    for (wrong, preferred), where in seen.items():
        if len(where) < min_count:
            continue
        kept = _kept(wrong, corpus, set(where))
        if kept >= len(where):
            continue
        occurrences = [corpus[i] for i in where]
        proposals.append(
            Proposal(
                wrong=wrong,
                preferred=preferred,
                count=len(where),
                examples=tuple(
                    Example(s.id, s.machine, s.post_edit) for s in occurrences[:MAX_EXAMPLES]
                ),
                source=learner.source_hint(occurrences, corpus),
                kept=kept,
            )
        )
    proposals.sort(key=lambda p: (-p.count, p.wrong.casefold(), p.preferred.casefold()))
    return proposals


def _kept(wrong: str, corpus: Sequence[_Segment], corrected: set[int]) -> int:
    """Segments, other than the corrected ones, whose post-edit keeps the machine phrase."""
    pattern = re.compile(form_regex(wrong), re.IGNORECASE)
    return sum(
        1
        for i, s in enumerate(corpus)
        if i not in corrected and pattern.search(s.machine) and pattern.search(s.post_edit)
    )


def _cell(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def to_glossary_tsv(proposals: Iterable[Proposal]) -> str:
    """The proposals as a glossary file (kind ``term``) that ``tqa glossary check`` accepts."""
    lines = [
        "# Proposed by `tqa learn` from recurring post-edit corrections.",
        "# Review every entry before adding it to a glossary: a frequent edit is not always a rule.",
        "\t".join(COLUMNS),
    ]
    for p in proposals:
        ids = ", ".join(_cell(e.segment_id) for e in p.examples)
        where = "segment" if len(p.examples) == 1 else "segments"
        note = f"learned from {p.count} post-edits, e.g. {where} {ids}"
        if p.kept:
            note += f"; left unchanged in {p.kept}"
        row = {
            "kind": "term",
            "source": p.source or "",
            "preferred": p.preferred,
            "wrong": p.wrong,
            "context": "",
            "note": note,
        }
        lines.append("\t".join(_cell(row[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"
