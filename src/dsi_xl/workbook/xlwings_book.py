"""An open workbook, through xlwings, as a :class:`~dsi_xl.workbook.submission.Submission`.

The same facts the file reader gives, from a live book: every workbook-scoped defined name that
points at one range, with each cell's value and formula. Values are normalised as the reader
normalises them (whole numbers as ``int``, blanks as ``None``, error values as
:class:`~dsi_xl.workbook.submission.ExcelError`), so the engine judges a live book and a saved file
alike.

Formulas: desktop Excel gives them; xlwings' remote engine (Office.js and Excel on the web)
sends values only. There :func:`read` returns ``formulas_known=False`` and every formula is
``None``; the shell then leaves out the rules that compare formula text and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from dsi_xl.workbook.cells import ref
from dsi_xl.workbook.submission import Cell, ExcelError, NamedRange, SheetInfo, Submission

ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!", "#SPILL!",
                    "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
CALC_MODES = {"automatic": "auto", "manual": "manual", "semiautomatic": "autoNoTable"}


@dataclass(frozen=True)
class Adapted:
    submission: Submission
    formulas_known: bool


def value(raw: Any) -> Any:
    """One cell value as the file reader would give it."""
    if raw is None or (isinstance(raw, str) and raw == ""):
        return None
    if isinstance(raw, str) and raw in ERRORS:
        return ExcelError(raw)
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer() and abs(raw) < 2**53:
        return int(raw)
    return raw


def _grid(raw: Any, rows: int, columns: int) -> list[list[Any]]:
    """xlwings gives a scalar for one cell and tuples or lists for more: always rows x columns."""
    if not isinstance(raw, (list, tuple)):
        return [[raw]]
    if rows == 1 and raw and not isinstance(raw[0], (list, tuple)):
        return [list(raw)]
    if columns == 1 and raw and not isinstance(raw[0], (list, tuple)):
        return [[v] for v in raw]
    return [list(row) for row in raw]


def _formulas(rng: Any, rows: int, columns: int) -> list[list[str | None]] | None:
    try:
        raw = rng.formula
    except NotImplementedError:  # the remote engine: values only
        return None
    grid = _grid(raw, rows, columns)
    return [[f if isinstance(f, str) and f.startswith("=") else None for f in row] for row in grid]


def _named_range(name: str, rng: Any, formulas_known: bool) -> tuple[NamedRange, bool]:
    sheet = rng.sheet.name
    rows, columns = rng.shape
    top, left = rng.row, rng.column
    values = _grid(rng.options(ndim=2, err_to_str=True).value, rows, columns)
    formulas = _formulas(rng, rows, columns) if formulas_known else None
    cells = tuple(
        tuple(Cell(sheet, ref(top + r, left + c), value(values[r][c]),
                   formulas[r][c] if formulas is not None else None) for c in range(columns))
        for r in range(rows)
    )
    address = (
        ref(top, left) if (rows, columns) == (1, 1) else f"{ref(top, left)}:{ref(top + rows - 1, left + columns - 1)}"
    )
    return NamedRange(name, sheet, address, cells), formulas is not None


def _sheet_formulas(book: Any) -> dict[tuple[str, str], str]:
    """Every formula of every sheet (desktop Excel only)."""
    found: dict[tuple[str, str], str] = {}
    for sheet in book.sheets:
        used = sheet.used_range
        rows, columns = used.shape
        for r, row in enumerate(_grid(used.formula, rows, columns)):
            for c, text in enumerate(row):
                if isinstance(text, str) and text.startswith("="):
                    found[(sheet.name, ref(used.row + r, used.column + c))] = text
    return found


def _sheets(book: Any) -> tuple[SheetInfo, ...]:
    infos = []
    for sheet in book.sheets:
        try:
            state = "visible" if sheet.visible else "hidden"
        except (KeyError, NotImplementedError, AttributeError):
            state = "visible"
        infos.append(SheetInfo(sheet.name, state))
    return tuple(infos)


def _calc_mode(book: Any) -> str | None:
    try:
        return CALC_MODES.get(book.app.calculation)
    except Exception:  # noqa: BLE001 - a runtime that does not tell: not stated
        return None


def read(book: Any) -> Adapted:
    """The open ``book`` (an ``xlwings.Book``) as a Submission, and whether formulas were known."""
    names: dict[str, NamedRange] = {}
    defined: dict[str, str] = {}
    formulas_known = True
    for item in book.names:
        full = item.name
        try:
            defined[full] = item.refers_to or ""
        except Exception:  # noqa: BLE001
            defined[full] = ""
        if "!" in full:  # sheet-scoped: not part of the template's contract
            continue
        try:
            rng = item.refers_to_range
        except Exception:  # noqa: BLE001 - a constant, a formula or several areas: not a range
            continue
        named, formulas_known = _named_range(full, rng, formulas_known)
        names[full] = named
    all_formulas: dict[tuple[str, str], str] = {}
    if formulas_known:
        try:
            all_formulas = _sheet_formulas(book)
        except Exception:  # noqa: BLE001 - fall back to the named ranges' formulas
            all_formulas = {}
        for named in names.values():
            for row in named.cells:
                for cell in row:
                    if cell.formula:
                        all_formulas.setdefault((cell.sheet, cell.ref), cell.formula)
    submission = Submission(
        path=book.fullname,
        names=names,
        defined_names=defined,
        formulas=all_formulas,
        sheets=_sheets(book),
        calc_mode=_calc_mode(book),
        has_cached_values=True,
    )
    return Adapted(submission, formulas_known)
