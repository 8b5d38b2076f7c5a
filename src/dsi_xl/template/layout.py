"""The template as pure data: sheets of cells, each with a kind, a number format and a rule.

Nothing here touches openpyxl. :func:`dsi_xl.template.layout_for` builds a :class:`Layout` from
an agreement; :mod:`dsi_xl.template.render` turns it into a workbook, and
:func:`dsi_xl.template.formulas` reads the formula cells straight from it (cheap: no workbook).

Cell kinds: ``input`` (unlocked, yellow), ``formula`` (blue), ``term`` (the agreement's terms,
grey), and text kinds ``title``, ``header``, ``section``, ``label``, ``note``, ``clause``.
Every kind but ``input`` is locked.

The sheet modules place the defined names (:meth:`Layout.name`) and show their labels
(:meth:`Layout.label`); every other fact of a name (its number format, its data validation) is the
spec's, given to its cells by :meth:`Layout.stamp` once every sheet is laid out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.spec import DSI_TILSAGN_ID, NameSpec, by_name
from dsi_xl.workbook.cells import parse_area, ref  # A1 references; pure, no openpyxl

TILSAGN_ID = DSI_TILSAGN_ID


def area(top: int, left: int, rows: int, cols: int) -> str:
    first, last = ref(top, left), ref(top + rows - 1, left + cols - 1)
    return first if first == last else f"{first}:{last}"


def call(function: str, *args: Any) -> str:
    """A DSI_ function call with the agreement id as its last argument: ``=DSI_X(a,b,DSI_TILSAGN_ID)``."""
    return "=" + function + "(" + ",".join([*(str(a) for a in args), TILSAGN_ID]) + ")"


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _earlier_call(key: str) -> str:
    """``=DSI_DEADLINE("opgoerelse",1,DSI_TILSAGN_ID)`` for a rate's deadline key, else
    ``=DSI_TERM("key",DSI_TILSAGN_ID)``: how a fixed term was shown before it came from Tilsagn."""
    kind, _, number = key.rpartition("_")
    if kind in ("opgoerelse", "tilbagebetaling") and number.isdigit():
        return call("DSI_DEADLINE", quoted(kind), int(number))
    return call("DSI_TERM", quoted(key))


@dataclass
class Cell:
    value: Any
    kind: str = "label"
    fmt: str | None = None
    rule: str | None = None
    wrap: bool = False


@dataclass
class Sheet:
    title: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    freeze: str | None = None
    # print setup: A4, fitted to the width; the pages it takes so, and the rows printed atop each
    orientation: str = "landscape"
    pages: int = 1
    title_rows: str | None = None

    def put(self, row: int, col: int, value: Any, kind: str = "label", fmt: str | None = None,
            rule: str | None = None, wrap: bool = False) -> str:
        self.cells[(row, col)] = Cell(value, kind, fmt, rule, wrap)
        return ref(row, col)

    def merge(self, row: int, left: int, right: int) -> None:
        if right > left:
            self.merges.append(f"{ref(row, left)}:{ref(row, right)}")


@dataclass
class Layout:
    agreement: Agreement
    sheets: dict[str, Sheet] = field(default_factory=dict)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (sheet, area)
    # a fixed term of the agreement -> the cell holding its plain value ("Tilsagn!B20"): formulas
    # that depend on no input refer to it, so a program without the add-in shows it too
    places: dict[str, str] = field(default_factory=dict)

    def sheet(self, title: str) -> Sheet:
        return self.sheets.setdefault(title, Sheet(title))

    def name(self, name: str, sheet: str, top: int, left: int, rows: int = 1, cols: int = 1) -> None:
        self.names[name] = (sheet, area(top, left, rows, cols))

    def spec(self, name: str) -> NameSpec:
        """Everything the spec says about a name of this agreement's template."""
        return by_name(self.agreement)[name]

    def label(self, name: str) -> str:
        """The name's Danish label, as the sheet shows it beside the name's cells."""
        return self.spec(name).label

    def stamp(self) -> None:
        """Give every cell of every defined name the spec's number format and, an input cell, the
        spec's data-validation key (a goal's own unit where the name has a row or column per goal)."""
        for name, (sheet, where) in self.names.items():
            spec = self.spec(name)
            top, left, bottom, right = parse_area(where)
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    cell = self.sheets[sheet].cells[(r, c)]  # every named cell is placed by its sheet
                    cell.fmt = spec.number_format_at(self.agreement, r - top, c - left)
                    cell.rule = spec.validation_at(self.agreement, r - top, c - left) if cell.kind == "input" else None

    def place(self, key: str, sheet: str, row: int, col: int) -> None:
        self.places[key] = f"{sheet}!{ref(row, col)}" if sheet.isalnum() else f"'{sheet}'!{ref(row, col)}"

    def plain(self, key: str) -> str:
        """A formula showing the fixed term ``key`` from its cell: ``=Tilsagn!B20``."""
        return "=" + self.places[key]

    def earlier(self) -> dict[tuple[str, str], str]:
        """The formula each cell that now shows a fixed term (:meth:`plain`) had in the templates
        dsi-xl wrote before (a DSI_TERM or DSI_DEADLINE call giving the same value): a filled
        copy of such a template keeps that formula, and it is not a changed formula."""
        by_formula = {"=" + place: key for key, place in self.places.items()}
        return {cell: _earlier_call(by_formula[formula]) for cell, formula in self.formulas().items()
                if formula in by_formula}

    def formulas(self) -> dict[tuple[str, str], str]:
        return {(s.title, ref(r, c)): cell.value
                for s in self.sheets.values() for (r, c), cell in sorted(s.cells.items())
                if isinstance(cell.value, str) and cell.value.startswith("=")}
