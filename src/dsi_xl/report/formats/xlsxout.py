"""``--format xlsx``: DSI's batch report workbook: the overview, the portfolio and all findings.

Sheet ``Oversigt`` (:mod:`.overview`): one row per file, who sent it, whether the run counts it,
status and counts, costs, grant received, unused grant and each repayment rate, a caseload
breach; a totals row over the counted files. Sheet ``Portefølje`` (:mod:`.portfolio`): one row
per agreement and municipality across the accounts years, with native charts of budget against
actual costs and of repayments per rate. Sheet ``Fund``: one row per finding. Every sheet prints
on A4 landscape, fitted to the width, its header on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dsi_xl.format import AMOUNT, COUNT, DATE, YEAR
from dsi_xl.report import overview, portfolio
from dsi_xl.report.write_openpyxl import print_setup, put
from dsi_xl.validation.result import Result

SUMMARY_SHEET = "Oversigt"
PORTFOLIO_SHEET = "Portefølje"
FINDINGS_SHEET = "Fund"
FINDING_HEADINGS = ["Fil", "Status", "Alvor", "Regel", "Ark", "Celle", "Navn", "Besked"]
FORMATS = {"amount": AMOUNT, "count": COUNT, "date": DATE, "year": YEAR}
WIDTHS = {"fil": 28, "status": 10, "taelles_med": 8, "tilsagn": 14, "skabelon_version": 9, "kommune": 17,
          "cvr": 10, "regnskabsaar": 12, "underskrift_dato": 13, "as_of": 13, "dsi_xl_version": 8, "fejl": 6,
          "advarsler": 10, "info": 6, "sagsstamme_overskredet": 12, "sha256": 24}  # else 18
WRAPPED = {"fil", "sha256"}  # a long path and the 64 hex digits wrap in their column, not over the next
SMALL = {"sha256": 8}  # points: the checksum in two lines of 32 digits
LINE = 15.0  # points per line of an 11-point row


def _number(value: Any) -> Any:
    """A Decimal as a number a cell can hold (amounts are already rounded to øre)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _shown(value: Any, kind: str) -> Any:
    if kind == "yes" and isinstance(value, bool):
        return "ja" if value else "nej"
    return _number(value)


def _table(sheet, headings: list[str], rows: list[list], widths: list[int],
           formats: dict[int, str] | None = None, total: list[Any] | None = None) -> None:
    for c, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=c, value=heading)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    body = rows + ([total] if total else [])
    for r, row in enumerate(body, start=2):
        for c, value in enumerate(row, start=1):
            put(sheet, r, c, value)
            if formats and c in formats and value is not None and not isinstance(value, str):
                sheet.cell(row=r, column=c).number_format = formats[c]
    if total:
        for c in range(1, len(headings) + 1):
            sheet.cell(row=len(body) + 1, column=c).font = Font(bold=True)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{max(1, len(rows) + 1)}"  # not the totals
    print_setup(sheet, "1:1")


