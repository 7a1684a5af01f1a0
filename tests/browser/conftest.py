"""Headless Chromium (Debian's package) driven by Playwright, with no network beyond loopback."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import pytest_asyncio

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NEUTRAL_HOST = "www.bbc.co.uk"
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><h1>Weather forecast</h1>"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def pytest_collection_modifyitems(items) -> None:
    """Browser tests share one event loop, so one Chromium serves them all."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.asyncio(loop_scope="session"), append=False)


# Launching Chromium takes a second or so: once per run, not once per test.
@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[object]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed: `apt-get install -y chromium` (make test does)")
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (it is in requirements.lock)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            await launched.close()


async def _only_loopback(route) -> None:
    """Serve the neutral exit page locally; refuse anything else that is not on loopback."""
    host = urlsplit(route.request.url).hostname or ""
    if host == NEUTRAL_HOST:
        await route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
    elif host in ("127.0.0.1", "localhost", "::1"):
        await route.continue_()
    else:
        await route.abort()


@pytest_asyncio.fixture(loop_scope="session")
async def context(browser) -> AsyncIterator[object]:
    context = await browser.new_context(viewport={"width": 1024, "height": 768})
    await context.route("**/*", _only_loopback)
    try:
        yield context
    finally:
        await context.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page(context) -> AsyncIterator[object]:
    page = await context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []

    async def record(dialog) -> None:
        # Any alert() would mean script ran from a message: record it for the test.
        dialogs.append(dialog.message)
        await dialog.dismiss()

    page.on("dialog", record)
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
