"""xlwings Lite's runtime for real: the Lite wheel in Pyodide under Node, offline, against CPython.

The npm package ``pyodide`` (PYODIDE_VERSION, the newest stable release; xlwings Lite runs a
recent Pyodide) and the pure wheels of xlwings and of the Lite wheel's dependencies are fetched
once into a cache (``.ci/cache`` or $DSI_XL_CACHE); then Pyodide runs ``lite_probe.py`` with no
network, and so does CPython. Both must give the same registered metadata, the same answer to
every function case of test_udfs (the second agreement's among them), the same actions of the
``validate`` script on the example's Office.js payload and the same ``validate_file`` result on the
example's bytes and on the second agreement's example. The wheel is built with the tests' agreement
folder (``--agreements tests/data``) and Pyodide gets neither that folder nor ``DSI_XL_AGREEMENTS``:
the made-up agreements' function cases and the second agreement's example are answered from the
agreements the wheel carries.

Without Node the test is skipped with its reason; on CI (CI=true) it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dsi_xl.addin import wheel
from dsi_xl.agreement.bundle import collect
from dsi_xl.validation.engine import validate_file
from officejs_payload import payload
from test_udfs import DATA, DAY, ERRORS, MADE_UP, RESULTS
from validate_files import example

PYODIDE_VERSION = "314.0.8"
XLWINGS = "xlwings==0.37.8"  # the version pyproject pins
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = Path(os.environ.get("DSI_XL_CACHE", ROOT / ".ci" / "cache"))


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def npm_cached(name: str, version: str, marker: str) -> Path:
    """The npm package ``name@version``, installed once into the cache (``<name>-<version>/``)."""
    folder = CACHE / f"{name}-{version}"
    package = folder / "node_modules" / name
    if not (package / marker).exists():
        if not shutil.which("npm"):
            _unavailable(f"npm findes ikke, så {name} kan ikke hentes")
        done = subprocess.run(["npm", "install", "--silent", "--prefix", str(folder), f"{name}@{version}"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            _unavailable(f"npm install {name}@{version} fejlede: {done.stderr.strip()[-300:]}")
    return package


def _pyodide() -> Path:
    return npm_cached("pyodide", PYODIDE_VERSION, "pyodide.mjs")


def _wheels() -> list[Path]:
    """xlwings and the Lite wheel's dependencies as pure wheels (what micropip would fetch)."""
    folder = CACHE / "wheels"
    wanted = [XLWINGS, *wheel.LITE_REQUIRES]
    if not folder.is_dir() or len(list(folder.glob("*.whl"))) < len(wanted):
        done = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                               "--platform", "any", "--python-version", "3.14", "-d", str(folder), *wanted],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            _unavailable(f"pip download fejlede: {done.stderr.strip()[-300:]}")
    return sorted(folder.glob("*.whl"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory, fjordby_files):
    if not shutil.which("node"):
        _unavailable("node findes ikke (Debian: apt-get install nodejs npm)")
    pyodide, deps = _pyodide(), _wheels()
    tmp = tmp_path_factory.mktemp("lite")
    built = tmp / wheel.name()
    built.write_bytes(wheel.build(agreements=collect(DATA)))  # what `dsi-xl lite --agreements tests/data` writes
    xlsx = example(tmp)
    job = {
        "main_folder": str(ROOT / "addin" / "lite"),
        "calls": [[name, args] for _, name, args, _ in RESULTS + ERRORS],
        "day": DAY.isoformat(),
        "payload": payload(xlsx, validate_file(xlsx).computed),
        "xlsx": str(xlsx),
        "more_xlsx": [str(fjordby_files["example"])],
        "files": [str(fjordby_files["example"])],
        "env": {},  # no DSI_XL_AGREEMENTS inside Pyodide: the second agreement must come from the wheel
    }
    job_file = tmp / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial", DSI_XL_AGREEMENTS=str(DATA))
    cpython = subprocess.run([sys.executable, str(HERE / "lite_probe.py"), str(job_file)], capture_output=True,
                             text=True, env=env, check=False)
    assert cpython.returncode == 0, cpython.stderr
    node_env = {k: v for k, v in os.environ.items() if k != "DSI_XL_AGREEMENTS"}
    node = subprocess.run(["node", str(HERE / "lite_pyodide.mjs"), str(pyodide), str(HERE / "lite_probe.py"),
                           str(job_file), str(built), *map(str, deps)], capture_output=True, text=True, check=False,
                          env=node_env)
    assert node.returncode == 0, node.stderr[-3000:]
    return json.loads(cpython.stdout), json.loads(node.stdout.strip().splitlines()[-1])


def test_it_really_ran_in_pyodide(runs):
    cpython, pyodide = runs
    assert pyodide["platform"] == "emscripten" and cpython["platform"] != "emscripten"


def test_same_function_metadata(runs):
    cpython, pyodide = runs
    assert len(pyodide["functions_meta"]["functions"]) >= 16
    assert pyodide["functions_meta"] == cpython["functions_meta"]


def test_same_validate_script(runs):
    cpython, pyodide = runs
    assert [s["function_name"] for s in pyodide["scripts_meta"]] == ["validate"]
    assert pyodide["scripts_meta"] == cpython["scripts_meta"]


@pytest.mark.parametrize("index", range(len(RESULTS + ERRORS)), ids=[case[0] for case in RESULTS + ERRORS])
def test_same_answer_to_every_function_case(runs, index):
    cpython, pyodide = runs
    assert pyodide["answers"][index] == cpython["answers"][index]
    if index < len(RESULTS):
        assert pyodide["answers"][index] == {"result": RESULTS[index][3]}  # and the right one


def test_same_actions_of_the_validate_script(runs):
    cpython, pyodide = runs
    assert any(a["func"] == "setValues" for a in pyodide["actions"])
    assert pyodide["actions"] == cpython["actions"]


def test_same_validate_file_result(runs):
    cpython, pyodide = runs
    assert pyodide["validate_file"]["status"] in ("ok", "advarsel")
    assert pyodide["validate_file"] == cpython["validate_file"]


def test_same_validate_file_result_for_the_second_agreement(runs):
    cpython, pyodide = runs
    (second,) = pyodide["more"]
    assert second["status"] == "ok" and "DSI_M4_RESULTAT" in second["computed"]
    assert second["computed"]["DSI_BETALING"][3] == [50400, None, None]
    assert pyodide["more"] == cpython["more"]


def test_a_second_agreement_answers_from_the_wheel_alone(runs):
    _, pyodide = runs
    made_up = [i for i, case in enumerate(RESULTS) if MADE_UP in json.dumps(case[2])]
    assert len(made_up) >= 3
    for index in made_up:
        assert pyodide["answers"][index] == {"result": RESULTS[index][3]}
    assert pyodide["agreements_env"] is None