def _overview(sheet, results: Sequence[Result]) -> None:
    columns = overview.columns(results)
    body = overview.rows(results)
    shown = [[_shown(v, col.kind) for v, col in zip(row, columns)] for row in body]
    total = [_number(v) for v in overview.totals(columns, body)]
    formats = {c: FORMATS[col.kind] for c, col in enumerate(columns, start=1) if col.kind in FORMATS}
    widths = [WIDTHS.get(col.key, 18) for col in columns]
    _table(sheet, [col.heading for col in columns], shown, widths, formats, total)
    sheet.row_dimensions[1].height = 45  # the long headings wrap onto three lines
    lines = [1] * len(body)
    for c, col in enumerate(columns, start=1):
        if col.key not in WRAPPED:
            for r in range(2, len(body) + 2):
                sheet.cell(row=r, column=c).alignment = Alignment(vertical="top")
        else:
            per_line = int(WIDTHS[col.key] * 11 / SMALL.get(col.key, 11)) - 1
            for r, values in enumerate(body):
                cell = sheet.cell(row=r + 2, column=c)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if col.key in SMALL:
                    cell.font = Font(size=SMALL[col.key])
                text = str(values[c - 1] or "")
                lines[r] = max(lines[r], -(-len(text) // per_line) if text else 1)
    for r, count in enumerate(lines, start=2):
        if count > 1:  # LibreOffice and Excel do not grow a row for wrapped text they did not write
            sheet.row_dimensions[r].height = LINE * count


def _portfolio(sheet, results: Sequence[Result]) -> None:
    data = portfolio.of(results)
    top, below = portfolio.headings(data)
    for c, (group, heading) in enumerate(zip(top, below), start=1):
        sheet.cell(row=1, column=c, value=group or None).font = Font(bold=True)
        cell = sheet.cell(row=2, column=c, value=heading)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    keys = len(portfolio.KEY_HEADINGS)
    for r, row in enumerate(data.rows, start=3):
        for c, value in enumerate(row, start=1):
            put(sheet, r, c, _number(value))
            if c > keys and not isinstance(value, str) and value is not None:
                sheet.cell(row=r, column=c).number_format = AMOUNT
    for c in range(1, data.width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 18 if c == 2 else 16  # the chart tables use A:C too
    sheet.row_dimensions[2].height = 30
    sheet.freeze_panes = sheet.cell(row=3, column=keys + 1).coordinate
    last = 2 + len(data.rows)
    if data.rows:
        sheet.auto_filter.ref = f"A2:{get_column_letter(data.width)}{last}"
    print_setup(sheet, "1:2")
    _charts(sheet, data, last + 2)


def _chart_table(sheet, top: int, headings: list[str], rows: list[tuple]) -> None:
    for c, heading in enumerate(headings, start=1):
        sheet.cell(row=top, column=c, value=heading).font = Font(bold=True)
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=_number(value) if c > 1 else value)
            if c > 1:
                cell.number_format = AMOUNT


def _bar(title: str, sheet, top: int, count: int, y_title: str) -> BarChart:
    chart = BarChart()
    chart.type, chart.grouping, chart.title = "col", "clustered", title
    chart.y_axis.title, chart.y_axis.numFmt = y_title, "#,##0"
    chart.y_axis.delete = chart.x_axis.delete = False  # openpyxl hides both axes by default
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=top, max_row=top + count), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=top + count))
    chart.width, chart.height = 16, 8
    return chart


def _charts(sheet, data: portfolio.Portfolio, top: int) -> None:
    """Two native charts, each beside the small table it draws, so DSI can edit both."""
    if data.by_year:
        _chart_table(sheet, top, ["Regnskabsår", "Budget", "Faktiske udgifter"],
                     [(str(year), budget, actual) for year, budget, actual in data.by_year])
        sheet.add_chart(_bar("Budget og faktiske udgifter pr. år", sheet, top, len(data.by_year), "kr."),
                        sheet.cell(row=top, column=5).coordinate)
        top += max(len(data.by_year) + 2, 18)
    if data.by_rate:
        _chart_table(sheet, top, ["Rate", "Til tilbagebetaling", "Tilbagebetalt"],
                     [(f"Rate {n}", due, repaid) for n, due, repaid in data.by_rate])
        sheet.add_chart(_bar("Tilbagebetaling pr. rate", sheet, top, len(data.by_rate), "kr."),
                        sheet.cell(row=top, column=5).coordinate)


def build(results: Sequence[Result]) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    _overview(summary, results)
    _portfolio(book.create_sheet(PORTFOLIO_SHEET), results)
    findings = book.create_sheet(FINDINGS_SHEET)
    rows = [[r.file, r.status, f.severity, f.rule, f.sheet, f.cell, f.name, f.message]
            for r in results for f in r.findings]
    _table(findings, FINDING_HEADINGS, rows, [40, 12, 10, 12, 14, 8, 26, 100])
    for r in range(2, len(rows) + 2):
        findings.cell(row=r, column=len(FINDING_HEADINGS)).alignment = Alignment(wrap_text=True, vertical="top")
    return book


def save(book: Workbook, stream: BinaryIO) -> None:
    """``book.save`` into ``stream`` with the zip file closed on every path: openpyxl's own save
    leaves it open when a write fails, and its ``__del__`` then prints a traceback."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None) -> bytes:
    """The report workbook's bytes (:mod:`dsi_xl.report.formats`)."""
    import io

    buffer = io.BytesIO()
    save(build(results), buffer)
    return buffer.getvalue()
