"""Write a :class:`~dsi_xl.report.report_sheet.Layout` into an openpyxl worksheet (a thin writer)."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from dsi_xl.report.neutral import xml
from dsi_xl.report.report_sheet import STYLES, Layout, Style, is_formula_like


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Set a value; text passes :func:`dsi_xl.report.neutral.xml` (nothing a worksheet cannot hold,
    no ``_xHHHH_`` Excel would decode) and text that looks like a formula stays text. The cell."""
    if isinstance(value, str):
        value = xml(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if is_formula_like(value):
        cell.data_type = "s"
    return cell


def _apply(cell: Any, style: Style) -> None:
    if style.fill:
        cell.fill = PatternFill("solid", fgColor=style.fill.lstrip("#"))
    if style.font or style.bold or style.size:
        cell.font = Font(color=style.font.lstrip("#") if style.font else None, bold=style.bold,
                         size=style.size or 11)
    if style.wrap or style.top:
        cell.alignment = Alignment(wrap_text=style.wrap, vertical="top" if style.top else None)


def write(sheet: Worksheet, layout: Layout) -> None:
    for r, row in enumerate(layout.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                put(sheet, r, c, value)
    for block in layout.blocks:
        style = STYLES[block.style]
        for r in range(block.row, block.row + block.rows):
            for c in range(block.column, block.column + block.columns):
                _apply(sheet.cell(row=r, column=c), style)
    for link in layout.links:
        cell = sheet.cell(row=link.row, column=link.column)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=xml(link.location), display=str(cell.value or ""))
    for c, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    for row, height in layout.heights.items():
        sheet.row_dimensions[row].height = height
    print_setup(sheet, "{}:{}".format(*layout.title_rows) if layout.title_rows else None, layout.landscape)


def print_setup(sheet: Worksheet, title_rows: str | None, landscape: bool = True) -> None:
    """A4 (landscape unless told otherwise), one page wide, as many pages tall as it takes, the
    ``title_rows`` (``"1:2"``) on every page."""
    if landscape:
        sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if title_rows:
        sheet.print_title_rows = title_rows
