"""The registry: every check, in priority order (earlier wins when two flag the same span)."""

from __future__ import annotations

from audit.checks.alignment import Alignment
from audit.checks.artefacts import Boilerplate, Duplicates
from audit.checks.base import DocumentCheck, SegmentCheck
from audit.checks.casing import Casing
from audit.checks.completeness import Completeness
from audit.checks.consistency import Consistency
from audit.checks.correspondence import Correspondence
from audit.checks.entities import NamePreservation
from audit.checks.false_friends import FalseFriends
from audit.checks.locale import LocaleConventions
from audit.checks.markup import Markup
from audit.checks.names import GermanTransliteration, GlossaryNames
from audit.checks.numbers import NumberAgreement
from audit.checks.punctuation import Punctuation
from audit.checks.reference import ReferenceDistance
from audit.checks.spelling import Spelling
from audit.checks.terminology import Terminology
from audit.checks.typography import Typography
from audit.checks.untranslated import Untranslated
from audit.model import RuleMeta

CHECKS: tuple[type[SegmentCheck] | type[DocumentCheck], ...] = (
    Boilerplate,
    Alignment,
    Completeness,
    Correspondence,
    NumberAgreement,
    NamePreservation,
    Terminology,
    GlossaryNames,
    FalseFriends,
    LocaleConventions,
    Untranslated,
    GermanTransliteration,
    Spelling,
    Markup,
    Punctuation,
    Casing,
    Typography,
    Duplicates,
    Consistency,
    ReferenceDistance,
)


def is_document_check(check: type[SegmentCheck] | type[DocumentCheck]) -> bool:
    return hasattr(check, "check_document")


ALL_RULES: tuple[RuleMeta, ...] = tuple(meta for check in CHECKS for meta in check.rules)
