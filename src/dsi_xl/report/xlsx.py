"""``--format xlsx``: DSI's batch report workbook, one summary row per file and all findings.

Sheet ``Oversigt``: file, status, counts and the amounts due (DSI_IKKE_ANVENDT and each rate of
DSI_TILBAGEBETALING, from the engine's ``computed``). Sheet ``Fund``: one row per finding across
files. Written through a temporary file and a rename.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dsi_xl.atomic import replacing
from dsi_xl.format import AMOUNT_PLAIN as AMOUNT_FORMAT
from dsi_xl.report.summary import repayments, unused
from dsi_xl.report.write_openpyxl import put
from dsi_xl.validation.model import Result

SUMMARY_SHEET = "Oversigt"
FINDINGS_SHEET = "Fund"



def summary_headings(rates: int) -> list[str]:
    return (["Fil", "Status", "Fejl", "Advarsler", "Info", "Ikke-anvendt tilskud (DSI_IKKE_ANVENDT)"]
            + [f"Tilbagebetaling rate {n} (DSI_TILBAGEBETALING)" for n in range(1, rates + 1)])


FINDING_HEADINGS = ["Fil", "Status", "Alvor", "Regel", "Ark", "Celle", "Navn", "Besked"]


def _table(sheet, headings: list[str], rows: list[list], widths: list[int], amount_from: int | None = None) -> None:
    for c, heading in enumerate(headings, start=1):
        sheet.cell(row=1, column=c, value=heading).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            put(sheet, r, c, value)
            if amount_from is not None and c >= amount_from and isinstance(value, (int, float)):
                sheet.cell(row=r, column=c).number_format = AMOUNT_FORMAT
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{max(1, len(rows) + 1)}"


def build(results: Sequence[Result]) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    rates = max((len(repayments(r)) for r in results), default=0)
    rows = []
    for r in results:
        due = repayments(r) + [None] * (rates - len(repayments(r)))
        rows.append([r.file, r.status, r.count("fejl"), r.count("advarsel"), r.count("info"), unused(r), *due])
    _table(summary, summary_headings(rates), rows, [50, 12, 8, 11, 8, 22] + [22] * rates, amount_from=6)
    findings = book.create_sheet(FINDINGS_SHEET)
    rows = [[r.file, r.status, f.severity, f.rule, f.sheet, f.cell, f.name, f.message]
            for r in results for f in r.findings]
    _table(findings, FINDING_HEADINGS, rows, [40, 12, 10, 12, 14, 8, 26, 100])
    return book


def save(book: Workbook, path: str | os.PathLike[str]) -> None:
    """``book.save(path)`` with the zip file closed on every path: openpyxl's own save leaves it
    open when a write fails (a full disk), and its ``__del__`` then prints a traceback."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    with open(path, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()


def write(results: Sequence[Result], target: str | os.PathLike[str]) -> None:
    book = build(results)
    with replacing(target) as temporary:
        save(book, temporary)
