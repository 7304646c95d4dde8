"""Is everything translated, and nothing more? Empty targets and length-ratio outliers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, clip, finding, rule
from audit.lengthmodel import load_length_model
from audit.model import Finding, RuleMeta, Segment, Severity

EMPTY = rule(
    "SEG001",
    "empty-target",
    "accuracy/omission",
    Severity.ERROR,
    """A segment whose source has text has an empty translation.

    Typical of a translation file handed over before it was finished (an XLIFF target never
    filled in, a PO entry with an empty msgstr).
    Example: source "Keine Entspannung in Sicht", target "".""",
)
OMISSION = rule(
    "LEN001",
    "possible-omission",
    "accuracy/omission",
    Severity.WARNING,
    """The translation is far shorter than its source: part of it may be missing.

    The length model (English characters per German character and its variance) was estimated
    on 3,009 professionally translated German-English sentence pairs; a segment is reported when
    its length is more than 3.3 standard deviations below the expected length and at least 20
    characters short, which flags about 1 in 1,000 correct translations (model and thresholds in
    audit/data/length/). Language pairs without a length model get no length rules.
    Example: "Russland verstärkt seit Monaten seine Truppen an der ukrainischen Grenze, und der
    Kreml verschärft seine Drohungen." -> "Russia has been increasing its troops.\"""",
)
ADDITION = rule(
    "LEN002",
    "possible-addition",
    "accuracy/addition",
    Severity.WARNING,
    """The translation is far longer than its source: something may have been added.

    Same length model as LEN001; reported beyond 3.6 standard deviations above the expected
    length (about 2 in 1,000 correct translations, where explanations are sometimes added).
    Example: "Ein Termin steht noch nicht fest." -> "A date has not been set yet, and the
    spokesman refused to say when the ministers would meet or who would attend.\"""",
)


class Completeness:
    """SEG001 on empty targets; LEN001/LEN002 on length-ratio outliers against the source."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (EMPTY, OMISSION, ADDITION)
    audits_empty: ClassVar[bool] = True

    def __init__(self, resources: Resources) -> None:
        self._model = load_length_model(resources.source_lang, resources.target_lang)

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        source = segment.source
        if source is None or not source.strip():
            return
        target = segment.text.strip()
        if not target:
            yield finding(
                EMPTY,
                segment,
                0,
                len(segment.text),
                f'the translation is empty; the source reads "{clip(source, 80)}"',
            )
            return
        model = self._model
        if model is None:
            return
        start = len(segment.text) - len(segment.text.lstrip())
        source_length, target_length = len(source.strip()), len(target)
        z = model.z(source_length, target_length)
        expected = round(model.ratio * source_length)
        difference = abs(target_length - expected)
        if difference < model.min_difference:
            return
        evidence = {"z": f"{z:.2f}", "expected_length": str(expected)}
        if z <= model.omission_z:
            yield finding(
                OMISSION,
                segment,
                start,
                start + target_length,
                f"the translation has {target_length} characters where about {expected} are "
                "expected from the source: part of it may be missing",
                evidence=evidence,
            )
        elif z >= model.addition_z:
            yield finding(
                ADDITION,
                segment,
                start,
                start + target_length,
                f"the translation has {target_length} characters where about {expected} are "
                "expected from the source: something may have been added",
                evidence=evidence,
            )
