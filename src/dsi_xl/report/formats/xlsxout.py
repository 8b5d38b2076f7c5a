"""``--format xlsx``: DSI's batch report workbook: the files, the portfolio and all findings.

Three sheets of the overview (:mod:`dsi_xl.report.overview`), one row per file each, so that each
prints readably on A4: ``Oversigt`` (status, whether and why the run counts the file, the
findings counted), ``Beløb`` (the year's own costs and grant received, the unused grant and each
repayment rate the file states, a caseload breach) and ``Filer`` (who sent it and what it is:
agreement, template, CVR, contact, checksum). Then the portfolio's three sheets
(:mod:`dsi_xl.report.portfolio_sheets`: ``Portefølje``, ``Regnskaber``, ``Poster``), and ``Fund``:
one row per finding. Every total adds up only what may be added; every sheet prints on A4
landscape, fitted to the width, its header on every page, no text below 8 points
(:mod:`dsi_xl.report.xlsx_table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from openpyxl import Workbook

from dsi_xl import portfolio
from dsi_xl.report import overview, portfolio_sheets
from dsi_xl.report.columns import Column
from dsi_xl.report.overview import AMOUNTS_SHEET, FILES_SHEET, STATUS_SHEET
from dsi_xl.report.xlsx_table import write
from dsi_xl.validation.result import Result

SUMMARY_SHEET = STATUS_SHEET
FINDINGS_SHEET = "Fund"
OVERVIEW_SHEETS = (STATUS_SHEET, AMOUNTS_SHEET, FILES_SHEET)
SHEETS = (*OVERVIEW_SHEETS, *portfolio_sheets.SHEETS, FINDINGS_SHEET)
TOTALS = {STATUS_SHEET: ("all",), AMOUNTS_SHEET: ("counted",), FILES_SHEET: ()}
FINDING_COLUMNS = (Column("fil", "Fil", "text", width=28), Column("status", "Status", "status", width=10),
                   Column("alvor", "Alvor", "status", width=9), Column("regel", "Regel", "text", width=12),
                   Column("ark", "Ark", "text", width=12), Column("celle", "Celle", "text", width=10),
                   Column("navn", "Navn", "text", width=22), Column("besked", "Besked", "text", width=70))
FINDING_HEADINGS = [c.heading for c in FINDING_COLUMNS]


def _overview(book: Workbook, results: Sequence[Result]) -> None:
    columns = overview.columns(results)
    body = overview.rows(results)
    for title in OVERVIEW_SHEETS:
        at = overview.sheet_columns(columns, title)
        totals = [overview.totals(columns, body, which) for which in TOTALS[title]]
        write(book.create_sheet(title), [columns[i] for i in at], [[row[i] for i in at] for row in body],
              [[row[i] for i in at] for row in totals])


def build(results: Sequence[Result]) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    _overview(book, results)
    portfolio_sheets.add(book, portfolio.of(results))
    rows = [[r.file, r.status, f.severity, f.rule, f.sheet, f.cell, f.name, f.message]
            for r in results for f in r.findings]
    write(book.create_sheet(FINDINGS_SHEET), FINDING_COLUMNS, rows)
    return book


def save(book: Workbook, stream: BinaryIO) -> None:
    """``book.save`` into ``stream``, the zip file finished or abandoned on every path: openpyxl's
    own save leaves it open when a write fails (or a stop signal cuts it), and its ``__del__`` then
    prints a traceback; an abandoned zip's stream is the caller's to discard."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    from dsi_xl.openpyxl_schema import schema_order

    archive = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        with schema_order():
            ExcelWriter(book, archive).write_data()
    except BaseException:  # a failed write or a stop signal: the zip is abandoned, not finished
        archive.fp = None  # so neither close() nor __del__ writes to it or prints "Exception ignored"
        raise
    archive.close()


def workbook_bytes(book: Workbook) -> bytes:
    """A workbook's bytes, saved through :func:`save`."""
    import io

    buffer = io.BytesIO()
    save(book, buffer)
    return buffer.getvalue()


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None) -> bytes:
    """The report workbook's bytes (:mod:`dsi_xl.report.formats`)."""
    return workbook_bytes(build(results))
