"""`dsi-xl web` on CPython: the site is reproducible, relative, carries every agreement of the
folder, the cut python-stdnum answers every CVR as the whole library does, the page's Python
says what validate_file says, and the headers and web.config are the README's."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from dsi_xl.agreement.bundle import collect, describe
from dsi_xl.errors import DSIError
from dsi_xl.validation.engine import validate_file
from dsi_xl.web import check, headers, site, wheels
from test_lite import TEST_AGREEMENTS
from test_lite_pyodide import HERE, _pyodide
from validate_files import AS_OF, broken, example

DATA = HERE / "data"
CARRIED = describe(dict.fromkeys(Path(name).stem for name in TEST_AGREEMENTS))  # "made-up-2030, ... og ..."


@pytest.fixture(scope="module")
def pyodide():
    return _pyodide()


@pytest.fixture(scope="module")
def built(tmp_path_factory, pyodide):
    out = tmp_path_factory.mktemp("site") / "tjek"
    return out, site.build(out, collect(DATA), pyodide)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built, tmp_path, pyodide):
    out, _ = built
    site.build(tmp_path / "again", collect(DATA), pyodide)
    assert _tree(out) == _tree(tmp_path / "again")


def test_the_versioned_folder_changes_with_the_agreements(built, tmp_path, pyodide):
    _, first = built
    assert site.build(tmp_path / "randers", collect(None), pyodide).app != first.app


def test_every_reference_of_the_page_is_relative_and_exists(built):
    out, info = built
    page = (out / "index.html").read_text(encoding="utf-8")
    references = re.findall(r'(?:href|src)="([^"#]+)"', page)
    assert references and all(not r.startswith(("/", "http", "//")) for r in references)
    assert all((out / r).is_file() for r in references)
    worker = (out / info.app / "worker.mjs").read_text(encoding="utf-8")
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", worker).group(1))
    assert config["pyodide"] == f"../{info.pyodide}/"
    for name in config["ready"] + config["copy"]:
        assert (out / info.app / "wheels" / name).is_file()
    assert all((out / info.pyodide / name).is_file() for name in site.PYODIDE_FILES)
    assert "http://" not in worker and "https://" not in worker


def test_the_site_carries_every_agreement_of_the_folder(built):
    out, info = built
    with zipfile.ZipFile(out / info.app / "wheels" / "dsi_xl-0.1.0-py3-none-any.whl") as archive:
        carried = {n.rsplit("/", 1)[1]: archive.read(n) for n in archive.namelist()
                   if n.startswith("dsi_xl/agreement/data/") and n.endswith(".toml")}
    assert carried["made-up-2030.toml"] == (DATA / "made-up-2030.toml").read_bytes()
    assert carried["fjordby-2027.toml"] == (DATA / "fjordby-2027.toml").read_bytes()
    assert sorted(carried) == TEST_AGREEMENTS
    assert CARRIED in (out / "index.html").read_text(encoding="utf-8")


def test_what_is_fetched_before_ready_and_for_the_copy(built):
    _, info = built
    assert [w.split("-")[0] for w in info.ready] == ["dsi_xl", "defusedxml", "python_stdnum"]
    assert [w.split("-")[0] for w in info.copy] == ["et_xmlfile", "openpyxl"]
    assert 12_000_000 < info.before_ready() < 16_000_000 and 200_000 < info.for_copy() < 400_000


def test_the_cut_stdnum_wheel_holds_only_the_cvr_check_and_its_licence():
    cut = wheels.packed("python-stdnum")
    assert cut.version.endswith("+dsixl.cvr") and len(cut.data) < 40_000
    with zipfile.ZipFile(io.BytesIO(cut.data)) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    assert sorted(n for n in names if n.endswith(".py")) == sorted(wheels.STDNUM_CVR)
    assert any(n.endswith("COPYING") for n in names)


CVR_PROBE = r"""
import json, random, sys
from stdnum.dk import cvr
from stdnum.exceptions import ValidationError
rng = random.Random(28)
alphabet = "0123456789" * 4 + " -.DKdk/:x\u00a0\uff11"
cases = ["29189668", "DK 29189668", "DK29189668", "12345674", "2918 9668", "29.18.96.68", "", " ", "0", "09189668",
         "291896680", "2918966", "29189669", "dk29189668", "\uff12\uff19189668", "29189668.0"]
cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
cases += [str(rng.randrange(10_000_000, 100_000_000)) for _ in range(3000)]
out = []
for case in cases:
    try:
        out.append(["ok", cvr.validate(case), cvr.is_valid(case), cvr.compact(case)])
    except ValidationError as error:
        out.append([type(error).__name__, cvr.is_valid(case)])
    except Exception as error:
        out.append(["crash", type(error).__name__])
