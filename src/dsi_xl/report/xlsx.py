"""``--format xlsx``: DSI's batch report workbook, one summary row per file and all findings.

Sheet ``Oversigt``: who sent the file (the identification fields of the JSON), status and
counts, the actual costs through the accounts year, the grant received, the unused grant
(DSI_IKKE_ANVENDT) and each rate of DSI_TILBAGEBETALING after the caps (from the engine's
``computed``), and whether the caseload was breached; a totals row under the files; amounts in
kr.; a filter; printed on A4 landscape, fitted to the width, with the header on every page.
Sheet ``Fund``: one row per finding across files. Written through a temporary file and a rename.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dsi_xl.atomic import replacing
from dsi_xl.format import AMOUNT, COUNT, DATE, YEAR
from dsi_xl.report.summary import repayments, unused
from dsi_xl.report.write_openpyxl import put
from dsi_xl.validation import facts, identity
from dsi_xl.validation.model import Result

SUMMARY_SHEET = "Oversigt"
FINDINGS_SHEET = "Fund"
TOTAL = "I alt"

IDENTITY_HEADINGS: dict[str, str] = {
    "sha256": "SHA-256", "tilsagn": "Tilsagn", "skabelon_version": "Skabelon", "kommune": "Kommune",
    "cvr": "CVR", "regnskabsaar": "Regnskabsår", "underskrift_dato": "Underskrevet",
    "as_of": "Frister vurderet pr.", "dsi_xl_version": "dsi-xl",
}
COSTS = "Faktiske udgifter til og med regnskabsåret"
RECEIVED = "Modtaget tilskud"
UNUSED = "Ikke-anvendt tilskud (DSI_IKKE_ANVENDT)"
BREACH = "Sagsstamme overskredet"
COUNTS = ["Fejl", "Advarsler", "Info"]


def summary_headings(rates: int) -> list[str]:
    return (["Fil", "Status", *(IDENTITY_HEADINGS[f] for f in identity.FIELDS), *COUNTS, COSTS, RECEIVED, UNUSED]
            + [f"Tilbagebetaling rate {n} (DSI_TILBAGEBETALING)" for n in range(1, rates + 1)] + [BREACH])


def amount_headings(rates: int) -> list[str]:
    """The columns the totals row sums."""
    return [COSTS, RECEIVED, UNUSED] + [f"Tilbagebetaling rate {n} (DSI_TILBAGEBETALING)" for n in range(1, rates + 1)]


FINDING_HEADINGS = ["Fil", "Status", "Alvor", "Regel", "Ark", "Celle", "Navn", "Besked"]


def _number(value: Any) -> Any:
    """A Decimal as a number a cell can hold (amounts are already rounded to øre)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _day(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _yes(value: bool | None) -> str | None:
    return None if value is None else ("ja" if value else "nej")


def summary_row(result: Result, rates: int) -> list[Any]:
    fields = identity.blank() | result.identity | {"as_of": result.as_of}
    fields["underskrift_dato"] = _day(fields["underskrift_dato"])
    due = repayments(result) + [None] * (rates - len(repayments(result)))
    figures = {key: result.facts.get(key) for key in facts.KEYS}
    return [result.file, result.status, *(fields[f] for f in identity.FIELDS),
            result.count("fejl"), result.count("advarsel"), result.count("info"),
            _number(figures[facts.COSTS]), _number(figures[facts.RECEIVED]), unused(result), *due,
            _yes(figures[facts.BREACH])]


def totals(rows: list[list[Any]], headings: list[str], summed: list[str]) -> list[Any]:
    """The totals row: the sum of every amount column (blanks count as nothing) and of the counts."""
    out: list[Any] = [None] * len(headings)
    out[0] = TOTAL
    for heading in summed + COUNTS:
        c = headings.index(heading)
        values = [Decimal(str(row[c])) for row in rows if isinstance(row[c], (int, float, Decimal))
                  and not isinstance(row[c], bool)]
        out[c] = _number(sum(values, Decimal(0)))
    return out


def _formats(headings: list[str], summed: list[str]) -> dict[int, str]:
    formats = {headings.index(h) + 1: AMOUNT for h in summed}
    formats |= {headings.index(h) + 1: COUNT for h in COUNTS}
    formats |= {headings.index(IDENTITY_HEADINGS[f]) + 1: DATE for f in ("underskrift_dato", "as_of")}
    formats[headings.index(IDENTITY_HEADINGS["regnskabsaar"]) + 1] = YEAR
    return formats


def _print_setup(sheet) -> None:
    """A4 landscape, one page wide, as many pages tall as it takes, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"


def _table(sheet, headings: list[str], rows: list[list], widths: list[int],
           formats: dict[int, str] | None = None, total: list[Any] | None = None) -> None:
    for c, heading in enumerate(headings, start=1):
        sheet.cell(row=1, column=c, value=heading).font = Font(bold=True)
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
    _print_setup(sheet)


def build(results: Sequence[Result]) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    rates = max((len(repayments(r)) for r in results), default=0)
    headings, summed = summary_headings(rates), amount_headings(rates)
    rows = [[_number(v) for v in summary_row(r, rates)] for r in results]
    widths = [40, 10, 12, 16, 9, 14, 10, 11, 12, 12, 8, 6, 10, 6] + [18] * len(summed) + [12]
    _table(summary, headings, rows, widths, _formats(headings, summed), totals(rows, headings, summed))
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
