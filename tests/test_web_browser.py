"""The browser check for real: the site `dsi-xl web` builds, served on 127.0.0.1 with the README's
headers from a sub-folder, driven in headless Debian Chromium by npm playwright-core under Node,
every request to another host blocked (and none may be attempted).

For the example, a file with ``fejl``, unreadable files and hostile ones the page must show what
``validate_file`` says on CPython (status, counts, day, amounts, every finding with sheet and
cell), offer the same annotated copy as ``dsi-xl validate --annotate``, log no console error, and
say in Danish what to do when the server's CSP forbids WebAssembly.

Where Chromium, Node or npm is missing the test is skipped with its reason; on CI (CI=true),
which installs them (.ci/run), it fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import hostile
from dsi_xl.agreement.bundle import collect
from dsi_xl.report.report_sheet import STATUS_TEXT, counts_text, judged_text
from dsi_xl.report.summary import amounts_due
from dsi_xl.validation.engine import validate_file
from dsi_xl.web import site
from test_cli_validate import with_fejl
from test_lite_pyodide import HERE, _pyodide, _unavailable, npm_cached
from validate_files import AS_OF, broken, example
from web_server import serving

PLAYWRIGHT_VERSION = "1.65.2"  # keep in step with .ci/run
CHROMIUM = Path(os.environ.get("DSI_XL_CHROMIUM", "/usr/bin/chromium"))
SUB_FOLDER = "regnskab/tjek"  # the site must work from any folder of a host
NO_WASM_CSP = ("default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; "
               "img-src 'self'")


def playwright() -> Path:
    return npm_cached("playwright-core", PLAYWRIGHT_VERSION, "package.json")


def browser_tools() -> Path:
    if not CHROMIUM.exists():
        _unavailable(f"Chromium findes ikke ({CHROMIUM}; Debian: apt-get install chromium)")
    if not shutil.which("node"):
        _unavailable("node findes ikke (Debian: apt-get install nodejs npm)")
    return playwright()


def build_site(root: Path) -> Path:
    """The site with the test's second agreement, in a sub-folder of the served root."""
    out = root / SUB_FOLDER
    site.build(out, collect(HERE / "data"), _pyodide())
    return out


def drive(job: dict, folder: Path) -> dict:
    job_file = folder / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(["node", str(HERE / "web_browser.mjs"), str(job_file)], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def files(folder: Path) -> list[Path]:
    """The example, a file with fejl, unreadable ones and hostile ones, all with distinct names."""
    return [example(folder), with_fejl(folder), broken(folder), hostile.REFUSED["encrypted"](folder),
            hostile.REFUSED["zip_bomb_1gb"](folder), hostile.REFUSED["billion_laughs"](folder),
            hostile.dde_formula(folder)]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    package = browser_tools()
    tmp = tmp_path_factory.mktemp("web")
    root = tmp / "root"
    build_site(root)
    inputs = tmp / "inputs"
    inputs.mkdir()
    paths = files(inputs)
    downloads = tmp / "downloads"
    downloads.mkdir()
    job = {"playwright": str(package), "chromium": str(CHROMIUM), "downloads": str(downloads), "sort": True,
           "files": [{"path": str(p), "name": p.name} for p in paths]}
    with serving(root) as base:
        job["url"] = f"{base}{SUB_FOLDER}/?dato={AS_OF.strftime('%d.%m.%Y')}"
        answer = drive(job, tmp)
    return paths, answer, inputs


def expected(path: Path) -> dict:
    result = validate_file(path, as_of=AS_OF)
    return {"status": STATUS_TEXT[result.status], "counts": "Fund: " + counts_text(result),
            "judged": judged_text(result), "amounts": [f"{label}: {amount}" for label, amount in amounts_due(result)],
            "rows": [[f.severity, f.rule, f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.name or ""), f.message]
                     for f in result.findings]}


def test_it_started_and_is_labelled(run):
    _, answer, _ = run
    assert answer["ready"]["announced"].startswith("Klar") and not answer["ready"]["disabled"]
    assert answer["ready"]["date"] == AS_OF.isoformat()  # ?dato= in Danish form filled the date field
    assert answer["ready"]["labels"] == [1, 1]  # the file and date inputs each have a label


