"""Reports are inert: source text full of script and event-handler payloads never executes.

The HTML report is checked three ways: its tags and attributes are the formatter's own (a
parser sees every element), every payload is shown escaped, and headless Chromium loads it,
with and without its Content-Security-Policy, while a loopback server counts any request a
payload would make. A control page with the same payloads unescaped proves the harness sees
execution; the page's own script (its hash in the policy) is seen to run. A screenshot of the
seeds report checks that it renders.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Iterator
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker import audit
from checker.report import FORMATTERS

MARK = "__PWNED__"
SENTENCE = "Officials said {n} memoranda were signed in Hanoi on Monday {p} after the talks."


def payloads(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}"
    return [
        f'<script>document.title="{MARK}";fetch("{url}/script")</script>',
        f"<img src=x onerror=\"document.title='{MARK}';fetch('{url}/img')\">",
        f"<svg onload=\"fetch('{url}/svg')\"><circle r=1></svg>",
        f"<a href=\"javascript:fetch('{url}/js')\">link</a>",
        f'" onmouseover="fetch(\'{url}/attr\')" autofocus onfocus="fetch(\'{url}/focus\')" x="',
        f"' onfocus='fetch(\"{url}/single\")' autofocus tabindex='1",
        f'</title><script>fetch("{url}/title")</script><title>',
        f'</textarea></style></code><script>fetch("{url}/close")</script>',
        f'<iframe src="{url}/iframe"></iframe>',
        f'<img src="{url}/image">',
        f"<style>body{{background:url({url}/css)}}</style>",
        f'<meta http-equiv="refresh" content="0;url={url}/meta">',
        f'<base href="{url}/base/"><link rel=stylesheet href="{url}/link">',
        f"<!-- --><script>fetch('{url}/comment')</script>",
    ]


def hostile_records(port: int) -> list[dict[str, str]]:
    """Two articles that conflict (11 vs 12 memoranda) in sentences full of payloads, with
    payloads in their titles, urls and ids too."""
    ps = payloads(port)
    body = " ".join(ps)
    out = []
    for n, rid in ((11, ps[1]), (12, ps[6])):
        text = SENTENCE.format(n=n, p=body) + "\n\n" + f"Rescuers said {body} nothing more."
        out.append({"id": f"{rid}{n}", "title": f"{ps[0]} {ps[4]}", "url": ps[3], "text": text})
    return out


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        type(self).hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def loopback() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server on 127.0.0.1 recording the paths payloads would request."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


def hostile_report(tmp_path: Path, port: int, embedder) -> str:
    src = tmp_path / "hostile.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in hostile_records(port)) + "\n", "utf-8")
    # A skipped file whose name is a payload (no "/" in a file name).
    (tmp_path / f"<img src=x onerror=alert(1)>{MARK}.txt").write_bytes(b"")
    report = audit([tmp_path], embedder=embedder)
    assert report.conflicts, "the payloads must reach a conflict's quotes"
    assert report.skipped
    return FORMATTERS["html"]().format(report)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


FORMATTER_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "table",
    "tr", "th", "td", "ul", "li", "span", "section", "div", "code", "blockquote", "mark", "b",
    "i", "kbd", "a", "figure", "figcaption", "details", "summary", "svg", "rect", "text",
    "label", "select", "option", "button", "textarea", "script",
}  # fmt: skip
FORMATTER_ATTRS = {
    "lang", "charset", "http-equiv", "name", "content", "class", "id", "href", "rel", "role",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-live", "aria-pressed",
    "tabindex", "data-entry", "data-known", "data-report", "type", "value", "rows",
    "placeholder", "xmlns", "width", "height", "viewbox", "x", "y", "rx", "fill", "stroke",
    "text-anchor", "style",
}  # fmt: skip


def assert_own_markup(html: str) -> None:
    """Every element and attribute is the formatter's own; the one script is its asset, allowed
    by its hash alone, and the policy forbids every request."""
    from checker.report.htmlfmt import asset, script_hash

    parser = _Tags()
    parser.feed(html)
    assert {t for t, _ in parser.tags} <= FORMATTER_TAGS
    assert {a for _, attrs in parser.tags for a, _ in attrs} <= FORMATTER_ATTRS
    assert [t for t, _ in parser.tags].count("title") == 1
    assert "<img" not in html and "<iframe" not in html and "<base" not in html
    scripts = [attrs for t, attrs in parser.tags if t == "script"]
    assert scripts in ([], [[]]), "at most one script, without attributes"
    if scripts:
        assert html.count("<script") == 1
        assert f"<script>{asset('review.js')}</script>" in html
    assert html.count("<svg") == sum(1 for t, _ in parser.tags if t == "svg")
    csp = next(v for t, attrs in parser.tags if t == "meta" for a, v in attrs if a == "content"
               and v and "default-src" in v)  # fmt: skip
    policy = dict((d.split()[0], d.split()[1:]) for d in csp.split(";") if d.strip())
    assert policy["default-src"] == ["'none'"] and policy["connect-src"] == ["'none'"]
    assert policy["script-src"] == [script_hash()]
    for tag, attrs in parser.tags:
        for a, v in attrs:
            if a == "href":
                assert v and v.startswith(("http://", "https://")) and '"' not in v, v
            if a == "style":
                assert v and "url(" not in v, v
        values = dict(attrs)
        if tag == "section" and "conflict" in (values.get("class") or ""):
            assert (values.get("id") or "").replace("c-", "").isalnum()
            entry = json.loads(values["data-entry"] or "")
            assert values["id"] == f"c-{entry['id']}"


def test_html_report_escapes_everything_from_a_source(tmp_path: Path, embedder) -> None:
    html = hostile_report(tmp_path, 9, embedder)
    assert_own_markup(html)
    assert "<script>document" not in html and "<svg onload" not in html
    for p in payloads(9):  # every payload is in the page, as text
        assert escape(p) in html, p


def test_markdown_report_keeps_ids_and_text_inert(tmp_path: Path, embedder) -> None:
    src = tmp_path / "hostile.jsonl"
    records = hostile_records(9)
    records[0]["id"] = "a`<img src=x onerror=alert(1)>`"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    md = FORMATTERS["md"]().format(audit([src], embedder=embedder))
    # Outside code spans every "<" is escaped; inside them nothing is HTML.
    outside = "".join(part for i, part in enumerate(_split_code(md)) if i % 2 == 0)
    assert "<" not in outside.replace("\\<", "")


def _split_code(md: str) -> list[str]:
    """Markdown split at code spans (odd items are code), with CommonMark's fence rule."""
    out, pos, buf = [], 0, ""
    while pos < len(md):
        if md[pos] == "`" and (pos == 0 or md[pos - 1] != "\\"):
            n = len(md[pos:]) - len(md[pos:].lstrip("`"))
            close = md.find("`" * n, pos + n)
            while close != -1 and md[close + n : close + n + 1] == "`":
                close = md.find("`" * n, close + n + 1)
            if close != -1:
                out += [buf, md[pos + n : close]]
                buf, pos = "", close + n
                continue
        buf += md[pos]
        pos += 1
    return [*out, buf]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return exe


