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


def _case(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": xml_safe(path), "name": xml_safe(name)})


def _suite(file: FileResult) -> tuple[ET.Element, Counter[str]]:
    path = file.document.path
    suite = ET.Element("testsuite", {"name": xml_safe(path)})
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for item in file.findings:
        name = f"{item.rule} {item.line}:{item.column}"
        names[name] += 1
        # Two findings of one rule at one spot would otherwise share a name, and some CI
        # viewers merge cases by name.
        case = _case(suite, path, name if names[name] == 1 else f"{name} #{names[name]}")
        counts["tests"] += 1
        if item.severity in FAILING:
            counts["failures"] += 1
            failure = ET.SubElement(
                case,
                "failure",
                {"message": xml_safe(finding_message(item)), "type": item.severity.value},
            )
            failure.text = _details(file, item)
        else:
            ET.SubElement(case, "system-out").text = _details(file, item)
    for unit in file.document.skipped:
        case = _case(suite, path, f"unit {unit.id} {unit.line}:{unit.column}")
        ET.SubElement(case, "skipped", {"message": xml_safe(unit.reason)})
        counts["tests"] += 1
        counts["skipped"] += 1
    if not file.findings:
        _case(suite, path, CLEAN_CASE)
        counts["tests"] += 1
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
    return suite, counts


def render_junit(result: RunResult) -> str:
    root = ET.Element("testsuites", {"name": "tqa"})
    totals: Counter[str] = Counter()
    suites = []
    for file in result.files:
        suite, counts = _suite(file)
        suites.append(suite)
        totals.update(counts)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(totals[key]))
    root.extend(suites)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
