"""Which rules run and at what severity: select/ignore by code, code prefix or name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from audit.model import RuleMeta, Severity


class SelectionError(ValueError):
    """A rule reference that matches no rule, or a bad severity."""


def _matches(rule: RuleMeta, reference: str) -> bool:
    ref = reference.strip()
    return rule.name == ref or rule.code.upper().startswith(ref.upper())


@dataclass(frozen=True, slots=True)
class RuleSelection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))

    def validate(self, rules: Iterable[RuleMeta]) -> None:
        rules = list(rules)
        for reference in (*self.select, *self.ignore, *self.severities):
            if not any(_matches(r, reference) for r in rules):
                raise SelectionError(f"unknown rule {reference!r} (see 'tqa rules')")

    def enabled(self, rule: RuleMeta) -> bool:
        if self.select and not any(_matches(rule, ref) for ref in self.select):
            return False
        return not any(_matches(rule, ref) for ref in self.ignore)

    def severity(self, rule: RuleMeta) -> Severity:
        for reference, severity in self.severities.items():
            if _matches(rule, reference):
                return severity
        return rule.severity


def parse_severity_overrides(items: Iterable[str]) -> dict[str, Severity]:
    """``RULE=level`` pairs from the command line."""
    overrides: dict[str, Severity] = {}
    for item in items:
        reference, sep, level = item.partition("=")
        try:
            overrides[reference.strip()] = Severity(level.strip().lower())
        except ValueError:
            sep = ""
        if not sep or not reference.strip():
            raise SelectionError(f"--severity expects RULE=error|warning|info, got {item!r}")
    return overrides
