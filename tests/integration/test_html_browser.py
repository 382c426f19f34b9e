"""The HTML report in a real browser: headless Chromium opens each probe's page offline.

For the sample report of each probe (a recorded fixture, built in English) and for the sample
Document with every block type, Chromium (Debian ``chromium``) opens the page from a file:// URL
and the test checks, over the DevTools protocol (``--remote-debugging-pipe``, a tiny client
below):

- no console error, no uncaught exception, no Content-Security-Policy violation;
- no request but the page itself (the page needs no network);
- the diagrams are there and have a size (SVG laid out by the browser);
- a screenshot of a sane size (kept under tests/golden/screenshots/ for review: regenerate them
  with NETLAB_UPDATE_GOLDEN=1 and look at them before committing);
- the page printed to PDF has the sequence diagram's labels as text (pdftotext finds them).

A hostile Document (``<script>``, quotes, ``onerror=``, in every block type) runs no script.
The test skips, saying why, when chromium or pdftotext is missing (``apt-get install -y chromium
poppler-utils``) or the browser cannot start here.  It starts one browser per test and kills
only that process (its own process group), with a timeout on everything.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.report.document import Sequence
from netlab.report.html import render_html

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SHOTS = ROOT / "tests" / "golden" / "screenshots"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 1000  # CSS px of the window (the page's column is ~ 62 rem)

# one sample report per probe: (probe, recording)
PROBE_SAMPLES = [
    ("dns-trace", "dns/www.naver.com.json"),
    ("tcp-handshake", "tcp/lossy-drop-client.json"),
    ("tls-inspect", "tls/rec-www.naver.com.json"),
    ("http-compare", "http/many-50ms.json"),
]

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    "--remote-debugging-pipe",
]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


# --------------------------------------------------------------------------------------------
# A tiny DevTools-protocol client over the pipe (fd 3: commands in, fd 4: replies out)
# --------------------------------------------------------------------------------------------


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, exe: str, profile: str, timeout: float = 30.0):
        to_chrome_r, self._to_chrome_w = os.pipe()
        self._from_chrome_r, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4: bash moves the pipe ends there
        # (from fds >= 10, so that the moves cannot clash; dash knows only fds 0-9) and execs it.
        r, w = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10), fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        self.stderr_path = Path(profile) / "stderr.log"
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec 3<&{r} 4>&{w} {r}<&- {w}>&-; exec "$0" "$@"',
             exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr,
            pass_fds=(r, w), start_new_session=True,  # its own process group: we kill only that
        )
        for fd in (to_chrome_r, from_chrome_w, r, w):
            os.close(fd)
        self.timeout = timeout
        self._next = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cv = threading.Condition()
        self._eof = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session: str | None = None

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_chrome_r, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cv:
                    self._eof = True
                    self._cv.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                with self._cv:
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                    self._cv.notify_all()

    def send(self, method: str, params: dict | None = None, session: bool = True, timeout: float | None = None):
        self._next += 1
        msg = {"id": self._next, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._to_chrome_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cv:
            while self._next not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    raise BrowserError(f"{method}: no reply ({'browser exited' if self._eof else 'timeout'})")
                self._cv.wait(left)
            reply = self._replies.pop(self._next)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cv:
            while True:
                for e in self.events:
                    if e.get("method") == method:
                        return e
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    raise BrowserError(f"no {method} event")
                self._cv.wait(left)

    def attach(self) -> None:
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        page = next((t for t in targets if t["type"] == "page"), None)
        if page is None:
            page = {"targetId": self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]}
        self.session = self.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise BrowserError(f"evaluate {expression!r}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and CSP violations seen since the page was opened."""
        out = []
        for e in list(self.events):
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append("uncaught: " + json.dumps(p.get("exceptionDetails", {}))[:300])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console.error: " + json.dumps(p.get("args", []))[:300])
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append("log: " + p["entry"].get("text", "")[:300])
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, max_height: int = 3000) -> bytes:
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        h = min(int(size["height"]), max_height)
        r = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                 "clip": {"x": 0, "y": 0, "width": WIDTH, "height": h, "scale": 1}})
        return base64.b64decode(r["data"])

    def pdf(self) -> bytes:
        r = self.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}, timeout=60)
        return base64.b64decode(r["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False, timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group we started (its own session), nothing else
            self.proc.wait(timeout=10)
        for fd in (self._to_chrome_w, self._from_chrome_r):
            try:
                os.close(fd)
            except OSError:
                pass
        self._stderr.close()


@pytest.fixture
def browser(tmp_path):
    exe = _chromium()
    if exe is None:
        pytest.skip("needs Chromium: apt-get install -y chromium")
    profile = tempfile.mkdtemp(prefix="netlab-chromium-", dir=tmp_path)
    b = Browser(exe, profile)
    try:
        b.attach()
    except (BrowserError, OSError) as e:  # OSError: the pipe broke, the browser died at start
        log = b.stderr_path.read_text(errors="replace")[-800:] if b.stderr_path.exists() else ""
        b.close()
        pytest.skip(f"headless Chromium does not start here ({e}): {log}")
    yield b
    b.close()


def _pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext: apt-get install -y poppler-utils")
    r = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def assert_svg_labels_in_pdf(browser: Browser, pdf: Path) -> None:
    """Some sequence-diagram labels are in the PDF's text more often than outside the diagrams:
    the diagram itself was printed as text (vector), not as an image or not at all."""
    labels = browser.evaluate("[...document.querySelectorAll('svg.seq text.lbl')].map(t => t.textContent)")
    outside = browser.evaluate("(() => {const b = document.body.cloneNode(true);"
                               " b.querySelectorAll('svg').forEach(s => s.remove()); return b.textContent;})()")
    text = " ".join(_pdftotext(pdf).split())
    outside = " ".join(outside.split())
    printed = [lb for lb in dict.fromkeys(labels) if len(lb) > 3 and text.count(lb) > outside.count(lb)]
    assert len(printed) >= min(3, len(set(labels))), f"diagram labels not in the PDF as text: {labels[:8]}"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def probe_document(recording: str, lang: str = "en"):
    import netlab.probes as probes

    rec = Recording.load(FIXTURES / recording)
    p = probes.load_probe(rec.probe)
    return p.build(p.analyze(rec), lang)


def _unit(name: str):
    """A module of tests/unit (the sample Document, the hostile one), loaded by path."""
    import importlib.util
    import sys

    path = ROOT / "tests" / "unit" / f"{name}.py"
    key = f"_netlab_unit_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[key] = mod
        sys.path.insert(0, str(path.parent))  # it imports sample_document beside it
        try:
            spec.loader.exec_module(mod)
        finally:
            sys.path.remove(str(path.parent))
    return sys.modules[key]


def _check_page(browser: Browser, html: str, tmp_path: Path, name: str) -> tuple[bytes, Path]:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    url = page.as_uri()
    browser.open(url)
    time.sleep(0.2)  # late console messages
    assert browser.problems() == [], f"{name}: the browser reported problems"
    others = [u for u in browser.requests() if u != url]
    assert others == [], f"{name}: the page asked for more than itself: {others}"
    shot = browser.screenshot()
    w, h = _png_size(shot)
    assert w == WIDTH and 600 <= h <= 3000, (w, h)
    assert 20_000 < len(shot) < 3_000_000, len(shot)
    assert browser.evaluate("document.querySelectorAll('details[open]').length") == 0  # closed until asked
    # print with every <details> open (the page's own button), so that the PDF has everything
    browser.evaluate("document.getElementById('toggle-details').click()")
    assert browser.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(browser.pdf())
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return shot, pdf


@pytest.mark.parametrize("probe,recording", PROBE_SAMPLES, ids=[p for p, _ in PROBE_SAMPLES])
def test_probe_page_in_chromium(browser, tmp_path, probe, recording):
    try:
        doc = probe_document(recording)
    except Exception as e:  # noqa: BLE001 - a probe being refactored must not hide the others' results
        pytest.skip(f"{probe}: its sample report cannot be built right now ({type(e).__name__}: {e})")
    html = render_html(doc)
    shot, pdf = _check_page(browser, html, tmp_path, probe)
    seqs = doc.find(Sequence)
    assert browser.evaluate("document.querySelectorAll('figure.sequence').length") == len(seqs)
    if seqs:
        # laid out with a real size, and its labels are vector text in the PDF
        box = browser.evaluate("(() => {const r = document.querySelector('svg.seq').getBoundingClientRect();"
                               " return [r.width, r.height];})()")
        assert box[0] > 200 and box[1] > 100, box
        assert_svg_labels_in_pdf(browser, pdf)
    if UPDATE:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / f"{probe}.png").write_bytes(shot)
    else:
        assert (SHOTS / f"{probe}.png").exists(), "no reviewed screenshot: run with NETLAB_UPDATE_GOLDEN=1"


def test_sample_page_with_charts_in_chromium(browser, tmp_path):
    for lang in ("en", "ko"):
        html = render_html(_unit("test_html_renderer").full_sample(lang))
        shot, pdf = _check_page(browser, html, tmp_path, f"sample.{lang}")
        assert browser.evaluate("document.documentElement.lang") == lang
        assert browser.evaluate("document.querySelectorAll('figure.chart svg').length") == 2
        text = " ".join(_pdftotext(pdf).split())
        assert "cwnd (segments)" in text  # a chart's axis label, as text
        assert_svg_labels_in_pdf(browser, pdf)
        if UPDATE:
            (SHOTS / f"sample.{lang}.png").write_bytes(shot)


HOSTILE = ['<script>window.__pwned = 1</script>', '"><img src=x onerror="window.__pwned=2">',
           "' onmouseover='window.__pwned=3", "Tom & Jerry </svg><script>window.__pwned=4</script>"]


def test_hostile_strings_stay_text_in_chromium(browser, tmp_path):
    html = render_html(_unit("test_html_renderer").hostile_document(HOSTILE))
    page = tmp_path / "hostile.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('script').length") == 1  # ours only
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    body = browser.evaluate("document.body.innerText")
    for s in HOSTILE:
        assert s.split(">")[0] in body  # shown as text
    assert browser.requests() == [page.as_uri()]


def test_the_checks_can_fail(browser, tmp_path):
    """A page with a script error and a fetch is caught: the checks above are not blind."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><body><img src="https://cdn.invalid/x.png">'
                    "<script>console.error('boom'); undefinedFunction();</script></body></html>")
    browser.open(page.as_uri())
    time.sleep(0.2)
    problems = browser.problems()
    assert any("uncaught" in p for p in problems) and any("boom" in p for p in problems), problems
    assert any(u.startswith("https://cdn.invalid/") for u in browser.requests())
