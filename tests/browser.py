"""A headless Chromium driven through ChromeDriver's W3C WebDriver HTTP API, with the standard library only.

Debian's ``chromium`` and ``chromium-driver`` packages provide the two programs; ``.ci/run``
installs them. Used by tests/test_browser.py; also a script that screenshots a page::

    python tests/browser.py reports/index.html docs/report_front_page.png [WIDTH HEIGHT]
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# As root in a container, Chromium needs --no-sandbox; the network flags stop it from calling
# home on a machine whose network is closed (each refused connection costs time).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
]


def find_programs() -> tuple[str | None, str | None]:
    """Paths of chromium and chromedriver, or None for each one missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    return chromium, shutil.which("chromedriver")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One headless Chromium session (a context manager)."""

    def __init__(self, width: int = 1280, height: int = 900):
        chromium, driver = find_programs()
        if not chromium or not driver:
            raise FileNotFoundError("chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
        self._profile = tempfile.TemporaryDirectory(prefix="na-chromium-")
        port = _free_port()
        self._driver = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self._base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if self._call("GET", "/status")["value"].get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                self._driver.kill()
                raise RuntimeError("chromedriver did not start within 30 s")
            time.sleep(0.2)
        options = {"binary": chromium,
                   "args": CHROMIUM_ARGS + [f"--user-data-dir={self._profile.name}", f"--window-size={width},{height}"]}
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options,
                                                 "timeouts": {"script": 30_000, "pageLoad": 60_000}}}}
        self._session = self._call("POST", "/session", caps)["value"]["sessionId"]

    def _call(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self._base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:500]
            raise RuntimeError(f"WebDriver {method} {path} failed: {detail}") from None

    def _session_call(self, method: str, path: str, body=None):
        return self._call(method, f"/session/{self._session}{path}", body)["value"]

    def open(self, url: str) -> None:
        self._session_call("POST", "/url", {"url": url})

    def run(self, script: str, *args):
        """Run ``script`` (a function body) synchronously in the page; return its value."""
        return self._session_call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script: str, *args):
        """Run ``script``; it calls ``arguments[arguments.length - 1](value)`` when done."""
        return self._session_call("POST", "/execute/async", {"script": script, "args": list(args)})

    def resize(self, width: int, height: int) -> None:
        self._session_call("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path) -> Path:
        path = Path(path)
        path.write_bytes(base64.b64decode(self._session_call("GET", "/screenshot")))
        return path

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self._session}")
        except Exception:  # the browser may be gone already; the driver is stopped below either way
            pass
        self._driver.terminate()
        try:
            self._driver.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._driver.kill()
        self._profile.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# Loads every image now (lazy ones included), then reports what the page holds.
INSPECT = """
const done = arguments[arguments.length - 1];
const images = [...document.images];
images.forEach(img => { img.loading = "eager"; });
const settle = img => (img.complete ? Promise.resolve()
    : new Promise(resolve => { img.addEventListener("load", resolve); img.addEventListener("error", resolve); }));
Promise.all(images.map(settle)).then(() => done({
  title: document.title,
  images: images.map(img => ({src: img.src.slice(0, 200), alt: img.getAttribute("alt"),
                              loaded: img.complete && img.naturalWidth > 0})),
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
  assets: [...document.querySelectorAll("script[src], link[href], iframe[src]")].map(e => e.src || e.href),
  ids: [...document.querySelectorAll("[id]")].map(e => e.id),
  overflow: document.documentElement.scrollWidth - window.innerWidth,
}));
"""


def screenshot(page, out, width: int = 1280, height: int = 1600) -> Path:
    """A screenshot of ``page`` (a file path) at the given window size, every image loaded."""
    with Browser(width, height) as browser:
        browser.open(Path(page).resolve().as_uri())
        browser.run_async(INSPECT)
        return browser.screenshot(out)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit("usage: python tests/browser.py PAGE.html OUT.png [WIDTH HEIGHT]")
    size = tuple(int(v) for v in sys.argv[3:5]) or (1280, 1600)
    print(screenshot(sys.argv[1], sys.argv[2], *size))
