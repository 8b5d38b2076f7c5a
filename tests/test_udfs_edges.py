"""Worksheet functions at the edges (issue 15): a number no cell can hold, a range where one
key is wanted, an agreement id too long for a file name. Each is one Danish error, never a
traceback, a 326-digit number or the install path."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import dsi_xl
from dsi_xl.errors import DSIError
from dsi_xl.udfs import DSI_CASELOAD, DSI_TERM
from dsi_xl.udfs.boundary import ERROR_PREFIX, fits_a_cell, to_cell

INSTALL = str(Path(dsi_xl.__file__).parent)


@pytest.mark.parametrize("raadgivere", [5e-324, 1e-307])
def test_a_result_no_cell_can_hold_is_a_danish_error(raadgivere):
    shown = DSI_CASELOAD(130, raadgivere)
    assert isinstance(shown, str) and shown.startswith(ERROR_PREFIX) and "celle" in shown
    assert len(shown) < 200


def test_ordinary_results_are_unchanged():
    assert DSI_CASELOAD(130, 5) == 26
    assert to_cell(Decimal("7000.50")) == 7000.5
    assert to_cell(Decimal("1E+20")) == 1e20  # beyond 15 digits: a float, as Excel keeps it


def test_the_limits_are_excels():
    assert fits_a_cell(Decimal("9.99999999999999E+307"))
    assert fits_a_cell(0) == 0
    for bad in (Decimal("1E+308"), Decimal("1E-320"), float("inf"), Decimal("NaN")):
        with pytest.raises(DSIError):
            fits_a_cell(bad)


def test_term_given_a_range_is_a_danish_error():
    shown = DSI_TERM([["tilskud", "afkastloft"]])
    assert shown.startswith(ERROR_PREFIX) and "område på 1 x 2" in shown and "Uventet" not in shown


def test_a_very_long_agreement_id_does_not_show_the_install_path():
    shown = DSI_TERM("tilskud", "x" * 300)
    assert shown.startswith(ERROR_PREFIX) and "tilsagns-id" in shown
    assert INSTALL not in shown and "OSError" not in shown and len(shown) < 200