def run_chromium(page: Path, *args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            *args,
            page.as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_chromium_runs_nothing_from_the_hostile_report(
    tmp_path: Path, embedder, loopback: tuple[int, list[str]]
) -> None:
    chromium()
    port, hits = loopback
    (tmp_path / "in").mkdir()
    html = hostile_report(tmp_path / "in", port, embedder)
    # The control: the same payloads unescaped must be seen to execute, or the check is blind.
    control = tmp_path / "control.html"
    control.write_text(
        "<!DOCTYPE html><html><head><title>control</title></head><body>"
        + "".join(payloads(port))
        + "</body></html>",
        "utf-8",
    )
    dom = run_chromium(control, "--dump-dom")
    assert hits and f"<title>{MARK}</title>" in dom, "the harness must see the control run"
    hits.clear()
    with_csp = tmp_path / "report.html"
    with_csp.write_text(html, "utf-8")
    csp = next(line for line in html.splitlines() if "Content-Security-Policy" in line)
    without_csp = tmp_path / "report-no-csp.html"  # escaping alone must be enough
    without_csp.write_text(html.replace(csp, ""), "utf-8")
    for page in (with_csp, without_csp):
        dom = run_chromium(page, "--dump-dom")
        assert "<title>checker report</title>" in dom and f"<title>{MARK}" not in dom
        assert "memoranda" in dom
        assert 'data-ready="1"' in dom, "the page's own script runs, allowed by its hash"
    assert hits == [], f"a payload made requests: {hits}"


def test_chromium_screenshot_of_the_seeds_report_renders(tmp_path: Path, embedder) -> None:
    chromium()
    page = tmp_path / "seeds.html"
    page.write_text(FORMATTERS["html"]().format(audit(["seeds"], embedder=embedder)), "utf-8")
    shot = tmp_path / "seeds.png"
    run_chromium(page, f"--screenshot={shot}", "--window-size=1280,1800", "--hide-scrollbars")
    data = shot.read_bytes()
    assert len(data) > 20_000, len(data)
    width, height, pixels = decode_png(data)
    assert (width, height) == (1280, 1800)
    colours: dict[bytes, int] = {}
    for i in range(0, len(pixels), 4 * 7):  # a sample of pixels
        px = pixels[i : i + 3]
        colours[px] = colours.get(px, 0) + 1
    background = max(colours.values())
    assert len(colours) > 20, "more than one colour: text, highlights and borders are drawn"
    assert background < 0.97 * sum(colours.values()), "not a blank page"
    highlight = bytes((0xFF, 0xE0, 0x66))  # the <mark> colour of the quoted values
    assert highlight in colours
    # The overview's pictures are drawn: the matrix's darkest cell and the tally's majority,
    # outlier and first-value colours (htmlcharts).
    for colour in ("c92a2a", "2b8a3e", "1c7ed6"):
        assert bytes.fromhex(colour) in colours, colour


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGBA bytes of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
    bpp = 4 if ctype == 6 else 3
    raw, stride = zlib.decompress(idat), width * bpp
    out, prev = bytearray(), bytearray(stride)
    for y in range(height):
        f, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += (
            line
            if bpp == 4
            else b"".join(bytes(line[i : i + 3]) + b"\xff" for i in range(0, stride, 3))
        )
        prev = line
    return width, height, bytes(out)


def test_a_hostile_baseline_stays_inert_in_markdown_and_html(tmp_path: Path, embedder) -> None:
    """A baseline file comes from a pull request as often as an article does."""
    evil = "a`<img src=x onerror=alert(1)>`"
    base = tmp_path / f"{evil}.json"
    entry = {"id": evil, "type": "<svg onload=alert(1)>", "rule": "NUM", "severity": "high",
             "subject": "</title><script>alert(1)</script>", "message": '" onmouseover="x',
             "sources": [evil]}  # fmt: skip
    base.write_text(json.dumps({"schema": "checker-baseline/1", "conflicts": [entry]}), "utf-8")
    report = audit([Path("fixtures/trade_pacts_md")], embedder=embedder, baseline=base)
    assert report.baseline is not None and len(report.baseline.stale) == 1
    md = FORMATTERS["md"]().format(report)
    outside = "".join(part for i, part in enumerate(_split_code(md)) if i % 2 == 0)
    assert "<" not in outside.replace("\\<", "")
    html = FORMATTERS["html"]().format(report)
    assert_own_markup(html)
    assert "<svg onload" not in html and "</title><script>" not in html
