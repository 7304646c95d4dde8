"""The registry: every check, in priority order (earlier wins when two flag the same span)."""

from __future__ import annotations

from audit.checks.artefacts import Boilerplate, Duplicates
from audit.checks.base import DocumentCheck, SegmentCheck
from audit.checks.false_friends import FalseFriends
from audit.checks.locale import LocaleConventions
from audit.checks.names import GermanTransliteration, GlossaryNames
from audit.checks.terminology import Terminology
from audit.checks.untranslated import Untranslated
from audit.model import RuleMeta

SEGMENT_CHECKS: tuple[type[SegmentCheck], ...] = (
    Terminology,
    GlossaryNames,
    FalseFriends,
    LocaleConventions,
    Boilerplate,
    Untranslated,
    GermanTransliteration,
)
DOCUMENT_CHECKS: tuple[type[DocumentCheck], ...] = (Duplicates,)

ALL_RULES: tuple[RuleMeta, ...] = tuple(
    [meta for check in SEGMENT_CHECKS for meta in check.rules]
    + [meta for check in DOCUMENT_CHECKS for meta in check.rules]
)
