"""Fuzzing the validator (issue 7): arbitrary values in every input name never make it raise.

Two levels:
- the engine, on the real example read once, with hypothesis writing any value into the input
  defined names (numbers of every size and sign, text, dates, booleans, Excel errors, formula
  text, blanks): at least 2,000 examples in CI (``FUZZ_EXAMPLES`` raises it; the README names
  the deep profile);
- the whole path file -> reader -> engine, with the values written into a real copy by openpyxl,
  fewer examples because each one writes a workbook.

Each example asserts a status and well-formed findings, and that no rule failed internally.
"""

from __future__ import annotations

import dataclasses
import math
import os
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_FILE
from dsi_xl.agreement import load
from dsi_xl.spec import by_name, names
from dsi_xl.validation.result import SEVERITIES
from dsi_xl.workbook.submission import ExcelError

INPUT_NAMES = tuple(s.name for s in names(load()) if s.kind == "input")  # the example's agreement's

reader = pytest.importorskip("dsi_xl.workbook.reader")
engine = pytest.importorskip("dsi_xl.validation.engine")

ENGINE_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
FILE_EXAMPLES = max(ENGINE_EXAMPLES // 20, 60)
AS_OF = date(2028, 6, 1)

numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6),
    st.sampled_from([0, 1, 12, 65, 65.0000001, 100, 100.5, 108333, 2350000, 1e308, -0.0, 5e-324]),
)
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "tolv", "29 18 96 68", "29189668", "2027", "=1+1", "=HYPERLINK(\"http://x\",\"klik\")",
                     "=cmd|' /C calc'!A0", "#DIV/0!", "@SUM(A1)", "+45 12 34 56 78", "1.050.000,00"]),
)
moments = st.one_of(
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)).map(lambda d: datetime(d.year, d.month, d.day)),
)
errors = st.sampled_from(["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"]).map(ExcelError)
any_value = st.one_of(st.none(), numbers, texts, moments, st.booleans(), errors)


def _assert_well_formed(result) -> None:
    assert result.status in ("ok", "advarsler", "fejl", "ulæselig")
    for finding in result.findings:
        assert finding.severity in SEVERITIES
        assert isinstance(finding.message, str) and finding.message
        assert "Traceback" not in finding.message
        assert "intern fejl" not in finding.message.lower(), finding
    # the spec's JSON must serialise (no Decimal, no NaN as a bare float from computed values)
    import json

    from dsi_xl.report.formats import jsonout

    json.dumps(jsonout.item(result), allow_nan=False, default=jsonout.plain)


@pytest.fixture(scope="module")
def example():
    if not EXAMPLE_FILE.exists():
        pytest.skip("the example workbook has not been generated yet")
    return reader.read(EXAMPLE_FILE)


def _with_values(submission, changes):
    names = dict(submission.names)
    for name, (row, col, value) in changes.items():
        named = names[name]
        rows = [list(r) for r in named.cells]
        r, c = row % len(rows), col % len(rows[0])
        rows[r][c] = dataclasses.replace(
            rows[r][c], value=value, formula=value if isinstance(value, str) and value.startswith("=") else None
        )
        names[name] = dataclasses.replace(named, cells=tuple(tuple(x) for x in rows))
    return dataclasses.replace(submission, names=names)


changes_strategy = st.dictionaries(
    st.sampled_from(INPUT_NAMES),
    st.tuples(st.integers(0, 30), st.integers(0, 30), any_value),
    min_size=1,
    max_size=8,
)


@settings(max_examples=ENGINE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=changes_strategy)
def test_engine_never_raises_on_any_input_values(example, changes):
    result = engine.validate(_with_values(example, changes), as_of=AS_OF)
    _assert_well_formed(result)


@settings(max_examples=FILE_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=changes_strategy)
def test_whole_path_never_raises(tmp_path_factory, changes):
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not EXAMPLE_FILE.exists():
        pytest.skip("the example workbook has not been generated yet")
    book = openpyxl.load_workbook(EXAMPLE_FILE)
    for name, (row, col, value) in changes.items():
        sheet_name, ref = next(iter(book.defined_names[name].destinations))
        cells = book[sheet_name][ref.replace("$", "")]
        grid = cells if isinstance(cells, tuple) else ((cells,),)
        grid = grid if isinstance(grid[0], tuple) else (grid,)
        cell = grid[row % len(grid)][col % len(grid[0])]
        if isinstance(value, float) and not math.isfinite(value):
            value = str(value)  # a workbook cannot hold NaN or infinity
        if isinstance(value, ExcelError):
            value = str(value)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # a cell cannot hold them, in Excel either
        cell.value = value
    target = tmp_path_factory.mktemp("fuzz") / "kopi.xlsx"
    book.save(target)
    result = engine.validate_file(target, as_of=AS_OF)
    _assert_well_formed(result)
    assert result.status != "ulæselig", result.findings


def test_every_input_name_is_fuzzed():
    assert set(INPUT_NAMES) <= set(by_name(load())) and len(INPUT_NAMES) >= 20
