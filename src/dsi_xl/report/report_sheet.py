"""The ``Valideringsrapport`` sheet as data: one pure function, two thin writers.

:func:`layout` turns a :class:`~dsi_xl.validation.result.Result` into rows of plain values (from
A1), named styles on cell blocks and links to the cells the findings name. The openpyxl writer
(:mod:`dsi_xl.report.write_openpyxl`, for ``--annotate``) and the xlwings writer
(:mod:`dsi_xl.report.write_xlwings`) only
translate these; neither decides anything about the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dsi_xl.format import count, day
from dsi_xl.report import wrap
from dsi_xl.spec import REPORT_SHEET
from dsi_xl.validation.result import Result

SHEET_NAME = REPORT_SHEET

STATUS_TEXT = {
    "ok": "OK: ingen fejl eller advarsler",
    "advarsler": "ADVARSLER: regnskabet kan afleveres, men DSI bør se på advarslerne",
    "fejl": "FEJL: regnskabet kan ikke afleveres, før fejlene er rettet",
    "ulæselig": "ULÆSELIG: filen kunne ikke læses som en regnskabsskabelon",
}
HEADINGS = ("Alvor", "Regel", "Ark", "Celle", "Navn", "Besked")
WIDTHS = (10, 12, 14, 12, 40, 80)  # characters, one per column of HEADINGS; the longest defined name fits
WRAPPED = (3, 4, 5)  # 0-based columns that wrap: cells, name, message


@dataclass(frozen=True, slots=True)
class Style:
    """How a block looks: fill and font colour as #RRGGBB (or None), bold, wrapped."""

    fill: str | None = None
    font: str | None = None
    bold: bool = False
    wrap: bool = False
    size: float | None = None
    top: bool = False  # vertical alignment at the top


STYLES: dict[str, Style] = {
    "title": Style(bold=True, size=14),
    "status-ok": Style(fill="#C6EFCE", font="#006100", bold=True),
    "status-advarsler": Style(fill="#FFEB9C", font="#9C5700", bold=True),
    "status-fejl": Style(fill="#FFC7CE", font="#9C0006", bold=True),
    "status-ulæselig": Style(fill="#FFC7CE", font="#9C0006", bold=True),
    "heading": Style(fill="#1F4E78", font="#FFFFFF", bold=True),
    "fejl": Style(fill="#FFC7CE", font="#9C0006"),
    "advarsel": Style(fill="#FFEB9C", font="#9C5700"),
    "info": Style(fill="#DDEBF7", font="#1F4E78"),
    "body": Style(top=True),
    "message": Style(wrap=True, top=True),
    "link": Style(font="#0563C1"),
}


@dataclass(frozen=True, slots=True)
class Block:
    """A style on a rectangle: 1-based first row and column, and its size."""

    row: int
    column: int
    rows: int
    columns: int
    style: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link in cell (row, column), 1-based, to ``cell`` on ``sheet`` of the same workbook."""

    row: int
    column: int
    sheet: str
    cell: str

    @property
    def location(self) -> str:
        """``'Regnskab'!C5``: the sheet always quoted, quotes in its name doubled."""
        return "'" + self.sheet.replace("'", "''") + "'!" + self.cell


@dataclass(frozen=True)
class Layout:
    rows: list[list[Any]]  # row 1 first; every row as wide as HEADINGS
    blocks: list[Block]
    links: list[Link]
    widths: tuple[int, ...] = WIDTHS
    heights: dict[int, float] = field(default_factory=dict)  # 1-based row -> points, for wrapped rows
    title_rows: tuple[int, int] | None = None  # 1-based rows printed at the top of every page
    landscape: bool = True  # printed on A4 landscape, fitted to the width

    @property
    def status_cell(self) -> tuple[int, int]:
        return (2, 1)


def _row(*values: Any) -> list[Any]:
    cells = list(values) + [None] * (len(HEADINGS) - len(values))
    return cells[: len(HEADINGS)]


def file_name(path: str | None) -> str:
    r"""The file's own name, without a folder: the sheet goes back to the municipality, and DSI's
    folders (and user names, with an absolute path) are DSI's own. Both ``/`` and ``\\`` separate.

    >>> file_name("/home/dsi/indkomne/viborg/2028/regnskab.xlsx"), file_name("C:\\Post\\regnskab.xlsx")
    ('regnskab.xlsx', 'regnskab.xlsx')
    """
    return re.split(r"[\\/]", path or "")[-1]


def judged_text(result: Result) -> str:
    """Which day the deadlines were judged on: the signing date, or the run's "today"."""
    return f"Frister vurderet pr. {day(result.as_of)}" if result.as_of else "Frister er ikke vurderet"


def counts_text(result: Result) -> str:
    return (f"{count(result.count('fejl'), 'fejl', 'fejl')}, "
            f"{count(result.count('advarsel'), 'advarsel', 'advarsler')}, "
            f"{count(result.count('info'), 'info', 'info')}")


def layout(result: Result, *, when: datetime | None = None, notes: tuple[str, ...] = ()) -> Layout:
    """The report sheet for ``result``: status at the top, counts, then one row per finding.

    ``when`` is printed as the time of the run (omitted when ``None``, so a layout is
    reproducible); ``notes`` are extra Danish sentences under the counts (e.g. what a runtime
    could not check).
    """
    width = len(HEADINGS)
    status = result.status
    rows: list[list[Any]] = [
        _row("Valideringsrapport (dsi-xl)"),
        _row(STATUS_TEXT[status]),
        _row("Fil: " + file_name(result.file)),
        _row("Kørt: " + when.strftime("%d.%m.%Y %H:%M") if when else "Kørt af dsi-xl"),
        _row("Fund: " + counts_text(result)),
        _row(judged_text(result)),
    ]
    rows += [_row(note) for note in notes]
    rows.append(_row())
    blocks = [Block(1, 1, 1, width, "title"), Block(2, 1, 1, width, "status-" + status)]
    heading_row = len(rows) + 1
    rows.append(list(HEADINGS))
    blocks.append(Block(heading_row, 1, 1, width, "heading"))
    links: list[Link] = []
    for offset, finding in enumerate(result.findings):
        r = heading_row + 1 + offset
        rows.append([finding.severity, finding.rule, finding.sheet, finding.cell, finding.name, finding.message])
        blocks.append(Block(r, 1, 1, 1, finding.severity))
        if finding.sheet and finding.cell:
            links.append(Link(r, 4, finding.sheet, finding.cell.split(",")[0]))
    if result.findings:
        first = heading_row + 1
        blocks.append(Block(first, 1, len(result.findings), width, "body"))
        for column in WRAPPED:
            blocks.append(Block(first, column + 1, len(result.findings), 1, "message"))
        for link in links:
            blocks.append(Block(link.row, link.column, 1, 1, "link"))
    heights = {}
    for offset in range(len(result.findings)):
        row = rows[heading_row + offset]
        lines = max(wrap.lines(row[c], WIDTHS[c]) for c in WRAPPED)
        if lines > 1:
            heights[heading_row + 1 + offset] = wrap.LINE_HEIGHT * lines
    return Layout(rows, blocks, links, WIDTHS, heights, (heading_row, heading_row))


def is_formula_like(value: Any) -> bool:
    """Text a spreadsheet would take for a formula if typed: the writers keep it as text."""
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@")
