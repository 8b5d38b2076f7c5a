"""A filled copy of an earlier template version is judged against the formulas it was built
with (template/released), not the current layout: the shipped 1.1 example validates to the same
findings as the dsi-xl that built it gave, and a version this dsi-xl holds no map of is said so."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from dsi_xl.agreement import load
from dsi_xl.spec import KNOWN_VERSIONS, TEMPLATE_VERSION
from dsi_xl.template import formulas, formulas_for, released
from dsi_xl.validation.engine import validate, validate_file
from submission_builder import build

OLD_EXAMPLE = Path(__file__).parent / "data" / "eksempel-2027-skabelon-1.1.xlsx"


@pytest.mark.parametrize("as_of", [date(2028, 6, 1), date(2028, 9, 1), date(2029, 12, 1)])
def test_the_shipped_1_1_example_validates_as_the_dsi_xl_that_built_it_said(as_of):
    """What 1d5f6b9's dsi-xl said of its own example on these days: ok, with these three infos."""
    result = validate_file(OLD_EXAMPLE, as_of=as_of)
    assert result.status == "ok"
    assert sorted((f.rule, f.severity, f.cell) for f in result.findings) == [
        ("BUDGET-05", "info", "D11"), ("MAAL-09", "info", "C43"), ("UBRUGT-01", "info", "C37")]


def test_the_current_layout_moved_formula_cells_since_1_1():
    """Why the released map is needed: the 1.1 copy's formula cells are not today's."""
    randers = load("randers-2026")
    then, _ = released.formulas("randers-2026", "1.1")
    assert TEMPLATE_VERSION != "1.1" and "1.1" in KNOWN_VERSIONS
    assert set(then) != set(formulas(randers))
    assert formulas_for(randers, "1.1")[0] == then and formulas_for(randers, "1.0")[0] == then
    assert formulas_for(randers, TEMPLATE_VERSION)[0] == formulas(randers)


def test_a_copy_of_a_version_without_a_released_map_is_warned_and_not_compared(made_up):
    submission = build(made_up, DSI_SKABELON_VERSION="1.1")
    submission = dataclasses.replace(submission, formulas={})  # nothing to compare: FORMEL-01 would fire
    assert formulas_for(made_up, "1.1") is None
    result = validate(submission, agreement=made_up, as_of=date(2031, 6, 1))
    rules = {f.rule for f in result.findings}
    assert "FORMEL-10" in rules and "FORMEL-01" not in rules and "FORMEL-02" not in rules
    same = build(made_up)
    assert "FORMEL-10" not in {f.rule for f in validate(same, agreement=made_up, as_of=date(2031, 6, 1)).findings}
