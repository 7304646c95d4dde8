"""Things a translation must carry over verbatim: links, addresses, tags and placeholders."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.model import Finding, RuleMeta, Segment, Severity

# MQM's "do not translate": content that had to stay as it was has been changed.
LINKS = rule(
    "MARK001",
    "url-email-mismatch",
    "accuracy/do-not-translate",
    Severity.ERROR,
    """A URL, e-mail address, #hashtag or @handle of the source is missing or changed in the
    target, or the target has one the source does not.

    Compared verbatim, except that host names, e-mail addresses, hashtags and handles ignore
    case and a trailing "/" or sentence punctuation after a URL does not count.
    Example: source "mehr unter www.bund.de/hilfe", target "more at www.bund.com/help" ->
    "more at www.bund.de/hilfe".""",
)
# MQM's "markup" covers tags and the inline codes of localisation formats.
PLACEHOLDERS = rule(
    "MARK002",
    "placeholder-mismatch",
    "design-and-markup/markup",
    Severity.ERROR,
    """The placeholders or inline tags of the target differ from those of the source.

    Compared as multisets: printf (%s, %d, %1$s), Python (%(name)s), braces ({0}, {name},
    {{name}}, ${name}, %{name}) and XML-like inline tags (<g id="1">, </g>, <x id="2"/>,
    <ph id="3"/>, <b>). The inner text of ICU plural and select messages is not compared.
    Example: source "%d Dateien gelöscht", target "Deleted files" -> "%d files deleted".""",
)

_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"“”‘’«»„]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_HASHTAG = r"(?<![\w&#/])#(?=\w*[^\W\d_])\w+"
_HANDLE = r"(?<![\w.@/])@(?=\w*[^\W\d_])\w+"
_LINKS = re.compile(
    f"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<hashtag>{_HASHTAG})|(?P<handle>{_HANDLE})"
)
_TRAILING = ".,;:!?'\"”’)]}»"
_SCHEME_HOST = re.compile(r"^((?:[a-z]+://)?[^/?#]*)", re.IGNORECASE)

_PLACEHOLDER = re.compile(
    r"%%"  # a literal percent sign, not a placeholder
    r"|%\([\w.-]+\)[-+#0 ]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|(?<![\d%])%(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?"
    r"[diouxXeEfFgGcsaAp@]"
    r"|[%$]\{\w+\}"
    r"|\{\{\s*[\w.]+\s*\}\}"
    r"|\{\w*(?:[:!][^{}\s]*)?\}"
    r"|</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>"
)
_TAG_SPACE = re.compile(r"\s+")
_TRIGGERS = ("%", "{", "<")
_LINK_TRIGGERS = ("://", "www.", "@", "#")


class Markup:
    """MARK001 and MARK002: verbatim tokens shared by source and target."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (LINKS, PLACEHOLDERS)

    def __init__(self, resources: Resources) -> None:
        # Nothing per run: the patterns are language-independent module constants.
        del resources

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        source = segment.source
        if source is None:
            return
        text = segment.text
        # Substring tests, each one pass in C: most segments hold no trigger at all.
        for trigger in _LINK_TRIGGERS:
            if trigger in text or trigger in source:
                yield from self._links(segment, source)
                break
        for trigger in _TRIGGERS:
            if trigger in text or trigger in source:
                yield from self._placeholders(segment, source)
                break

    def _links(self, segment: Segment, source: str) -> Iterator[Finding]:
        wanted = _links(source)
        found = _links(segment.text)
        missing = Counter(key for _, _, key, _ in wanted) - Counter(k for _, _, k, _ in found)
        extra = Counter(key for _, _, key, _ in found) - Counter(k for _, _, k, _ in wanted)
        if not missing and not extra:
            return
        originals = {key: token for token, _, key, _ in wanted}
        lost = [(kind, key) for _, kind, key, _ in wanted if _take(missing, key)]
        for token, kind, key, start in found:
            if extra[key] <= 0:
                continue
            extra[key] -= 1
            match = next((m for m in lost if m[0] == kind), None)
            if match is not None:
                lost.remove(match)
                original = originals[match[1]]
                message = f'{_NAMES[kind]} "{token}" differs from the source\'s "{original}"'
                suggestions = [original]
            else:
                message = f'{_NAMES[kind]} "{token}" is not in the source'
                suggestions = []
            yield finding(LINKS, segment, start, start + len(token), message, suggestions)
        if lost:
            names = ", ".join(f'"{originals[key]}"' for _, key in lost)
            start, end = _whole(segment.text)
            yield finding(
                LINKS,
                segment,
                start,
                end,
                f"missing from the target: {names}",
                evidence={"missing": names},
            )

    def _placeholders(self, segment: Segment, source: str) -> Iterator[Finding]:
        wanted = _placeholders(source)
        found = _placeholders(segment.text)
        missing = Counter(k for k, _, _ in wanted) - Counter(k for k, _, _ in found)
        extra = Counter(k for k, _, _ in found) - Counter(k for k, _, _ in wanted)
        if not missing and not extra:
            return
        lost = [key for key, _, _ in wanted if _take(missing, key)]
        listed = ", ".join(lost)
        reported = False
        for key, start, end in found:
            if extra[key] <= 0:
                continue
            extra[key] -= 1
            message = f'"{key}" is not among the source\'s placeholders'
            if listed:
                message += f"; missing: {listed}"
            suggestions = [lost[0]] if len(lost) == 1 else []
            yield finding(PLACEHOLDERS, segment, start, end, message, suggestions)
            reported = True
        if lost and not reported:
            start, end = _whole(segment.text)
            yield finding(
                PLACEHOLDERS,
                segment,
                start,
                end,
                f"missing from the target: {listed}",
                evidence={"missing": listed},
            )


_NAMES = {"url": "URL", "email": "e-mail address", "hashtag": "hashtag", "handle": "handle"}


def _take(counter: Counter[str], key: str) -> bool:
    """Use up one count of ``key``; whether there was one."""
    if counter[key] <= 0:
        return False
    counter[key] -= 1
    return True


def _whole(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return (start, end) if end > start else (0, len(text))


def _links(text: str) -> list[tuple[str, str, str, int]]:
    """(token, kind, comparison key, offset) of every link-like token."""
    result: list[tuple[str, str, str, int]] = []
    for match in _LINKS.finditer(text):
        kind = match.lastgroup or "url"
        token = match.group()
        if kind == "url":
            token = _trim_url(token)
        if not token:
            continue
        result.append((token, kind, _key(kind, token), match.start()))
    return result


def _trim_url(url: str) -> str:
    """A URL without the sentence punctuation after it (keeping balanced brackets)."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _key(kind: str, token: str) -> str:
    if kind != "url":
        return kind + ":" + token.casefold()
    host = _SCHEME_HOST.match(token)
    head = host.group(1) if host else ""
    return "url:" + (head.lower() + token[len(head) :]).rstrip("/")


def _placeholders(text: str) -> list[tuple[str, int, int]]:
    """(normalised token, start, end) of every placeholder and inline tag, URLs left out."""
    for match in _LINKS.finditer(text):
        if match.lastgroup == "url":
            text = text[: match.start()] + " " * len(match.group()) + text[match.end() :]
    result: list[tuple[str, int, int]] = []
    for match in _PLACEHOLDER.finditer(text):
        token = match.group()
        if token == "%%":
            continue
        if token.startswith("<"):
            token = _TAG_SPACE.sub(" ", token).replace(" />", "/>").replace(" >", ">")
        result.append((token, match.start(), match.end()))
    return result