def test_no_request_to_another_host_was_attempted(run):
    _, answer, _ = run
    assert answer["blocked"] == []
    assert answer["requests"] and all(re.match(r"http://127\.0\.0\.1:\d+/", url) for url in answer["requests"])
    assert any(url.endswith(".wasm") for url in answer["requests"])  # Pyodide came from the site itself
    assert all(f"/{SUB_FOLDER}/" in url for url in answer["requests"])  # relative references only


def test_no_console_error(run):
    _, answer, _ = run
    assert answer["pageErrors"] == []
    assert [c for c in answer["console"] if c["type"] in ("error", "warning")] == []


@pytest.mark.parametrize("index", range(7), ids=["eksempel", "fejl", "tekstfil", "krypteret", "zip-bombe",
                                                  "xml-bombe", "dde-formel"])
def test_the_page_says_what_validate_file_says(run, index):
    paths, answer, _ = run
    shown, want = answer["results"][index], expected(paths[index])
    assert shown["file"] == paths[index].name
    assert {k: shown[k] for k in want} == want
    assert shown["rows"], "every one of these files has findings"
    assert shown["announced"].startswith(f"Tjek færdigt for {paths[index].name}: {want['status']}")


def test_the_files_have_the_statuses_they_should(run):
    _, answer, _ = run
    statuses = [r["statusClass"].split()[-1] for r in answer["results"]]
    assert statuses[:2] == ["ok", "fejl"] and statuses[2:6] == ["ulæselig"] * 4
    assert statuses[6] in ("fejl", "ulæselig")
    assert any(row[1].startswith("STAM-") and row[0] == "fejl" for row in answer["results"][1]["rows"])  # the CVR check


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: re.sub(rb"K\xc3\xb8rt: \d\d\.\d\d\.\d{4} \d\d:\d\d", b"K\xc3\xb8rt: -", archive.read(name))
                for name in archive.namelist()}


def test_the_copy_is_the_command_lines_annotated_copy(run, tmp_path):
    paths, answer, inputs = run
    copied = [i for i, r in enumerate(answer["results"]) if r.get("copy")]
    assert copied[:2] == [0, 1] and 2 not in copied  # the text file gets no copy, as on the command line
    for index in copied:
        name = paths[index].name
        done = subprocess.run(["dsi-xl", "validate", "--as-of", AS_OF.isoformat(), "--annotate", str(tmp_path), name],
                              cwd=inputs, capture_output=True, text=True, check=False)
        assert done.returncode in (0, 1, 2), done.stderr
        browser, cli = _parts(Path(answer["results"][index]["copy"])), _parts(tmp_path / name)
        assert list(browser) == list(cli)
        assert browser == cli, [n for n in cli if browser[n] != cli[n]]
        assert "Valideringsrapport" in browser["xl/workbook.xml"].decode()
        assert answer["results"][index]["copyName"] == f"{Path(name).stem} med valideringsrapport{Path(name).suffix}"


def test_findings_sort_by_severity_both_ways_and_by_rule(run):
    _, answer, _ = run
    sorted_ones = [r for r in answer["results"] if "sortedDescending" in r]
    assert sorted_ones
    rank = {"fejl": 0, "advarsel": 1, "info": 2}
    for shown in sorted_ones:
        assert [rank[r[0]] for r in shown["rows"]] == sorted(rank[r[0]] for r in shown["rows"])
        down = shown["sortedDescending"]
        assert down["ariaSort"] == "descending"
        assert [rank[r[0]] for r in down["rows"]] == sorted((rank[r[0]] for r in shown["rows"]), reverse=True)
        by_rule = shown["sortedByRule"]
        assert by_rule["ariaSort"] == "ascending" and sorted(by_rule["rows"]) == sorted(shown["rows"])


def test_the_watchdog_speaks_danish_when_the_csp_blocks_webassembly(tmp_path):
    package = browser_tools()
    root = tmp_path / "root"
    build_site(root)
    job = {"playwright": str(package), "chromium": str(CHROMIUM), "downloads": str(tmp_path), "files": [],
           "expectFailure": True}
    with serving(root, csp=NO_WASM_CSP) as base:
        job["url"] = f"{base}{SUB_FOLDER}/"
        answer = drive(job, tmp_path)
    assert "Content-Security-Policy" in answer["alert"] and "wasm-unsafe-eval" in answer["alert"]
    assert "Din fil er ikke sendt nogen steder" in answer["alert"]
    assert answer["announced"] == "Tjekket kunne ikke starte." and answer["fileDisabled"]
    assert answer["blocked"] == []
