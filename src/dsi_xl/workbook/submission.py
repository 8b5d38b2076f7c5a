"""What a reader hands the validator: a workbook's facts by defined name, and nothing live.

A :class:`Submission` holds plain Python values only; no object in it can act on the file.
Cached values are what Excel last computed and saved (``None`` when the file was written by a
program that saves no values, such as openpyxl). Dates in date-formatted cells are
``datetime.datetime``; Excel error values are :class:`ExcelError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dsi_xl.errors import ExcelError  # noqa: F401  (a cell value; defined at the bottom layer)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: where it is, its cached value and, if it holds one, its formula (with ``=``)."""

    sheet: str
    ref: str  # "C12", no dollar signs
    value: Any = None
    formula: str | None = None


@dataclass(frozen=True, slots=True)
class NamedRange:
    """A workbook-scoped defined name that points at one rectangular range of one sheet."""

    name: str
    sheet: str
    ref: str  # "C5:D5" or "C5", no dollar signs
    cells: tuple[tuple[Cell, ...], ...]  # rows x columns

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.cells), len(self.cells[0]) if self.cells else 0)

    @property
    def values(self) -> list[list[Any]]:
        return [[cell.value for cell in row] for row in self.cells]

    @property
    def formulas(self) -> list[list[str | None]]:
        return [[cell.formula for cell in row] for row in self.cells]

    @property
    def first(self) -> Cell:
        return self.cells[0][0]


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    state: str = "visible"  # "visible", "hidden" or "veryHidden"
    protected: bool = False


@dataclass(frozen=True)
class Submission:
    """Everything the validator may know about one workbook."""

    path: str
    names: dict[str, NamedRange]  # workbook-scoped names that resolve to one range
    defined_names: dict[str, str] = field(default_factory=dict)  # every defined name -> its text
    formulas: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, ref) -> formula, all sheets
    sheets: tuple[SheetInfo, ...] = ()
    calc_mode: str | None = None  # "auto", "manual", "autoNoTable" or None (not stated: auto)
    external_links: tuple[str, ...] = ()  # targets of external workbook links
    active_content: tuple[str, ...] = ()  # Danish descriptions: VBA project, DDE, web query, ...
    has_cached_values: bool = False  # True when the file carries values Excel computed
    # workbook-scoped names defined more than once, exactly or in another case (Excel's names
    # are case-insensitive): (first name, its text, later name, its text), in file order
    name_clashes: tuple[tuple[str, str, str, str], ...] = ()

    def get(self, name: str) -> NamedRange | None:
        return self.names.get(name)
