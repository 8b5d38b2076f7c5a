"""Pictures of DSI's report workbook and of a report sheet for the README (a developer tool).

``python -m dsi_xl.report.pictures RAPPORT.xlsx KOPI.xlsx [FOLDER]``: the sheets ``Oversigt`` and
``Portefølje`` of a ``--format xlsx`` report and ``Valideringsrapport`` of an annotated copy,
each printed alone by LibreOffice with a Danish locale as the sheet is set up to print (A4
landscape, fitted to the width), the first page turned into PNG by ``pdftoppm`` and cropped to
what is printed on it (the text's extent from ``pdftotext -bbox``, charts' labels included).
Needs LibreOffice and poppler-utils; nothing else in dsi-xl imports this module.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

DPI = 100
MARGIN = 12  # points around the printed content
DANISH = ('<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">'
          '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
          '<value>da-DK</value></prop></item></oor:items>')
REPORT_SHEETS = {"Oversigt": "oversigt.png", "Portefølje": "portefolje.png"}
COPY_SHEETS = {"Valideringsrapport": "valideringsrapport.png"}


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=240).stdout


def printed(book: Path, sheet: str, work: Path) -> Path:
    """``sheet`` of ``book`` alone as LibreOffice prints it, as a PDF in ``work``."""
    import openpyxl

    copy = openpyxl.load_workbook(book)
    for ws in copy.worksheets:
        ws.sheet_state = "visible" if ws.title == sheet else "hidden"
    copy.active = copy.sheetnames.index(sheet)
    target = work / f"{len(list(work.glob('*.xlsx')))}.xlsx"
    copy.save(target)
    profile = work / "profil" / "user"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "registrymodifications.xcu").write_text(DANISH, encoding="utf-8")
    _run("soffice", f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), str(target))
    return target.with_suffix(".pdf")


def picture(pdf: Path, target: Path) -> Path:
    """The first page of ``pdf`` as PNG, cropped to its printed content."""
    boxes = _run("pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-")
    words = [tuple(float(v) for v in m) for m in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)]
    scale = DPI / 72
    left = max(0.0, min(w[0] for w in words) - MARGIN)
    top = max(0.0, min(w[1] for w in words) - MARGIN)
    right, bottom = max(w[2] for w in words) + MARGIN, max(w[3] for w in words) + MARGIN
    _run("pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", "-x", str(int(left * scale)),
         "-y", str(int(top * scale)), "-W", str(int((right - left) * scale)), "-H", str(int((bottom - top) * scale)),
         str(pdf), str(target.with_suffix("")))
    return target


def render(report: Path, copy: Path | None, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(report, sheet, png) for sheet, png in REPORT_SHEETS.items()]
    jobs += [(copy, sheet, png) for sheet, png in COPY_SHEETS.items()] if copy else []
    with tempfile.TemporaryDirectory() as tmp:
        return [picture(printed(book, sheet, Path(tmp)), folder / png) for book, sheet, png in jobs]


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__.split("\n\n")[1])
    for path in render(Path(args[0]), Path(args[1]) if len(args) > 1 and args[1] else None,
                       Path(args[2]) if len(args) > 2 else Path("docs/img")):
        print(path, path.stat().st_size)
