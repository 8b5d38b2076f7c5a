"""Benchmark the browser check in headless Chromium against bare Pyodide loading in the same browser.

Builds the site (``dsi-xl web``) into a temporary folder, serves it on 127.0.0.1 with the README's
headers (tests/web_server.py: no compression, so bytes are what the files weigh) and drives it with
tests/web_browser.mjs (playwright-core, every other host blocked). For each run:

- ready: from navigation to the page saying "Klar" (Pyodide, dsi_xl and its wheels loaded, the
  rules imported); cold = a new browser context (empty cache), warm = the same context again
  (the versioned folders come from the HTTP cache);
- first finding: from choosing the example to its findings on the page (the first check of the page);
- bytes: what the server sent until ready (bytesReady), and until the first check's annotated
  copy was offered (bytes: the copy's wheels come on top).

The baseline is a page that loads bare Pyodide (no packages) in a module worker the same way.
Also prints each file's size gzipped, for a server that compresses.

Run from the repository root:  python3 bench/web_page.py [--runs N] [--screenshot docs/img/tjek-i-browseren.png]
Uses the caches of tests/test_web_browser.py (.ci/cache: pyodide, playwright-core; run that test once).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dsi_xl.web.site import PYODIDE_VERSION  # noqa: E402
from test_web_browser import CHROMIUM, browser_tools, build_site, drive  # noqa: E402
from web_server import serving  # noqa: E402

EXAMPLE = ROOT / "workbook_templates" / "eksempel-2027.xlsx"
BARE_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Pyodide alene</title>
<script type="module" src="bare.js"></script></head><body><p id="status" role="status">Indlæser …</p></body></html>
"""
BARE_SCRIPT = """const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = () => { performance.mark("dsi-xl:ready"); document.getElementById("status").textContent = "Klar"; };
"""
BARE_WORKER = f"""const here = (path) => new URL(path, import.meta.url).href;
const {{ loadPyodide }} = await import(here("../pyodide-{PYODIDE_VERSION}/pyodide.mjs"));
await loadPyodide({{ indexURL: here("../pyodide-{PYODIDE_VERSION}/"), packages: [] }});
self.postMessage("ready");
"""


def _median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def _bench(job: dict, url: str, tmp: Path, runs: int, file: dict | None) -> dict:
    answer = drive(job | {"url": url, "bench": {"cold": runs, "warm": runs, "file": file}}, tmp)
    keys = ("ready", "firstFinding", "sinceOpen", "bytesReady", "bytes")
    return {kind: {key: _median(answer["bench"][kind], key) for key in keys} for kind in ("cold", "warm")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args()
    package = browser_tools()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        root = tmp / "root"
        out = build_site(root)
        bare = out / "bare"
        bare.mkdir()
        (bare / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        (bare / "bare.js").write_text(BARE_SCRIPT, encoding="utf-8")
        (bare / "worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
        downloads = tmp / "downloads"
        downloads.mkdir()
        job = {"playwright": str(package), "chromium": str(CHROMIUM), "downloads": str(downloads), "files": []}
        example = {"path": str(EXAMPLE), "name": EXAMPLE.name}
        with serving(root) as base:
            site_url = f"{base}regnskab/tjek/"
            figures = {"dsi-xl": _bench(job, site_url, tmp, args.runs, example),
                       "pyodide alene": _bench(job, site_url + "bare/", tmp, args.runs, None)}
            if args.screenshot:
                drive(job | {"url": site_url, "files": [example], "screenshot": str(args.screenshot.resolve())}, tmp)
        sizes = {}
        for path in sorted(p for p in out.rglob("*") if p.is_file() and "bare" not in p.parts):
            data = path.read_bytes()
            sizes[path.relative_to(out).as_posix()] = [len(data), len(gzip.compress(data, 6))]
    print(json.dumps({"runs": args.runs, "median_ms_and_bytes": figures, "files": sizes}, indent=1))


if __name__ == "__main__":
    main()
