"""A headless Chromium for tests that open pages: a session fixture and a watched page.

Import the fixture into a test module (``from browser import chromium_fixture``) and ask for
``chromium``; open a page with ``with watched_page(chromium, path) as watch:``. The watch records
console errors, uncaught page errors, every request and every dialog, so a test can assert
that the page ran cleanly, loaded nothing and ran no injected script.

Chromium is looked for in ``$TQA_CHROMIUM``, then ``chromium`` / ``chromium-browser`` on the
PATH and in /usr/bin, then Playwright's own download. Tests skip only when Playwright or every
Chromium is missing; a browser that is there but fails to start is an error, not a skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

# Keep the browser quiet and offline: no update checks, sync or first-run pages, which would
# otherwise show up as network requests.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
TIMEOUT_MS = 10_000


def find_chromium() -> str | None:
    """The Chromium binary to use, or None to fall back on Playwright's download."""
    wanted = os.environ.get("TQA_CHROMIUM")
    if wanted:
        return wanted
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name) or (
            f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").is_file() else None
        )
        if found:
            return found
    return None


@pytest.fixture(scope="session", name="chromium")
def chromium_fixture() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    binary = find_chromium()
    with sync_playwright() as playwright:
        if binary is None:
            bundled = playwright.chromium.executable_path
            if not bundled or not Path(bundled).is_file():
                pytest.skip(
                    "no Chromium: set TQA_CHROMIUM, install chromium, or run "
                    "`playwright install chromium`"
                )
        browser = playwright.chromium.launch(executable_path=binary, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """A page and what it did since it was opened."""

    page: Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No error, no dialog, and no request but the page itself."""
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"
        assert self.requests == [self.url], f"requests beyond the page: {self.requests}"

    def in_viewport(self, selector: str) -> bool:
        """Whether the first element matching ``selector`` is at least partly on screen."""
        box = self.page.locator(selector).first.bounding_box()
        size = self.page.viewport_size
        if box is None or size is None:
            return False
        return (
            box["y"] + box["height"] > 0
            and box["y"] < size["height"]
            and box["x"] + box["width"] > 0
            and box["x"] < size["width"]
        )


@contextmanager
def watched_page(
    browser: Browser,
    path: Path,
    *,
    width: int = 1280,
    height: int = 800,
    color_scheme: str = "light",
    permissions: tuple[str, ...] = (),
    init_script: str | None = None,
    fragment: str = "",
) -> Iterator[Watch]:
    """Open ``path`` (via its file:// URL, plus ``fragment`` such as "#f3") in a fresh browser
    context and watch it."""
    options: dict[str, Any] = {
        "viewport": {"width": width, "height": height},
        "color_scheme": color_scheme,
    }
    context = browser.new_context(**options)
    try:
        if permissions:
            context.grant_permissions(list(permissions))
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        watch = Watch(page, path.resolve().as_uri())

        def on_dialog(dialog: Dialog) -> None:
            watch.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                watch.console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
        page.on("request", lambda r: watch.requests.append(r.url))
        page.on("dialog", on_dialog)
        page.goto(watch.url + fragment)
        yield watch
    finally:
        context.close()
