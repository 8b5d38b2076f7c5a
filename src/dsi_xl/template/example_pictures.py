"""Pictures of the example's sheets for the README (a developer tool), as they print.

``python -m dsi_xl.template.example_pictures [EXAMPLE] [FOLDER]``: each pictured sheet of a copy of the
example, alone, keeps its own print setup (A4, its orientation, fitted to the width, title rows,
footer) and is printed by LibreOffice to PDF with a Danish locale; the pages (90 dpi landscape,
120 dpi portrait), cropped to what is printed on them, are stacked into one PNG
(:mod:`dsi_xl.printout`).

The formula cells get the values the ``formulas`` engine computes with the DSI_ functions:
the example carries them as cached values, but LibreOffice recalculates a cell whose cached value
is blank or a logical (which it does not read back), and would print #NAME? there.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from dsi_xl.printout import to_pdf, to_png

# sheet -> (picture, dpi): a portrait page gets more dots, so both pictures show text alike
SHEETS = {"Regnskab": ("regnskab.png", 90), "Betalingsmål": ("betalingsmaal.png", 120), "Status": ("status.png", 120)}
TRUTH = {True: "SAND", False: "FALSK"}  # as Danish Excel shows a logical value
def render(example: Path, folder: Path, sheets: dict[str, tuple[str, int]] | None = None) -> list[Path]:
    """Each sheet of ``sheets`` (default :data:`SHEETS`: sheet -> (picture, dpi)) as it prints, into ``folder``."""
    import openpyxl

    from dsi_xl.template.calculation import calculate

    values = calculate(example)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for sheet, (png, dpi) in (sheets or SHEETS).items():
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
            copy = work / f"{Path(png).stem}.xlsx"
            book.save(copy)  # the sheet's own print setup: A4, orientation, fitted to the width
            written.append(to_png(to_pdf(copy, work), folder / png, dpi))
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    example = Path(args[0]) if args else Path("workbook_templates/eksempel-2027.xlsx")
    out = Path(args[1]) if len(args) > 1 else Path("docs/img")
    for path in render(example, out):
        print(path, path.stat().st_size)
