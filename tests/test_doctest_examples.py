"""The core's docstring examples are tests: every clause shows its worked example as ``>>>`` lines,
and the README's one test command runs them (pyproject.toml: --doctest-modules over these paths)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import dsi_xl

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(dsi_xl.__file__).parent
CLAUSES = sorted(p for p in (SRC / "clauses").glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", CLAUSES + [SRC / "money.py", SRC / "format.py"], ids=lambda p: p.name)
def test_each_core_module_shows_a_runnable_example(path):
    assert "\n    >>> " in path.read_text(encoding="utf-8"), f"{path.name}: no >>> example in a docstring"


def test_the_test_command_runs_the_examples():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"].split()
    assert {"src/dsi_xl/clauses", "src/dsi_xl/money.py", "src/dsi_xl/format.py"} <= set(options["testpaths"])
