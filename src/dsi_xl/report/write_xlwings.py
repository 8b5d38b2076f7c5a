"""Write a :class:`~dsi_xl.report.report_sheet.Layout` into an open workbook through xlwings.

Only the ``Valideringsrapport`` sheet is touched: it is added after the last sheet if missing,
otherwise cleared, then written. Works on desktop Excel and on xlwings' remote engine (Office.js),
which turns each call into an action for the client.
"""

from __future__ import annotations

from typing import Any

from dsi_xl.report.report_sheet import SHEET_NAME, STYLES, Layout, is_formula_like

POINTS_PER_CHARACTER = 5.7  # the remote engine sets column widths in points, desktop in characters


def _text(value: Any) -> Any:
    """Excel takes ``'`` as "this is text": a finding that quotes ``=...`` is never a formula."""
    if value is None:
        return ""
    return "'" + value if is_formula_like(value) else value


def report_sheet(book: Any) -> Any:
    """The report sheet, cleared; added after the last sheet if the book has none."""
    for sheet in book.sheets:
        if sheet.name.casefold() == SHEET_NAME.casefold():
            sheet.clear()
            return sheet
    return book.sheets.add(name=SHEET_NAME, after=book.sheets[len(book.sheets) - 1])


def write(book: Any, layout: Layout) -> Any:
    sheet = report_sheet(book)
    width = max(len(row) for row in layout.rows)
    sheet.range((1, 1)).value = [[_text(v) for v in row] + [""] * (width - len(row)) for row in layout.rows]
    for block in layout.blocks:
        style = STYLES[block.style]
        rng = sheet.range((block.row, block.column), (block.row + block.rows - 1, block.column + block.columns - 1))
        if style.fill:
            rng.color = style.fill
        if style.font:
            rng.font.color = style.font
        if style.bold:
            rng.font.bold = True
        if style.size:
            rng.font.size = style.size
        if style.wrap:
            rng.wrap_text = True
        if style.top:
            rng.vertical_alignment = "top"
    for link in layout.links:
        text = layout.rows[link.row - 1][link.column - 1] or link.cell
        sheet.range((link.row, link.column)).add_hyperlink("#" + link.location, str(text), f"Gå til {link.location}")
    remote = getattr(getattr(book, "app", None), "engine", None)
    scale = POINTS_PER_CHARACTER if getattr(remote, "name", "") == "remote" else 1
    for column, characters in enumerate(layout.widths, start=1):
        sheet.range((1, column)).column_width = characters * scale
    for row, height in layout.heights.items():
        sheet.range((row, 1)).row_height = height
    if scale == 1:
        _print_setup(sheet, layout)
    sheet.activate()
    return sheet


def _print_setup(sheet: Any, layout: Layout) -> None:
    """A4 landscape, one page wide, the heading row on every page: desktop Excel on Windows only
    (its PageSetup object); the remote engine has no page-setup action and Excel for Mac's
    scripting bridge names it differently, so there the sheet prints with Excel's own setup."""
    try:
        setup = sheet.api.PageSetup
        setup.PaperSize = 9  # xlPaperA4
        if layout.landscape:
            setup.Orientation = 2  # xlLandscape
        setup.Zoom = False
        setup.FitToPagesWide, setup.FitToPagesTall = 1, False
        if layout.title_rows:
            setup.PrintTitleRows = "${}:${}".format(*layout.title_rows)
    except Exception:  # noqa: BLE001 - printing setup never stops the report being written
        pass
