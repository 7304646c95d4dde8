"""JUnit XML: findings as test results, for CI systems that show a test report and little else.

Each audited file is a test suite; each finding is a test case named ``CODE line:col``.
Errors and warnings are failures (the text needs an editor); info findings are passing cases
whose note is in ``<system-out>``, so they are visible without turning the build red. A file
with no findings gets one passing case, so a clean file still shows up, and each unit a reader
did not audit (a fuzzy PO entry, say) is a skipped case with the reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

from audit.model import FileResult, Finding, RunResult, Severity
from audit.reporters.sarif import finding_message

FAILING = frozenset({Severity.ERROR, Severity.WARNING})
CLEAN_CASE = "no findings"

# Characters XML 1.0 cannot carry at all, escaped or not: most C0 controls, lone surrogates,
# U+FFFE and U+FFFF. They are dropped; tab, line feed and carriage return survive.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _details(file: FileResult, item: Finding) -> str:
    lines = [
        f"{file.document.path}:{item.line}:{item.column} {item.severity.value} "
        f"{item.rule} {item.name} ({item.category})",
        f"flagged: {item.text}",
        item.message,
    ]
    lines.extend(f"suggestion: {s}" for s in item.suggestions)
    return xml_safe("\n".join(lines))


_COUNTS = ("tests", "failures", "errors", "skipped")


def _counts(file: FileResult) -> Counter[str]:
    """A suite's totals, which its opening tag carries before any of its cases is written."""
    counts: Counter[str] = Counter()
    for item in file.findings:
        counts["tests"] += 1
        counts["failures"] += item.severity in FAILING
    counts["tests"] += len(file.document.skipped) + (0 if counts["tests"] else 1)
    counts["skipped"] += len(file.document.skipped)
    return counts


def _case(path: str, name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": xml_safe(path), "name": xml_safe(name)})


def _cases(file: FileResult) -> Iterator[ET.Element]:
    path = file.document.path
    names: Counter[str] = Counter()
    for item in file.findings:
        name = f"{item.rule} {item.line}:{item.column}"
        names[name] += 1
        # Two findings of one rule at one spot would otherwise share a name, and some CI
        # viewers merge cases by name.
        case = _case(path, name if names[name] == 1 else f"{name} #{names[name]}")
        if item.severity in FAILING:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": xml_safe(finding_message(item)), "type": item.severity.value},
            )
            failure.text = _details(file, item)
        else:
            ET.SubElement(case, "system-out").text = _details(file, item)
        yield case
    for unit in file.document.skipped:
        case = _case(path, f"unit {unit.id} {unit.line}:{unit.column}")
        ET.SubElement(case, "skipped", {"message": xml_safe(unit.reason)})
        yield case
    if not file.findings:
        yield _case(path, CLEAN_CASE)


def _tag(name: str, attributes: dict[str, str]) -> str:
    """An opening tag, written by ElementTree so its quoting is the cases' own."""
    empty = ET.tostring(ET.Element(name, attributes), encoding="unicode")
    return empty.removesuffix(" />") + ">"


def _totals(counts: Counter[str]) -> dict[str, str]:
    return {key: str(counts[key]) for key in _COUNTS}


def render_junit(result: RunResult) -> str:
    return "".join(iter_junit(result))


def iter_junit(result: RunResult) -> Iterator[str]:
    """The report case by case, indented two spaces a level: a large report is never whole.

    The totals come first in the opening tags, so the findings are read once to count them
    and again to write them.
    """
    counts = [_counts(file) for file in result.files]
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    root = {"name": "tqa", **_totals(sum(counts, Counter()))}
    if not result.files:
        yield ET.tostring(ET.Element("testsuites", root), encoding="unicode") + "\n"
        return
    yield _tag("testsuites", root) + "\n"
    for file, file_counts in zip(result.files, counts, strict=True):
        suite = {"name": xml_safe(file.document.path), **_totals(file_counts)}
        yield "  " + _tag("testsuite", suite) + "\n"
        for case in _cases(file):
            ET.indent(case, level=2)
            yield "    " + ET.tostring(case, encoding="unicode") + "\n"
        yield "  </testsuite>\n"
    yield "</testsuites>\n"
