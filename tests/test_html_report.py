"""The HTML report in a real browser: it loads cleanly and offline, its controls work, and
nothing in the audited text or in the findings can run or restyle the page."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import Watch, chromium_fixture, watched_page  # noqa: F401 - the fixture "chromium"
from conftest import SAMPLES, run_cli

from audit.diff import word_diff
from audit.engine import Auditor, run
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import (
    Document,
    FileResult,
    Finding,
    RuleMeta,
    RunResult,
    Segment,
    Severity,
)
from audit.readers import load_document
from audit.reporters.html import (
    _pairs,
    _pieces,
    render_html,
    report_names,
    script_json,
    write_html_dir,
)
from audit.selection import RuleSelection

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Markup, script and template syntax an article or a rule message might carry.
PAYLOADS = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '<a href="javascript:window.__pwned=1">go</a>',
    "javascript:alert(1)",
    "</textarea>",
    "{{ 7*7 }}",
    "</script>",
    "</style><style>body{display:none}</style>",
    "<!-- x -->",
)


def _page_bits(page_html: str) -> tuple[str, str, str]:
    """(the CSP, the inline style, the inline script) of a report."""
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page_html)
    css = re.search(r"<style>(.*?)</style>", page_html, re.S)
    js = re.search(r"<script>(.*?)</script>", page_html, re.S)
    assert csp and css and js
    return html.unescape(csp.group(1)), css.group(1), js.group(1)


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# --- reports under test -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("sample") / "report.html"
    result = run_cli(
        [
            "check",
            SAMPLES / "article.en.txt",
            "--source",
            SAMPLES / "article.de.txt",
            "--reference",
            SAMPLES / "article.ref.en.txt",
            "--html",
            page,
            "--fail-on",
            "never",
        ]
    )
    assert result.exit_code == 0, result.output
    return page


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bitext audited by the real engine: each target repeats a word (TYPO001) next to a
    payload, which also sits in the source, the reference and the segment id."""
    folder = tmp_path_factory.mktemp("hostile")
    rows = [
        {
            "id": f"{i}{payload}",
            "source": f"Der Satz {payload} endet hier.",
            "target": f"The the sentence {payload} ends here.",
            "reference": f"The sentence {payload} stops here.",
        }
        for i, payload in enumerate(PAYLOADS)
    ]
    # Markup the source lacks: the engine's own messages then quote the payload.
    rows.append(
        {
            "id": "quoted",
            "source": "Der Satz endet hier.",
            "target": f"The sentence {PAYLOADS[0]} {PAYLOADS[1]} ends here.",
        }
    )
    bitext = folder / 'x<b>"y.jsonl'
    bitext.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    page = folder / "report.html"
    result = run_cli(["check", bitext, "--html", page, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return page


HOSTILE_MESSAGE = " ".join(PAYLOADS)
HOSTILE_SUGGESTIONS = PAYLOADS[:4]


def _handmade_result() -> RunResult:
    """A result no engine would produce: every string field carries payloads."""
    text = f"Intro {PAYLOADS[0]} and {PAYLOADS[7]} outro."
    segment = Segment(
        id='seg"<1>',
        text=text,
        source=f"Quelle {PAYLOADS[1]}",
        reference=f"Intro {PAYLOADS[2]} outro.",
    )
    start = text.index(PAYLOADS[0])
    meta = RuleMeta(
        'X<1>"',
        "<b>name</b>",
        "cat/<i>x</i>",
        Severity.ERROR,
        f"summary {PAYLOADS[5]}",
        f"explanation {PAYLOADS[6]}",
    )
    found = Finding(
        rule=meta.code,
        name=meta.name,
        category=meta.category,
        severity=Severity.ERROR,
        segment=segment.id,
        line=1,
        column=start + 1,
        start=start,
        end=start + len(PAYLOADS[0]),
        text=PAYLOADS[0],
        message=HOSTILE_MESSAGE,
        suggestions=HOSTILE_SUGGESTIONS,
    )
    document = Document(path="<script>alert(1)</script>.txt", segments=(segment,))
    file = FileResult(
        document, (found,), 6, diffs={segment.id: word_diff(text, segment.reference or "")}
    )
    signature = {"tool": PAYLOADS[0], "rules": PAYLOADS[1], "glossaries": f"g#{PAYLOADS[2]}"}
    return RunResult((file,), (meta,), signature)


@pytest.fixture(scope="module")
def handmade_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("handmade") / "report.html"
    page.write_text(render_html(_handmade_result()), encoding="utf-8")
    return page


@pytest.fixture()
def sample(chromium: Browser, sample_report: Path) -> Iterator[Watch]:
    with watched_page(chromium, sample_report) as watch:
        yield watch


def _findings(watch: Watch) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = watch.page.evaluate(
        "JSON.parse(document.getElementById('tqa-data').textContent).findings"
    )
    return data


def _visible_rows(watch: Watch) -> list[int]:
    numbers: list[int] = watch.page.eval_on_selector_all(
        "tr.finding-row", "rows => rows.filter(r => !r.hidden).map(r => Number(r.dataset.n))"
    )
    return numbers


def _current(watch: Watch) -> list[int]:
    numbers: list[int] = watch.page.eval_on_selector_all(
        "tr.finding-row.current", "rows => rows.map(r => Number(r.dataset.n))"
    )
    return numbers


def _status(watch: Watch) -> str:
    """The status line once the (asynchronous) copy has reported."""
    # a selector wait: the page's CSP forbids the eval a wait_for_function would need
    watch.page.locator("#status:not(:empty)").wait_for()
    return watch.page.locator("#status").inner_text()


# --- the page as written ----------------------------------------------------------------------


def test_the_policy_allows_only_the_page_own_style_and_script(sample_report: Path) -> None:
    content = sample_report.read_text(encoding="utf-8")
    csp, css, js = _page_bits(content)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives == {
        "default-src": "'none'",
        "style-src": f"'{_digest(css)}'",
        "script-src": f"'{_digest(js)}'",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    # The data block is inert JSON; the script never builds markup from strings.
    assert '<script type="application/json" id="tqa-data">' in content
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    assert "</" not in js and "<!--" not in js


def test_script_json_cannot_end_its_script_block() -> None:
    data = {"text": "</script><!-- <script> & \u2028\u2029 ok", "n": [1, 2]}
    encoded = str(script_json(data))
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == data


def test_overlapping_and_empty_spans_become_flat_pieces() -> None:
    segment = Segment(id="1", text="abcdefgh")

    def hit(start: int, end: int, severity: Severity) -> Finding:
        return Finding("R", "r", "c", severity, "1", 1, 1, start, end, "", "m")

    numbered = [
        (1, hit(0, 4, Severity.INFO)),
        (2, hit(2, 6, Severity.ERROR)),
        (3, hit(3, 3, Severity.WARNING)),
        (4, hit(5, 99, Severity.INFO)),  # past the end: clipped to the segment
    ]
    pieces = _pieces(segment, numbered)
    assert "".join(p.text for p in pieces) == segment.text
    assert [(p.text, p.findings, p.severity, p.point) for p in pieces] == [
        ("ab", (1,), "info", False),
        ("c", (1, 2), "error", False),
        ("", (3,), "warning", True),
        ("d", (1, 2), "error", False),
        ("e", (2,), "error", False),
        ("f", (2, 4), "error", False),
        ("gh", (4,), "info", False),
    ]
    assert [p.starts for p in pieces if p.starts] == [(1,), (2,), (3,), (4,)]


def test_an_untranslated_source_sentence_sits_where_it_belongs() -> None:
    sources = tuple(Segment(id=str(i), text=f"Satz {i}.", line=i) for i in range(1, 5))
    targets = (
        Segment(id="a", text="Sentence 1.", source_ids=("1",)),
        Segment(id="b", text="Sentence 3 and 4.", source_ids=("3", "4")),
        Segment(id="c", text="Added.", source_ids=()),
    )
    document = Document(
        "t.txt",
        targets,
        has_source=True,
        source_segments=sources,
        unaligned_source=("2",),
        unaligned_target=("c",),
    )
    result = FileResult(document, (), 6)
    pieces = {s.id: _pieces(s, []) for s in targets}
    rows = [(p.kind, p.target_id, p.source_ids, p.source) for p in _pairs(result, pieces)]
    assert rows == [
        ("aligned", "a", "1", "Satz 1."),
        ("unaligned-source", "", "2", "Satz 2."),
        ("aligned", "b", "3+4", "Satz 3. Satz 4."),
        ("added", "c", "", ""),
    ]


@pytest.mark.parametrize(
    "paths",
    [
        ["../../etc/passwd", "/etc/passwd", "passwd"],
        ["C:\\work\\a.md", "a.md", "A.md", "./a.md"],
        ["index", "index.html", ".hidden", "..", "", "CON", "nul.txt"],
        ["docs/de/x.md", "docs/en/x.md"],
        ["übersetzung.md", "日本語.md", "中文.md", "x" * 400 + ".md"],
    ],
)
def test_report_names_are_safe_distinct_files(paths: list[str]) -> None:
    names = report_names(paths)
    assert len(names) == len(paths)
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.html", name), name
        assert name.lower() != "index.html"
        assert len(name) <= 120
        assert name.split(".")[0].lower() not in {"con", "nul", "prn", "aux"}


def test_report_names_keep_what_tells_files_apart() -> None:
    assert report_names(["docs/de/x.md", "docs/en/x.md"]) == ["de__x.md.html", "en__x.md.html"]
    assert report_names(["/tmp/run/article.en.txt"]) == ["article.en.txt.html"]


# --- the sample article in the browser ----------------------------------------------------


def test_the_page_loads_cleanly_and_offline(sample: Watch) -> None:
    page = sample.page
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.locator("#position").inner_text() == f"– / {len(_findings(sample))}"
    assert page.locator("mark.finding").count() >= 10
    assert page.locator("svg.chart rect.bar").count() >= 3
    sample.assert_clean()


def test_severity_filter_changes_rows_and_counts(sample: Watch) -> None:
    page, findings = sample.page, _findings(sample)
    errors = [f["n"] for f in findings if f["severity"] == "error"]
    assert errors and len(errors) < len(findings)
    page.locator("input.sev-filter[value=error]").uncheck()
    rest = [f["n"] for f in findings if f["severity"] != "error"]
    assert _visible_rows(sample) == rest
    assert page.locator("#shown-count").inner_text() == str(len(rest))
    # each control counts what the other filters let through, so "error" keeps its number
    assert page.locator("[data-sev-count=error]").inner_text() == str(len(errors))
    assert page.locator("[data-file-count='0']").inner_text() == f"{len(rest)} of {len(findings)}"
    page.locator("input.sev-filter[value=error]").check()
    assert len(_visible_rows(sample)) == len(findings)
    sample.assert_clean()


def test_category_and_rule_filters(sample: Watch) -> None:
    page, findings = sample.page, _findings(sample)
    page.select_option("#filter-category", "accuracy/mistranslation")
    wanted = [f["n"] for f in findings if f["category"] == "accuracy/mistranslation"]
    assert _visible_rows(sample) == wanted
    assert page.locator("#shown-count").inner_text() == str(len(wanted))
    page.select_option("#filter-rule", "FF002")
    both = [n for n in wanted if findings[n - 1]["rule"] == "FF002"]
    assert _visible_rows(sample) == both and 0 < len(both) < len(wanted)
    # the rule list now counts within the chosen category
    label = page.locator("#filter-rule option[value=FF002]").inner_text()
    assert label.endswith(f"({len(both)})")
    # marks of filtered-out findings lose their highlight
    hidden = next(f["n"] for f in findings if f["category"] != "accuracy/mistranslation")
    assert "off" in (
        page.locator(f"mark.finding[data-f~='{hidden}']").first.get_attribute("class") or ""
    )
    page.select_option("#filter-category", "")
    page.select_option("#filter-rule", "")
    assert len(_visible_rows(sample)) == len(findings)


def test_search_box_filters_and_escape_clears(sample: Watch) -> None:
    page, findings = sample.page, _findings(sample)
    page.fill("#filter-search", "kozak")
    hits = [f["n"] for f in findings if "Kozak" in " ".join(f["suggestions"]) + f["message"]]
    assert hits and _visible_rows(sample) == hits
    assert page.locator("#shown-count").inner_text() == str(len(hits))
    page.fill("#filter-search", "no such words anywhere")
    assert _visible_rows(sample) == []
    assert page.locator("table.findings tr.empty").is_visible()
    page.locator("#filter-search").press("Escape")
    assert page.locator("#filter-search").input_value() == ""
    assert len(_visible_rows(sample)) == len(findings)


def test_clicking_a_finding_scrolls_to_and_highlights_its_span(sample: Watch) -> None:
    page, findings = sample.page, _findings(sample)
    n = next(f["n"] for f in findings if f["text"] == "Kosak")
    page.locator("#rules").scroll_into_view_if_needed()
    assert not sample.in_viewport(f"mark.finding[data-f~='{n}']")
    page.locator(f"#row-{n} td.what").click()
    mark = f"mark.finding[data-f~='{n}']"
    assert sample.in_viewport(mark)
    assert "current" in (page.locator(mark).first.get_attribute("class") or "")
    assert page.locator(mark).first.inner_text().startswith("Kosak")
    assert _current(sample) == [n]
    # focus shows the tip: message, suggestion and a link to the rule's explanation
    tip = page.locator(f"{mark} > .tip").first
    assert tip.is_visible()
    assert "Kozak" in tip.inner_text()
    tip.locator("a[href='#rule-NAME001']").click()
    assert sample.in_viewport("#rule-NAME001")
    sample.assert_clean()


def test_keyboard_and_buttons_step_through_findings(sample: Watch) -> None:
    page, findings = sample.page, _findings(sample)
    page.keyboard.press("j")
    assert _current(sample) == [1]
    assert page.locator("#position").inner_text() == f"1 / {len(findings)}"
    page.keyboard.press("j")
    page.keyboard.press("n")
    assert _current(sample) == [3]
    assert sample.in_viewport("mark.finding.current")
    page.keyboard.press("k")
    assert _current(sample) == [2]
    page.keyboard.press("p")
    page.keyboard.press("p")  # wraps round to the last
    assert _current(sample) == [len(findings)]
    page.click("#next-finding")
    assert _current(sample) == [1]
    page.click("#prev-finding")
    assert _current(sample) == [len(findings)]
    # with a filter on, stepping skips what is hidden
    page.locator("input.sev-filter[value=error]").uncheck()
    page.locator("body").press("j")
    warning = next(f["n"] for f in findings if f["severity"] != "error")
    assert _current(sample) == [warning]
    # in the search box the keys are text, not commands
    page.locator("#filter-search").press("j")
    assert page.locator("#filter-search").input_value() == "j"
    sample.assert_clean()


def test_side_by_side_pairs_the_right_sentences(sample: Watch) -> None:
    page = sample.page
    row = page.locator("table.pairs tr.pair", has_text="Accordingly, among the 105 attendees")
    assert row.count() == 1
    assert row.locator("td.src").inner_text().startswith("Demnach waren unter den 105 Teilnehmern")
    merged = page.locator("table.pairs tr.pair", has_text="In Eastern Europe alone, 13,000")
    assert "Hinzu kommen 200 Panzer" in merged.locator("td.src").inner_text()
    assert merged.locator("td.ids").inner_text() == "23+24"
    added = page.locator("table.pairs tr.pair.added")
    assert added.locator("td.tgt").inner_text() == "source site-34"
    assert "no source sentence" in added.locator("td.src").inner_text()


def test_diff_view_shows_the_reference_changes(sample: Watch) -> None:
    page = sample.page
    first = page.locator("table.diff tr.diff-row", has_text="Moscow warns NATO")
    assert first.locator("del").all_inner_texts() == ["relaxation"]
    assert first.locator("ins").all_inner_texts() == ["easing of tensions"]
    assert first.inner_text().split("\t")[-1].strip() == (
        "No relaxation easing of tensions in sight: Moscow warns NATO of armed conflict"
    )
    kozak = page.locator("table.diff tr.diff-row", has_text="Kosak")
    assert "envoy Dmitry Kozak" in kozak.locator("ins").all_inner_texts()


def test_copy_puts_the_suggestion_on_the_clipboard(chromium: Browser, sample_report: Path) -> None:
    with watched_page(
        chromium, sample_report, permissions=("clipboard-read", "clipboard-write")
    ) as watch:
        n = next(f["n"] for f in _findings(watch) if f["text"] == "General Secretary")
        watch.page.locator(f"#row-{n} button.copy").first.click()
        assert _status(watch) == "Copied “Secretary General”"
        assert watch.page.evaluate("navigator.clipboard.readText()") == "Secretary General"
        assert _current(watch) == []  # the copy button does not jump to the span
        watch.assert_clean()


@pytest.mark.parametrize(
    "breakage",
    [
        "Object.defineProperty(navigator, 'clipboard', {value: undefined})",
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () =>"
        " Promise.reject(new Error('denied'))}})",
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () =>"
        " { throw new Error('boom'); }}}); document.execCommand = () => false",
    ],
)
def test_copy_without_a_clipboard_api_does_not_throw(
    chromium: Browser, sample_report: Path, breakage: str
) -> None:
    with watched_page(chromium, sample_report, init_script=breakage) as watch:
        watch.page.locator("button.copy").first.click()
        assert "easing of tensions" in _status(watch)
        assert watch.page.locator("textarea").count() == 0  # the fallback cleans up
        watch.assert_clean()


def test_print_shows_every_finding_and_no_controls(sample: Watch) -> None:
    page, findings = sample.page, _findings(sample)
    page.locator("input.sev-filter[value=error]").uncheck()
    page.fill("#filter-search", "zzz")
    page.emulate_media(media="print")
    assert page.locator("tr.finding-row:visible").count() == len(findings)
    assert not page.locator("#toolbar").is_visible()
    assert not page.locator("button.copy").first.is_visible()
    assert not page.locator("table.findings tr.empty").is_visible()


def test_dark_mode_follows_the_system(chromium: Browser, sample_report: Path) -> None:
    def background(scheme: str) -> str:
        with watched_page(chromium, sample_report, color_scheme=scheme) as watch:
            colour: str = watch.page.evaluate("getComputedStyle(document.body).backgroundColor")
            return colour

    assert background("light") == "rgb(255, 255, 255)"
    assert background("dark") == "rgb(21, 23, 27)"


def test_a_narrow_window_still_scrolls_to_the_span(chromium: Browser, sample_report: Path) -> None:
    with watched_page(chromium, sample_report, width=600, height=700) as watch:
        n = len(_findings(watch))
        watch.page.locator("#rules").scroll_into_view_if_needed()
        watch.page.locator(f"#row-{n} a.loc").first.click()
        assert watch.in_viewport(f"mark.finding[data-f~='{n}']")
        watch.assert_clean()


def test_a_fingerprint_link_opens_its_finding(chromium: Browser, sample_report: Path) -> None:
    with watched_page(chromium, sample_report) as first:
        kozak = next(f for f in _findings(first) if f["text"] == "Kosak")
    with watched_page(chromium, sample_report, fragment=f"#fp-{kozak['fp']}") as watch:
        assert _current(watch) == [kozak["n"]]
        assert watch.in_viewport("mark.finding.current")
        watch.assert_clean()


def test_several_files_share_one_page(chromium: Browser, tmp_path: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    paths[0].write_text("The the cat sat on on the mat.\n", encoding="utf-8")
    paths[1].write_text("A dog dog barked.\n", encoding="utf-8")
    page_path = tmp_path / "both.html"
    page_path.write_text(render_html(_run_of(*paths)), encoding="utf-8")
    with watched_page(chromium, page_path) as watch:
        page = watch.page
        assert page.locator("section.file h2").all_inner_texts() == [str(p) for p in paths]
        assert page.locator("[data-file-count='0']").inner_text() == "2 of 2"
        assert page.locator("[data-file-count='1']").inner_text() == "1 of 1"
        page.fill("#filter-search", "dog")
        assert page.locator("[data-file-count='0']").inner_text() == "0 of 2"
        assert page.locator("section#file-0 tr.empty").is_visible()
        assert not page.locator("section#file-1 tr.empty").is_visible()
        page.locator("#filter-search").press("Escape")  # clears the search and leaves it
        for expected in (1, 2, 3):
            page.keyboard.press("j")
            assert _current(watch) == [expected]
        assert page.locator("section#file-1 mark.finding.current").count() == 1
        watch.assert_clean()


# --- hostile input ------------------------------------------------------------------------


def _assert_inert(watch: Watch) -> None:
    page = watch.page
    page.mouse.move(10, 10)
    for mark in page.locator("mark.finding").all()[:12]:
        mark.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert page.locator("h1").is_visible()
    assert page.locator("script").count() == 2
    assert page.locator("style").count() == 1
    assert page.locator("img, iframe, object, embed, textarea, form").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    watch.assert_clean()


def test_engine_findings_on_hostile_text_stay_text(chromium: Browser, hostile_report: Path) -> None:
    with watched_page(chromium, hostile_report) as watch:
        page = watch.page
        paragraphs = page.locator(".article p").all_inner_texts()
        sources = page.locator("table.pairs td.src").all_inner_texts()
        diffs = " ".join(page.locator("table.diff td.changes").all_inner_texts())
        for i, payload in enumerate(PAYLOADS):
            assert paragraphs[i] == f"The the sentence {payload} ends here."
            assert page.locator(".article p").nth(i).is_visible()
            assert f"Der Satz {payload} endet hier." in sources
            assert payload in diffs
        # messages the engine wrote about the markup show it as text
        quoting = [f for f in _findings(watch) if "<" in f["message"]]
        assert quoting
        for f in quoting:
            assert page.locator(f"#row-{f['n']} .message").inner_text() == f["message"]
        assert page.locator("tr.finding-row[data-rule=TYPO001]").count() == len(PAYLOADS)
        assert 'x<b>"y.jsonl' in page.locator("h2").first.inner_text()
        assert 'x<b>"y.jsonl' in page.title()
        # the data block survives </script> and <!-- inside the texts
        segments = {f["segment"] for f in _findings(watch)}
        assert {f"{i}{p}" for i, p in enumerate(PAYLOADS)} <= segments
        # filters and search work on text full of markup
        page.fill("#filter-search", "{")
        assert 0 < len(_visible_rows(watch)) < len(_findings(watch))
        page.keyboard.press("Enter")
        assert len(_current(watch)) == 1
        _assert_inert(watch)


def test_hostile_messages_and_suggestions_stay_text(
    chromium: Browser, handmade_report: Path
) -> None:
    with watched_page(
        chromium, handmade_report, permissions=("clipboard-read", "clipboard-write")
    ) as watch:
        page = watch.page
        row = page.locator("tr.finding-row").first
        assert row.locator("td.what .message").inner_text() == HOSTILE_MESSAGE
        assert row.locator("td.suggestion .fix").all_inner_texts() == list(HOSTILE_SUGGESTIONS)
        assert row.locator("td.rule").inner_text().startswith('X<1>"')
        page.select_option("#filter-category", "cat/<i>x</i>")
        assert _visible_rows(watch) == [1]
        page.select_option("#filter-rule", 'X<1>"')
        assert _visible_rows(watch) == [1]
        row.locator("td.what").click()
        tip = page.locator("mark.finding.current > .tip").first
        assert tip.is_visible()
        assert HOSTILE_MESSAGE in tip.inner_text()
        tip.locator("a").first.click()
        assert watch.in_viewport("article.rule")
        assert "explanation </script>" in page.locator("article.rule").inner_text()
        row.locator("button.copy").nth(1).click()
        assert _status(watch) == f"Copied “{HOSTILE_SUGGESTIONS[1]}”"
        assert page.evaluate("navigator.clipboard.readText()") == HOSTILE_SUGGESTIONS[1]
        footer = page.locator("footer").inner_text()
        assert PAYLOADS[0] in footer and PAYLOADS[1] in footer
        assert page.title() == "Translation audit: <script>alert(1)</script>.txt"
        paragraph = page.locator(".article p").first.inner_text()
        assert paragraph == f"Intro {PAYLOADS[0]} and {PAYLOADS[7]} outro."
        assert page.locator("table.pairs td.src").inner_text() == f"Quelle {PAYLOADS[1]}"
        _assert_inert(watch)


# --- a folder of reports --------------------------------------------------------------------


def test_html_dir_writes_one_report_per_file_and_an_index(
    chromium: Browser, tmp_path: Path
) -> None:
    first = tmp_path / "in" / "de" / "a.md"
    second = tmp_path / "in" / "en" / "a.md"
    for path, text in ((first, "The the cat sat.\n"), (second, "A clean sentence here.\n")):
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out" / "site"
    run = _run_of(first, second)
    written = write_html_dir(run, str(out))
    assert [Path(p).name for p in written] == ["de__a.md.html", "en__a.md.html", "index.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for p in written)
    index = out / "index.html"
    csp, css, _ = _page_bits(index.read_text(encoding="utf-8") + "<script></script>")
    assert f"style-src '{_digest(css)}'" in csp and "script-src" not in csp
    with watched_page(chromium, index) as watch:
        page = watch.page
        links = page.locator("table.index-table a")
        assert links.all_inner_texts() == [str(first), str(second)]
        totals = page.locator("tr.file-row td.total").all_inner_texts()
        assert totals == [str(len(f.findings)) for f in run.files]
        assert page.locator("tr.file-row td.score").first.inner_text() != "–"
        watch.assert_clean()
        links.first.click()
        page.wait_for_url("**/de__a.md.html")
        assert page.locator("h2").first.inner_text() == str(first)
        assert page.locator("tr.finding-row[data-rule=TYPO001]").count() == 1
        page.locator(".crumbs a").click()
        page.wait_for_url("**/index.html")
        assert watch.page_errors == [] and watch.console_errors == []
        assert all(url.startswith(out.as_uri()) for url in watch.requests)


def test_html_dir_keeps_every_report_inside_the_folder(tmp_path: Path) -> None:
    made = _handmade_result()
    file = made.files[0]
    files = tuple(
        replace(file, document=replace(file.document, path=path))
        for path in ("../../outside.txt", "/etc/passwd", "sub/../../x", "index", "INDEX")
    )
    out = tmp_path / "site"
    written = write_html_dir(replace(made, files=files), str(out))
    assert len(written) == len(files) + 1
    assert all(Path(p).resolve().parent == out.resolve() for p in written)
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    index = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"', index)
    assert hrefs == [Path(p).name for p in written[:-1]]


def _run_of(*paths: Path) -> RunResult:
    """Audit ``paths`` with the default setup, as ``tqa check`` would."""
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection())
    documents = [load_document(str(p), source_lang="de", target_lang="en") for p in paths]
    return run(documents, auditor, glossary)
