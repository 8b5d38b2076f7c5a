"""Turn a :class:`~dsi_xl.template.layout.Layout` into an openpyxl workbook: values, styles,
protection (no password), data validation, defined names, print setup, fixed properties."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from dsi_xl.template import running
from dsi_xl.template.data_validation import rules
from dsi_xl.template.layout import Layout, ref
from dsi_xl.template.styles import apply

CREATED = datetime(2026, 1, 1)  # fixed, so a rebuild gives the same content


def _absolute(sheet: str, area: str) -> str:
    parts = []
    for corner in area.split(":"):
        column = corner.rstrip("0123456789")
        parts.append(f"${column}${corner[len(column):]}")
    return f"'{sheet}'!" + ":".join(parts)


def _cells(layout: Layout, name: str):
    """(row, col) of every cell of a defined name, row by row."""
    from openpyxl.utils.cell import range_boundaries

    _sheet, area = layout.names[name]
    left, top, right, bottom = range_boundaries(area)
    return [[(r, c) for c in range(left, right + 1)] for r in range(top, bottom + 1)]


def render(layout: Layout, inputs: dict[str, list[list[Any]]] | None = None, day: date | None = None) -> Workbook:
    """The workbook for ``layout``; ``inputs`` fills input names (name -> rows x cols). ``day``,
    the day whose terms the layout shows, is kept on the workbook (``dsi_xl_day``) for
    :func:`dsi_xl.template.save`, which computes the saved values with the terms of that day."""
    for name, grid in (inputs or {}).items():
        sheet = layout.sheets[layout.names[name][0]]
        for row_cells, row_values in zip(_cells(layout, name), grid, strict=True):
            for (r, c), value in zip(row_cells, row_values, strict=True):
                if sheet.cells[(r, c)].kind != "input":
                    raise ValueError(f"{name} is not an input")
                sheet.cells[(r, c)].value = value
    checks = rules(layout.agreement)
    book = Workbook()
    book.remove(book.active)
    for sheet in layout.sheets.values():
        ws = book.create_sheet(sheet.title)
        by_rule: dict[str, list[str]] = {}
        for (r, c), cell in sorted(sheet.cells.items()):
            target = ws.cell(r, c)
            target.value = cell.value
            apply(target, cell.kind, cell.fmt, cell.wrap)
            if cell.rule:
                by_rule.setdefault(cell.rule, []).append(ref(r, c))
        for merged in sheet.merges:
            ws.merge_cells(merged)
        for col, width in sheet.widths.items():
            ws.column_dimensions[ref(1, col).rstrip("1")].width = width
        for row, height in sheet.heights.items():
            ws.row_dimensions[row].height = height
        ws.freeze_panes = sheet.freeze
        for key in sorted(by_rule):
            rule = checks[key]
            dv = DataValidation(type=rule.type, operator=rule.operator, formula1=rule.formula1, formula2=rule.formula2,
                                allow_blank=True, showInputMessage=True, showErrorMessage=True,
                                promptTitle=rule.title, prompt=rule.prompt, errorTitle=rule.title, error=rule.error,
                                errorStyle="stop")
            for cell_ref in by_rule[key]:
                dv.add(cell_ref)
            ws.add_data_validation(dv)
        ws.protection.sheet = True  # no password: a user may lift it on purpose
        ws.page_setup.orientation = sheet.orientation
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.gridLines = False
        ws.print_options.horizontalCentered = False
        if sheet.title_rows:
            ws.print_title_rows = sheet.title_rows
        for row in sheet.breaks:
            ws.row_breaks.append(Break(id=row))
        ws.oddFooter.center.text = running.footer(layout)
        ws.oddFooter.center.size = 8
    for name, (sheet, area) in sorted(layout.names.items()):
        book.defined_names[name] = DefinedName(name, attr_text=_absolute(sheet, area))
    book.properties.creator = "dsi-xl"
    book.properties.lastModifiedBy = "dsi-xl"
    book.properties.title = "Regnskabsskabelon"
    book.properties.created = CREATED
    book.properties.modified = CREATED
    book.calculation.fullCalcOnLoad = True
    book.dsi_xl_day = day
    return book
