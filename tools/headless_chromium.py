"""A small Chrome DevTools Protocol client for headless Chromium, standard library only.

Used by the browser tests of the HTML report (tests/render/test_html_browser.py) and by
tools/report_screenshot.py. It starts the system's Chromium (Debian's ``chromium``; the
``QD213_CHROMIUM`` environment variable names another binary) with ``--remote-debugging-pipe``:
commands go to the browser on file descriptor 3 and answers come back on 4, as JSON messages
ended by a NUL byte. No port is opened and nothing is downloaded. A :class:`Page` records the
console errors, uncaught exceptions and every network request of what it opens, takes
screenshots and prints to PDF.

    with Chromium() as browser:
        page = browser.page(1280, 800)
        page.open(Path("report.html").resolve().as_uri())
        page.screenshot("desktop.png")
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["Chromium", "Page", "find_chromium", "BrowserError"]

_FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """The browser did not start, answered with an error, or took too long."""


def find_chromium() -> str | None:
    """The Chromium binary: ``QD213_CHROMIUM``, else the first of chromium, chromium-browser,
    google-chrome on the PATH; None when there is none."""
    named = os.environ.get("QD213_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One headless browser process, driven over the DevTools pipe."""

    def __init__(self, executable: str | None = None, *, timeout: float = 60.0) -> None:
        binary = executable or find_chromium()
        if binary is None:
            raise BrowserError("no Chromium found (install Debian's chromium, or set QD213_CHROMIUM)")
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="qd213-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def plumb() -> None:  # in the child: the browser reads fd 3 and writes fd 4
            high_r, high_w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self._process = subprocess.Popen(
            [binary, *_FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=plumb,  # noqa: PLW1509 - the fds must be 3 and 4
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._listeners: list[Callable[[dict[str, Any]], None]] = []
        self.send("Target.setDiscoverTargets", {"discover": False})

    # -- the pipe -----------------------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("the browser did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed the DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def _dispatch(self, message: dict[str, Any]) -> None:
        for listener in list(self._listeners):
            listener(message)

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer (events that arrive meanwhile go to the listeners)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self._dispatch(answer)

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout: float | None = None) -> dict[str, Any]:
        """Read events until one satisfies ``predicate`` (each is also dispatched)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self._read_message(deadline)
            self._dispatch(message)
            if predicate(message):
                return message

    # -- pages --------------------------------------------------------------------------------

    def page(self, width: int = 1280, height: int = 800, *, mobile: bool = False) -> Page:
        """A new tab of ``width`` × ``height`` CSS pixels, recording console and network."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session, width, height, mobile)

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self.send("Browser.close")
            except (BrowserError, OSError):
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: what it logged (``console_errors``) and requested (``requests``)."""

    def __init__(self, browser: Chromium, session: str, width: int, height: int, mobile: bool) -> None:
        self.browser = browser
        self.session = session
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        browser._listeners.append(self._on_event)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.set_viewport(width, height, mobile=mobile)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def _on_event(self, message: dict[str, Any]) -> None:
        if message.get("sessionId") != self.session:
            return
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.console_errors.append(details.get("exception", {}).get("description") or details.get("text", "?"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.console_errors.append(params["entry"].get("text", "?"))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])

    def set_viewport(self, width: int, height: int, *, mobile: bool = False) -> None:
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for(lambda m: m.get("sessionId") == self.session and m.get("method") == "Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values)."""
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression[:60]}…: {answer['exceptionDetails'].get('text')}")
        return answer["result"].get("value")

    def emulate_media(self, media: str) -> None:
        """``print`` or ``screen`` (empty string: the default)."""
        self.send("Emulation.setEmulatedMedia", {"media": media})

    def screenshot(self, path: str | Path, *, full_page: bool = True) -> Path:
        """A PNG of the page (its whole height when ``full_page``)."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        data = base64.b64decode(self.send("Page.captureScreenshot", params)["data"])
        target = Path(path)
        target.write_bytes(data)
        return target

    def pdf(self, path: str | Path) -> Path:
        """Print to PDF with the page's own @page size and margins."""
        data = base64.b64decode(self.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
        target = Path(path)
        target.write_bytes(data)
        return target
