"""Headless Chromium opens what people read: the report and the dbt docs site.

Chromium is Debian's package: the ``chromium`` fixture installs it with
apt-get when it is missing (as root), and skips, saying why, only when that
fails. Each test starts its own headless Chromium (fresh profile, no
network features) and drives it over the DevTools protocol with a small
websocket client, collecting console errors, uncaught exceptions and every
URL the page requests, and saves a full-page screenshot in the test's tmp
dir.

- The report: every chart renders (an SVG with its traces), no console
  error, nothing requested but the file itself (plotly.js is inline).
- The docs site: ``dbt docs generate`` in the built project copy, served
  from loopback (it fetches manifest.json and catalog.json); the
  ``campaign_ctr`` page shows the model's name and description.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import websocket
from conftest import dbt

from ctr_tools.report import main as write_report

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1200,900",
    "--remote-debugging-port=0",
)
REPORT_CHARTS = 5
TIMEOUT_SECONDS = 60.0


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium binary; installs Debian's package when it is missing."""
    found = shutil.which("chromium")
    if found:
        return found
    if os.geteuid() != 0:
        pytest.skip("chromium is not installed and installing it needs root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(
                f"chromium is missing and `{' '.join(command)}` failed:\n"
                f"{result.stderr[-1500:]}"
            )
    found = shutil.which("chromium")
    if not found:
        pytest.skip("apt-get installed chromium but it is not on PATH")
    return found


class Page:
    """One browser tab driven over the DevTools protocol."""

    def __init__(self, socket: websocket.WebSocket) -> None:
        self.socket = socket
        self.next_id = 0
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.loaded = False

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a method and return its result, recording events on the way."""
        self.next_id += 1
        call_id = self.next_id
        self.socket.send(
            json.dumps({"id": call_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.record(message)

    def record(self, event: dict[str, Any]) -> None:
        """Keep the console errors, exceptions and requests of an event."""
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            texts = [
                str(a.get("value", a.get("description", ""))) for a in params["args"]
            ]
            self.errors.append("console.error: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get(
                "text"
            )
            self.errors.append(f"exception: {text}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            self.errors.append(f"log: {entry['text']} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Page.loadEventFired":
            self.loaded = True

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.loaded = False
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not self.loaded and time.monotonic() < deadline:
            self.socket.settimeout(1.0)
            try:
                self.record(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                continue
        self.socket.settimeout(TIMEOUT_SECONDS)
        assert self.loaded, f"{url} did not finish loading in {TIMEOUT_SECONDS:.0f} s"

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, accept: Callable[[Any], bool]) -> Any:
        """Poll an expression until ``accept`` takes its value; its last value."""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        value = self.evaluate(expression)
        while not accept(value) and time.monotonic() < deadline:
            time.sleep(0.25)
            value = self.evaluate(expression)
        return value

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page, not only the window."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {
            "x": 0,
            "y": 0,
            "width": size["width"],
            "height": size["height"],
            "scale": 1,
        }
        shot = self.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip=clip,
        )
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


@contextmanager
def browser_page(chromium: str, workdir: Path) -> Iterator[Page]:
    """A fresh headless Chromium (own profile) with one page, closed after."""
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=workdir))
    with (workdir / "chromium.log").open("w") as log:
        process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=log,
            stderr=log,
        )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not port_file.exists() and time.monotonic() < deadline:
            assert process.poll() is None, (workdir / "chromium.log").read_text()[
                -2000:
            ]
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
            targets = json.load(response)
        target = next(t for t in targets if t["type"] == "page")
        socket = websocket.create_connection(
            target["webSocketDebuggerUrl"],
            timeout=TIMEOUT_SECONDS,
            suppress_origin=True,
        )
        page = Page(socket)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        try:
            yield page
        finally:
            socket.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No request log on the test's output."""


CHART_STATE = """
Array.from(document.querySelectorAll('[data-chart]')).map(chart => ({
  id: chart.dataset.chart,
  svg: chart.querySelectorAll('svg.main-svg').length,
  traces: chart.querySelectorAll('g.trace').length,
}))
"""


def test_report_renders_every_chart_without_errors(
    chromium: str, built_project: Path, tmp_path: Path
) -> None:
    """Each of the five charts draws its traces; no error, no network."""
    report = tmp_path / "ctr_report.html"
    assert (
        write_report(
            ["--database", str(built_project / "ctr.duckdb"), "--out", str(report)]
        )
        == 0
    )
    with browser_page(chromium, tmp_path) as page:
        page.open(report.as_uri())
        charts = page.wait_for(
            CHART_STATE,
            lambda charts: (
                len(charts) == REPORT_CHARTS
                and all(c["svg"] > 0 and c["traces"] > 0 for c in charts)
            ),
        )
        menu = page.evaluate("document.querySelectorAll('.updatemenu-header').length")
        shot = page.screenshot(tmp_path / "report.png")
        errors, requests = page.errors, page.requests
    assert len(charts) == REPORT_CHARTS, charts
    assert all(c["svg"] > 0 and c["traces"] > 0 for c in charts), charts
    assert menu == 1, "the campaign picker is missing"
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert shot.stat().st_size > 50_000, f"the screenshot {shot} looks empty"


def test_docs_site_shows_campaign_ctr_and_its_description(
    chromium: str, built_project: Path, tmp_path: Path
) -> None:
    """dbt docs, served on loopback, renders campaign_ctr's page."""
    dbt(built_project, "docs", "generate", "--no-compile")
    target = built_project / "target"
    node = json.loads((target / "manifest.json").read_text())["nodes"][
        "model.ctr.campaign_ctr.v1"
    ]
    expected = "CTR and account CTR per campaign and period"
    assert node["description"].startswith(expected)
    with serve(target) as base_url, browser_page(chromium, tmp_path) as page:
        page.open(f"{base_url}/index.html#!/model/model.ctr.campaign_ctr.v1")
        text = page.wait_for(
            "document.body.innerText",
            lambda text: "campaign_ctr" in text and expected in text,
        )
        page.screenshot(tmp_path / "docs.png")
    assert "campaign_ctr" in text
    assert expected in text, text[:2000]
