"""Calculate a template workbook without Excel, with the ``formulas`` package (a test
dependency) and the DSI_ functions of :mod:`dsi_xl.udfs` registered.

Two adaptations of the engine's calling convention, nothing else: a defined name that points at
constant cells only (``DSI_TILSAGN_ID``, a range of typed dates) reaches a custom function as an unresolved
``Ranges``, and
a one-cell name as a 1x1 array, where Excel passes the value; and an array result is handed back
as a numpy array, the engine's own kind, so ``INDEX`` can pick from it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np


def register(constants: dict[tuple[str, str], Any]) -> None:
    """Register every DSI_ function with the engine; ``constants`` maps (SHEET upper-case, ref)
    to the values of constant cells, for names the engine leaves unresolved."""
    import formulas
    from formulas.ranges import Ranges

    from dsi_xl import udfs

    def resolve(arg):
        if isinstance(arg, Ranges):
            try:
                arg = arg.value
            except Exception:  # the engine has no value for constants reached only by name
                first = arg.ranges[0]
                return _from_constants(constants, first["sheet"], first["ref"])
        if getattr(arg, "shape", None) == (1, 1):
            return arg[0][0]
        return arg

    def wrap(function):
        @functools.wraps(function)
        def call(*args):
            result = function(*(resolve(a) for a in args))
            return np.asarray(result, dtype=object) if isinstance(result, list) else result
        return call

    table = formulas.get_functions()
    for name in dir(udfs):
        if name.startswith("DSI_"):
            table[name] = wrap(getattr(udfs, name))


def _from_constants(constants: dict[tuple[str, str], Any], sheet: str, ref: str) -> Any:
    """A range's constant values (``None`` for a blank): one value for one cell, else rows."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    if ":" not in ref:
        return constants.get((sheet, ref))
    left, top, right, bottom = range_boundaries(ref)
    rows = [[constants.get((sheet, f"{get_column_letter(c)}{r}")) for c in range(left, right + 1)]
            for r in range(top, bottom + 1)]
    return rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else rows


def calculate(path: Path) -> dict[tuple[str, str], Any]:
    """Every cell's value after calculation: (sheet as in the workbook, ref) -> value; ``""``
    for a blank result, an ``XlError`` for an error."""
    import formulas
    import openpyxl

    book = openpyxl.load_workbook(path)
    titles = {ws.title.upper(): ws.title for ws in book.worksheets}
    register({(ws.title.upper(), c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows()
              for c in row if c.value is not None and not str(c.value).startswith("=")})
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    prefix = f"'[{Path(path).name}]"
    values = {}
    for key, value in solution.items():
        key = str(key)
        if not key.startswith(prefix) or ":" in key.split("!")[-1]:
            continue
        sheet, ref = key[len(prefix):].split("'!")
        cell = value.value[0][0] if hasattr(value, "value") else value
        if type(cell).__name__ == "EmptyValue" or str(cell) == "empty":
            cell = ""
        values[(titles.get(sheet, sheet), ref)] = cell.item() if hasattr(cell, "item") else cell
    return values
