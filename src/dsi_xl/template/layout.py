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

import re
from dataclasses import dataclass, field
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.spec import DSI_TILSAGN_ID, NameSpec, by_name
from dsi_xl.workbook.cells import parse_area, ref  # A1 references; pure, no openpyxl

TILSAGN_ID = DSI_TILSAGN_ID


def area(top: int, left: int, rows: int, cols: int) -> str:
    first, last = ref(top, left), ref(top + rows - 1, left + cols - 1)
    return first if first == last else f"{first}:{last}"


_ONE_CELL = re.compile(r"\$?[A-Z]{1,3}\$?[0-9]+")
_GUARD = re.compile(r'=IF\((?:(?:OR\()?(?:IFERROR\(\$?[A-Z]{1,3}\$?[0-9]+="",FALSE\),?)+\)?'
                    r'|COUNTBLANK\([A-Z0-9:$]+\)>0),"",(.*)\)', re.S)
_YES_NO = re.compile(r'IF\((.*),"Ja","Nej"\)', re.S)


def call(function: str, *args: Any) -> str:
    """A DSI_ function call with the agreement id as its last argument: ``=DSI_X(a,b,DSI_TILSAGN_ID)``.

    Where arguments are single cells, the call is guarded by a plain IF that is blank while any
    of them is blank (:func:`blank_while`): the function gives a blank then anyway, and so a
    program without the add-in (LibreOffice, which recalculates a formula whose saved value is
    blank) prints a blank cell, not ``#NAME?``."""
    return _guarded(args, _body(function, args))


def _body(function: str, args: tuple[Any, ...]) -> str:
    """``DSI_X(a,b,DSI_TILSAGN_ID)``, unguarded and without its ``=``."""
    return function + "(" + ",".join([*(str(a) for a in args), TILSAGN_ID]) + ")"


def _guarded(args: tuple[Any, ...], body: str) -> str:
    """``=body``, guarded (:func:`blank_while`) by those of ``args`` that are single cells."""
    cells = [str(a) for a in args if isinstance(a, str) and _ONE_CELL.fullmatch(a)]
    return "=" + (blank_while(cells, body) if cells else body)


def blank_while(cells: list[str], body: str) -> str:
    """``IF(IFERROR(C5="",FALSE),"",body)``: blank while a cell is blank or shows ""; an error value
    in the cell still reaches the function, which names it."""
    tests = [f'IFERROR({c}="",FALSE)' for c in cells]
    test = tests[0] if len(tests) == 1 else "OR(" + ",".join(tests) + ")"
    return f'IF({test},"",{body})'


def rate_due(top: int, left: int, goals: int, rates: int, j: int) -> str:
    """Repayment rate ``j`` (0-based) after the caps from the results block at ``top``/``left``
    (goals x rates): ``=INDEX(DSI_REPAYMENT(results),1,j+1)``, blank while any result of rates 1
    to j+1 is blank (DSI_REPAYMENT leaves that rate blank then too), so LibreOffice prints a blank."""
    call_ = f"INDEX({call('DSI_REPAYMENT', area(top, left, goals, rates))[1:]},1,{j + 1})"
    return f'=IF(COUNTBLANK({area(top, left, goals, j + 1)})>0,"",{call_})'


def yes_no(function: str, *args: Any) -> str:
    """A call (:func:`call`) of a logical function shown as "Ja"/"Nej", inside the same guard:
    LibreOffice recalculates a saved logical value (and prints ``#NAME?`` for a DSI_ function),
    but keeps saved text."""
    return _guarded(args, f'IF({_body(function, args)},"Ja","Nej")')


def unguarded(formula: str) -> str | None:
    """The formula a guarded call (:func:`call`) had before it was guarded, or ``None``."""
    match = _GUARD.fullmatch(formula)
    if not match:
        return None
    shown = _YES_NO.fullmatch(match.group(1))
    return "=" + (shown.group(1) if shown else match.group(1))


def sheet_ref(sheet: str, row: int, col: int) -> str:
    """A reference to one cell of ``sheet`` from another sheet: ``Tilsagn!B20`` (a title that is
    not one word quoted: ``'Two words'!B20``)."""
    return (sheet if sheet.isalnum() else f"'{sheet}'") + "!" + ref(row, col)


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
    shown: str | None = None  # for a formula showing text: the longest text it shows (to fit the row)


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
    breaks: list[int] = field(default_factory=list)  # a new page begins after each of these rows
    # (row, col) -> the formula the cell had in the templates dsi-xl wrote before, where it changed
    # without changing its value (a guard for LibreOffice's sake); see Layout.earlier
    previous: dict[tuple[int, int], str] = field(default_factory=dict)

    def put(self, row: int, col: int, value: Any, kind: str = "label", fmt: str | None = None,
            rule: str | None = None, wrap: bool = False, shown: str | None = None) -> str:
        self.cells[(row, col)] = Cell(value, kind, fmt, rule, wrap, shown)
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

    def corner(self, name: str, row: int = 0, col: int = 0) -> tuple[int, int]:
        """The (row, column) of the cell ``row``, ``col`` (0-based) of the name's area."""
        top, left, _bottom, _right = parse_area(self.names[name][1])
        return top + row, left + col

    def at(self, name: str, row: int = 0, col: int = 0) -> str:
        """A reference to the cell ``row``, ``col`` of the name's area from another sheet: ``Regnskab!E28``."""
        return sheet_ref(self.names[name][0], *self.corner(name, row, col))

    def place(self, key: str, sheet: str, row: int, col: int) -> None:
        self.places[key] = sheet_ref(sheet, row, col)

    def plain(self, key: str) -> str:
        """A formula showing the fixed term ``key`` from its cell: ``=Tilsagn!B20``."""
        return "=" + self.places[key]

    def earlier(self) -> dict[tuple[str, str], str]:
        """The formula each cell that now shows a fixed term (:meth:`plain`) had in the templates
        dsi-xl wrote before (a DSI_TERM or DSI_DEADLINE call giving the same value), and the plain
        call a guarded call (:func:`call`) was: a filled copy of such a template keeps that
        formula, and it is not a changed formula."""
        by_formula = {"=" + place: key for key, place in self.places.items()}
        formulas = self.formulas()
        earlier = {cell: _earlier_call(by_formula[formula]) for cell, formula in formulas.items()
                   if formula in by_formula}
        # a call guarded for LibreOffice's sake (see call) was the plain call before
        earlier |= {cell: plain for cell, formula in formulas.items() if (plain := unguarded(formula))}
        earlier |= {(s.title, ref(r, c)): formula
                    for s in self.sheets.values() for (r, c), formula in s.previous.items()}
        return earlier

    def formulas(self) -> dict[tuple[str, str], str]:
        return {(s.title, ref(r, c)): cell.value
                for s in self.sheets.values() for (r, c), cell in sorted(s.cells.items())
                if isinstance(cell.value, str) and cell.value.startswith("=")}
