"""Importing ``dsi_xl.udfs`` is cheap: Excel pays it on every start of the UDF server.

Each check runs in a fresh interpreter, once as classic xlwings and once as xlwings Server
(Office.js), since xlwings imports different modules in the two; and without pandas, as on an
accountant's PC, since xlwings itself imports pandas whenever it is installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from no_pandas import WITHOUT_PANDAS

HEAVY = ("openpyxl", "pandas", "rich", "click", "defusedxml")

PROBE = r"""
import json, sys
import xlwings
before = set(sys.modules)
import dsi_xl.udfs
added = sorted(set(sys.modules) - before)
from dsi_xl import agreement
print(json.dumps({
    "added": added,
    "all": sorted(sys.modules),
    "agreements_loaded": agreement._load.cache_info().currsize,
    "functions": sorted(n for n in vars(dsi_xl.udfs) if n.startswith("DSI_")),
}))
"""

BARE = "import sys, dsi_xl.udfs; print(sorted(m for m in ('pandas', 'openpyxl') if m in sys.modules))"


def _env(server: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("XLWINGS_ON_SERVER", "XLWINGS_LICENSE_KEY")}
    if server:
        env.update(XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial")
    return env


def _run(code: str, server: bool, pandas: bool = False) -> str:
    """``code`` in a fresh interpreter, without pandas unless ``pandas``."""
    code = code if pandas else WITHOUT_PANDAS + code
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(server), check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("server", [False, True], ids=["classic", "office.js"])
def test_import_leaves_pandas_and_openpyxl_unimported(server):
    assert _run(BARE, server).strip() == "[]"


@pytest.mark.parametrize("server", [False, True], ids=["classic", "office.js"])
def test_import_adds_nothing_heavy_beyond_xlwings(server):
    out = json.loads(_run(PROBE, server))
    roots = {name.split(".")[0] for name in out["added"]}
    assert not roots & set(HEAVY), sorted(roots & set(HEAVY))
    assert not {name.split(".")[0] for name in out["all"]} & {"pandas", "openpyxl"}
    assert "dsi_xl.udfs" in out["added"]  # the probe really measured the import
    # The agreement is read on the first call, not on import.
    assert out["agreements_loaded"] == 0
    assert "DSI_PAYMENT_GOAL3" in out["functions"] and "DSI_VERSION" in out["functions"]


@pytest.mark.parametrize("server", [False, True], ids=["classic", "office.js"])
def test_with_pandas_installed_only_xlwings_imports_it(server):
    out = json.loads(_run(PROBE, server, pandas=True))
    assert "pandas" in {name.split(".")[0] for name in out["all"]}  # xlwings' own import, before ours
    assert not {name.split(".")[0] for name in out["added"]} & set(HEAVY)
