"""The report in a real browser: the front page and every notebook page open in headless Chromium,
every image loads, every link resolves (files and the anchors in them), nothing is fetched from
the network, and the pages fit a phone's width.

Needs Debian's chromium and chromium-driver (``.ci/run`` installs them). Without them the test
skips locally, and fails under CI (``$CI`` set), where it must run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import INSPECT, Browser, find_programs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    chromium, driver = find_programs()
    if not (chromium and driver):
        missing = " and ".join(n for n, p in (("chromium", chromium), ("chromedriver", driver)) if not p)
        message = f"{missing} not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {message}")
        pytest.skip(message)
    with Browser(1280, 900) as b:
        yield b


def _target(url: str) -> tuple[Path | None, str]:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None, parts.fragment
    return Path(unquote(parts.path)), unquote(parts.fragment)


def _check_page(browser, page: Path) -> tuple[dict, list[str]]:
    browser.open(page.as_uri())
    seen = browser.run_async(INSPECT)
    problems = []
    for img in seen["images"]:
        if not img["loaded"]:
            problems.append(f"image does not load: {img['src']}")
        if not (img["alt"] or "").strip():
            problems.append(f"image without alt text: {img['src']}")
        if img["src"].startswith(("http:", "https:")):
            problems.append(f"image from the network: {img['src']}")
    for asset in seen["assets"]:
        if not asset.startswith("file:"):
            problems.append(f"external asset: {asset}")
    for link in seen["links"]:
        path, fragment = _target(link)
        if path is None:
            continue  # a web link: not loaded by the page, and nothing to check offline
        if not path.exists():
            problems.append(f"link to a missing file: {link}")
        elif fragment and fragment not in (set(seen["ids"]) if path == page else _ids_in_file(path)):
            problems.append(f"link to a missing anchor: {link}")
    return seen, problems


def _ids_in_file(path: Path) -> set[str]:
    if path.suffix != ".html":
        return set()
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8", errors="replace")))


def test_front_page_and_notebook_pages_load_every_image_and_link(default_report, browser):
    index = default_report / "index.html"
    seen, problems = _check_page(browser, index)
    assert seen["title"] == "News corpus report"
    assert len(seen["images"]) >= 4, "the front page should show the key charts as thumbnails"
    pages = sorted({p for p in (_target(u)[0] for u in seen["links"]) if p is not None and p.suffix == ".html"})
    assert len(pages) >= 4, f"the front page links {len(pages)} notebook pages"
    for page in pages:
        page_seen, page_problems = _check_page(browser, page)
        problems += [f"{page.name}: {p}" for p in page_problems]
        assert page_seen["images"], f"{page.name} shows no chart"
    assert problems == []


def test_pages_fit_a_phone_screen(default_report, browser):
    browser.resize(390, 844)
    try:
        for page in [default_report / "index.html", *sorted((default_report / "default").glob("*.html"))]:
            browser.open(page.as_uri())
            seen = browser.run_async(INSPECT)
            assert seen["overflow"] <= 1, f"{page.name} is {seen['overflow']} px wider than a phone screen"
    finally:
        browser.resize(1280, 900)
