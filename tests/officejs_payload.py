"""A book payload as xlwings' Office.js client sends it, built from a real .xlsx with openpyxl.

xlwings' Office.js client (``getBookData`` in xlwings.js) posts ``client`` ("Office.js"),
``version``, ``book`` (name, active sheet index, selection), ``names`` (workbook-scoped range
names with the sheet's position and the address without the sheet), and for every sheet its
name, the values from A1 to the last used cell (blanks as ``""``, dates in date-formatted cells
as ISO strings ending in ``Z``), ``pictures`` and ``tables``. Formulas are not sent.

Values are what Excel would show. A file written by openpyxl has no saved values for its formula
cells; there ``computed`` (the engine's values by formula name) stands in for Excel's
calculation in the formula names' cells, and other formula cells without a saved value are sent
blank.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import xlwings as xw
from openpyxl.utils.cell import range_boundaries


def _json_value(value: Any, is_date: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, date):
        return datetime.combine(value, time()).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def _names(book: openpyxl.Workbook) -> list[tuple[str, str, str]]:
    """(name, sheet, address) of every workbook-scoped name that points at one range."""
    found = []
    for name, item in book.defined_names.items():
        destinations = list(item.destinations)
        if len(destinations) != 1:
            continue
        sheet, address = destinations[0]
        found.append((name, sheet, address.replace("$", "")))
    return found


def payload(path: str | Path, computed: dict[str, list[list[Any]]] | None = None, *, active: int = 0,
            selection: str = "A1") -> dict[str, Any]:
    path = Path(path)
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    names = _names(formulas)
    stand_in: dict[tuple[str, int, int], Any] = {}
    for name, sheet, address in names:
        if computed and name in computed:
            min_col, min_row, _max_col, _max_row = range_boundaries(address)
            for r, row in enumerate(computed[name]):
                for c, v in enumerate(row):
                    stand_in[(sheet, min_row + r, min_col + c)] = v
    sheets = []
    for ws in formulas.worksheets:
        cached = values[ws.title]
        extent = [(r, c) for (title, r, c) in stand_in if title == ws.title] + [(ws.max_row, ws.max_column)]
        rows = []
        for r in range(1, max(r for r, _ in extent) + 1):
            row = []
            for c in range(1, max(c for _, c in extent) + 1):
                cell = ws.cell(row=r, column=c)
                value = cached.cell(row=r, column=c).value
                if value is None and (getattr(cell, "data_type", None) == "f" or cell.value is None):
                    value = stand_in.get((ws.title, r, c))
                row.append(_json_value(value, getattr(cell, "is_date", False)))
            rows.append(row)
        sheets.append({"name": ws.title, "values": rows, "pictures": [], "tables": []})
    positions = {ws.title: i for i, ws in enumerate(formulas.worksheets)}
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": active, "selection": selection},
        "names": [
            {"name": name, "sheet_index": positions[sheet], "address": address, "scope_sheet_name": None,
             "scope_sheet_index": None, "book_scope": True}
            for name, sheet, address in names
        ],
        "sheets": sheets,
    }
