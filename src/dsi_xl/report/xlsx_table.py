"""One table on one sheet of DSI's report workbooks, written with openpyxl: the overview's sheets,
the portfolio's and the findings all look and print alike.

A bold heading row (wrapped, repeated on every printed page), one row per record, then the
totals rows in bold; each column's number format, alignment and width from its
:class:`~dsi_xl.report.columns.Column` (its kind); wrapped text gets the row height it needs
(:mod:`dsi_xl.report.wrap`), as LibreOffice and Excel do not grow a row they did not write; a
status is coloured as the report sheet colours it; a filter over the records; A4 landscape,
one page wide (:func:`~dsi_xl.report.write_openpyxl.print_setup`). Every column is wide enough,
and every sheet narrow enough, that no text prints below 8 points.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dsi_xl.format import AMOUNT, COUNT, DATE, YEAR
from dsi_xl.money import to_excel
from dsi_xl.report import wrap
from dsi_xl.report.columns import Column
from dsi_xl.report.write_openpyxl import print_setup, put

FORMATS = {"amount": AMOUNT, "count": COUNT, "date": DATE, "year": YEAR}
WIDTHS = {"amount": 15, "date": 11, "year": 7, "count": 8, "yes": 8, "status": 13, "text": 16}  # characters
FILLS = {  # a status as the report sheet shows it (red: act; yellow: look; green: fine)
    "fejl": "FFC7CE", "ulæselig": "FFC7CE", "overskredet": "FFC7CE", "mangler": "FFC7CE",
    "advarsler": "FFEB9C", "advarsel": "FFEB9C", "ikke_forfalden": "FFEB9C", "ukendt": "EDEDED", "info": "DDEBF7",
    "ok": "C6EFCE", "betalt": "C6EFCE", "modtaget": "C6EFCE",
}
# One instance of each style, shared by every cell: openpyxl looks a new instance up among the
# workbook's styles by comparing it with each, which a report of thousands of rows pays for.
WRAP, TOP, BOLD = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top"), Font(bold=True)
FILL = {status: PatternFill("solid", fgColor=colour) for status, colour in FILLS.items()}


def number(value: Any) -> Any:
    """A Decimal as a number a cell can hold (:func:`dsi_xl.money.to_excel`; amounts are already
    rounded to øre); anything else as it is."""
    return to_excel(value) if isinstance(value, Decimal) else value


def width(column: Column) -> int:
    return column.width or WIDTHS[column.kind]


def shown(value: Any, column: Column, labels: dict[str, str] | None = None) -> Any:
    """What a cell of ``column`` holds for ``value``: ja/nej for a yes, a status (or another code
    of the kind ``status``) as a person reads it (``labels``), a number for a Decimal."""
    if column.kind == "yes" and isinstance(value, bool):
        return "ja" if value else "nej"
    if column.kind == "status" and labels and value in labels:
        return labels[value]
    return number(value)


def write(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
          totals: Sequence[Sequence[Any]] = (), *, labels: dict[str, str] | None = None, top: int = 1) -> int:
    """The table from row ``top``: headings, ``rows`` (values in the order of ``columns``) and the
    ``totals`` rows (their first cell says what they are). Returns the last row written."""
    heading_lines = 1
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(row=top, column=c, value=column.heading)
        cell.font, cell.alignment = BOLD, WRAP
        sheet.column_dimensions[get_column_letter(c)].width = width(column)
        heading_lines = max(heading_lines, wrap.lines(column.heading, width(column)))
    if heading_lines > 1:
        sheet.row_dimensions[top].height = wrap.LINE_HEIGHT * heading_lines
    r = top
    for r, values in enumerate([*rows, *totals], start=top + 1):
        lines = 1
        for c, (value, column) in enumerate(zip(values, columns), start=1):
            cell = put(sheet, r, c, shown(value, column, labels))
            text = column.kind in ("text", "status")
            cell.alignment = WRAP if text else TOP
            if column.kind in FORMATS and value is not None and not isinstance(value, (str, bool)):
                cell.number_format = FORMATS[column.kind]
            if column.kind == "status" and value in FILL:
                cell.fill = FILL[value]
            if text and value is not None:
                lines = max(lines, wrap.lines(cell.value, width(column)))
        if lines > 1:
            sheet.row_dimensions[r].height = wrap.LINE_HEIGHT * lines
        if r > top + len(rows):
            for c in range(1, len(columns) + 1):
                sheet.cell(row=r, column=c).font = BOLD
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"A{top + 1}"
    sheet.auto_filter.ref = f"A{top}:{last}{top + max(1, len(rows))}"  # the records, not the totals
    print_setup(sheet, f"{top}:{top}")
    return r