import stdnum
print(json.dumps({"answers": out, "from": stdnum.__file__}))
"""


def test_the_cut_stdnum_answers_every_cvr_as_the_whole_library(tmp_path):
    with zipfile.ZipFile(io.BytesIO(wheels.packed("python-stdnum").data)) as archive:
        archive.extractall(tmp_path)
    whole = subprocess.run([sys.executable, "-c", CVR_PROBE], capture_output=True, text=True, check=True)
    bare = [sys.executable, "-I", "-S", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n" + CVR_PROBE]
    cut = subprocess.run(bare, capture_output=True, text=True, check=True)
    whole, cut = json.loads(whole.stdout), json.loads(cut.stdout)
    assert cut["from"].startswith(str(tmp_path)) and not whole["from"].startswith(str(tmp_path))
    assert len(cut["answers"]) > 6000 and {a[0] for a in cut["answers"]} >= {"ok", "InvalidChecksum", "InvalidFormat"}
    assert cut["answers"] == whole["answers"]


def test_the_page_python_says_what_validate_file_says(tmp_path):
    for path in (example(tmp_path), broken(tmp_path)):
        shown = json.loads(check.check(path.read_bytes(), path.name, AS_OF.strftime("%d.%m.%Y")))
        result = validate_file(path, as_of=AS_OF)
        assert shown["status"] == result.status and shown["file"] == path.name
        assert [(f["rule"], f["severity"], f["sheet"], f["cell"], f["message"]) for f in shown["findings"]] == [
            (f.rule, f.severity, f.sheet, f.cell, f.message) for f in result.findings]
    assert shown["copy"] is False  # the text file: no copy, as the command line


def test_a_bad_date_is_a_note_and_today_is_used(tmp_path):
    path = example(tmp_path)
    shown = json.loads(check.check(path.read_bytes(), path.name, "31.02.2028"))
    assert shown["notes"] == [check.BAD_DATE.format("31.02.2028")]


def test_the_name_never_leaves_the_folder():
    assert check.safe_name("../../etc/passwd") == "passwd"
    assert check.safe_name("C:\\Users\\x\\regnskab.xlsx") == "regnskab.xlsx"
    assert check.safe_name("") == check.safe_name("..") == check.safe_name("a\x00b") == "regnskab.xlsx"
    assert check.copy_name("makro.xlsm") == "makro med valideringsrapport.xlsm"


def test_headers_are_the_readmes(built):
    assert headers.for_file("index.html")["Cache-Control"] == "no-cache"
    assert headers.for_file("regnskab/tjek/index.html")["Cache-Control"] == "no-cache"
    assert headers.for_file("pyodide-314.0.8/pyodide.asm.wasm")["Content-Type"] == "application/wasm"
    assert headers.for_file("dsi-xl-0.1.0-abc/worker.mjs")["Content-Type"].startswith("text/javascript")
    assert "immutable" in headers.for_file("x/dsi-xl-0.1.0-abc/app.js")["Cache-Control"]
    every = headers.for_file("index.html")
    assert every["X-Content-Type-Options"] == "nosniff" and every["Referrer-Policy"] == "no-referrer"
    policy = every["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    assert headers.CSP in readme  # the README gives DSI's IT the same policy


def test_web_config_is_xml_with_the_types_and_headers(built):
    out, _ = built
    root = ElementTree.parse(out / "web.config").getroot()
    maps = {m.get("fileExtension"): m.get("mimeType") for m in root.iter("mimeMap")}
    assert maps[".mjs"].startswith("text/javascript") and maps[".wasm"] == "application/wasm" and ".whl" in maps
    custom = {h.get("name"): h.get("value") for h in root.iter("add") if h.get("name")}
    assert custom == headers.SECURITY
    assert any(c.get("cacheControlMode") == "DisableCache" for c in root.iter("clientCache"))


def run(*args: str, env: dict | None = None):
    return subprocess.run(["dsi-xl", *args], capture_output=True, text=True, check=False,
                          env=dict(os.environ, **(env or {})))


def test_the_command_builds_and_says_what_is_downloaded(tmp_path, pyodide):
    done = run("web", "--out", str(tmp_path / "side"), "--agreements", str(DATA), "--pyodide", str(pyodide))
    assert done.returncode == 0, done.stderr
    assert CARRIED in done.stdout and "MB før tjekket er klar" in done.stdout
    assert (tmp_path / "side" / "index.html").is_file()


def test_the_command_takes_dsi_xl_agreements_by_default(tmp_path, pyodide):
    done = run("web", "--out", str(tmp_path / "side"), "--pyodide", str(pyodide), env={"DSI_XL_AGREEMENTS": str(DATA)})
    assert done.returncode == 0, done.stderr
    assert CARRIED in done.stdout


@pytest.mark.parametrize("args, words", [
    ((), ["npm install", "pyodide@314.0.8", "--pyodide"]),
    (("--pyodide", "{tmp}"), ["ingen package.json", "npm install"]),
    (("--pyodide", "{tmp}/wrong"), ["kræver pyodide 314.0.8"]),
    (("--pyodide", "{pyodide}", "--agreements", "{tmp}/findes-ikke"), ["findes ikke"]),
    (("--pyodide", "{pyodide}", "--agreements", "{tmp}/broken"), ["forkert.toml"]),
])
def test_the_command_refuses_in_one_danish_sentence(tmp_path, pyodide, args, words):
    (tmp_path / "wrong").mkdir()
    (tmp_path / "wrong" / "package.json").write_text('{"name": "pyodide", "version": "0.27.0"}')
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "forkert.toml").write_text((DATA / "made-up-2030.toml").read_text(encoding="utf-8"))
    given = [a.format(tmp=tmp_path, pyodide=pyodide) for a in args]
    done = run("web", "--out", str(tmp_path / "side"), *given)
    assert done.returncode == 2
    assert all(w in done.stderr for w in words), done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "side").exists()


def test_a_missing_pyodide_folder_is_a_dsi_error():
    with pytest.raises(DSIError, match="npm install"):
        site.pyodide_folder(None)
