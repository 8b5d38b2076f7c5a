"""Pictures of the example's sheets for the README (a developer tool).

``python -m dsi_xl.template.pictures [EXAMPLE] [FOLDER]``: the formula cells of a copy of the
example get the values the ``formulas`` engine computes with the DSI_ functions (LibreOffice
knows no DSI_ function and would print #NAME?); each pictured sheet alone is printed by
LibreOffice to PDF at full size on one A3 page, and the page turned into PNG at 80 dpi by
``pdftoppm``, cropped to the sheet's rows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

# sheet -> (picture, A3 orientation, print scale in %, picture width in pixels)
SHEETS = {"Regnskab": ("regnskab.png", "landscape", 100, 1150), "Betalingsmål": ("betalingsmaal.png", "portrait", 90, 800)}
TRUTH = {True: "SAND", False: "FALSK"}  # as Danish Excel shows a logical value


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=240)


def render(example: Path, folder: Path) -> list[Path]:
    import openpyxl

    from dsi_xl.template.engine import calculate

    values = calculate(example)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for sheet, (png, orientation, scale, width) in SHEETS.items():
            book = openpyxl.load_workbook(example)
            for ws in book.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        if isinstance(cell.value, str) and cell.value.startswith("="):
                            value = values[(ws.title, cell.coordinate)]
                            cell.value = TRUTH[value] if isinstance(value, bool) else value
            for other in [ws for ws in book.worksheets if ws.title != sheet]:
                book.remove(other)
            book.defined_names.clear()
            ws = book[sheet]  # the whole sheet at full size on one A3 page, cropped below
            ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.scale = ws.PAPERSIZE_A3, orientation, scale
            ws.sheet_properties.pageSetUpPr.fitToPage = False
            height = 80 + sum(ws.row_dimensions[r].height or 15 for r in range(1, ws.max_row + 1)) * 80 / 72 * scale / 100
            copy = work / f"{Path(png).stem}.xlsx"
            book.save(copy)
            _run("soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                 "--outdir", str(work), str(copy))
            target = folder / png
            _run("pdftoppm", "-png", "-r", "80", "-singlefile", "-x", "0", "-y", "0", "-W", str(width), "-H", str(int(height)),
                 str(copy.with_suffix(".pdf")), str(target.with_suffix("")))
            written.append(target)
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    example = Path(args[0]) if args else Path("workbook_templates/eksempel-2027.xlsx")
    out = Path(args[1]) if len(args) > 1 else Path("docs/img")
    for path in render(example, out):
        print(path, path.stat().st_size)
