"""Pictures of DSI's report workbook and of a report sheet for the README (a developer tool).

``python -m dsi_xl.report.report_pictures RAPPORT.xlsx KOPI.xlsx [FOLDER]``: every sheet but
``Fund`` of a ``validate --format xlsx`` report (the overview's ``Oversigt``, ``Beløb`` and
``Filer``, the portfolio's ``Portefølje``, ``Regnskaber`` and ``Poster``) and ``Valideringsrapport``
of an annotated copy, each printed alone by LibreOffice with a Danish locale as the sheet is set
up to print (A4 landscape, fitted to the width), the first page turned into PNG cropped to what
is printed on it (:mod:`dsi_xl.printout`). Needs LibreOffice and poppler-utils.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from dsi_xl.printout import to_pdf, to_png

DPI = 100
REPORT_SHEETS = {"Oversigt": "oversigt.png", "Beløb": "beloeb.png", "Filer": "filer.png",
                 "Portefølje": "portefolje.png", "Regnskaber": "regnskaber.png", "Poster": "poster.png"}
COPY_SHEETS = {"Valideringsrapport": "valideringsrapport.png"}


def printed(book: Path, sheet: str, work: Path) -> Path:
    """``sheet`` of ``book`` alone (the others hidden in a copy) as LibreOffice prints it."""
    import openpyxl

    copy = openpyxl.load_workbook(book)
    for ws in copy.worksheets:
        ws.sheet_state = "visible" if ws.title == sheet else "hidden"
    copy.active = copy.sheetnames.index(sheet)
    target = work / f"{len(list(work.glob('*.xlsx')))}.xlsx"
    copy.save(target)
    return to_pdf(target, work)


def render(report: Path, copy: Path | None, folder: Path) -> list[Path]:
    """The first page of each pictured sheet, as printed, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(report, sheet, png) for sheet, png in REPORT_SHEETS.items()]
    jobs += [(copy, sheet, png) for sheet, png in COPY_SHEETS.items()] if copy else []
    with tempfile.TemporaryDirectory() as tmp:
        return [to_png(printed(book, sheet, Path(tmp)), folder / png, DPI, 1, 1) for book, sheet, png in jobs]


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__.split("\n\n")[1])
    for path in render(Path(args[0]), Path(args[1]) if len(args) > 1 and args[1] else None,
                       Path(args[2]) if len(args) > 2 else Path("docs/img")):
        print(path, path.stat().st_size)
