"""Pictures of the example's sheets for the README (a developer tool), as they print.

``python -m dsi_xl.template.pictures [EXAMPLE] [FOLDER]``: each pictured sheet of a copy of the
example, alone, keeps its own print setup (A4, its orientation, fitted to the width, title rows,
footer) and is printed by LibreOffice to PDF; ``pdftoppm`` turns each page into an image
(90 dpi landscape, 120 dpi portrait), and the pages, cropped to what is printed on them, are stacked into one PNG.

The formula cells get the values the ``formulas`` engine computes with the DSI_ functions:
the example carries them as cached values, but LibreOffice recalculates a cell whose cached value
is blank or a logical (which it does not read back), and would print #NAME? there.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

# sheet -> (picture, dpi): a portrait page gets more dots, so both pictures show text alike
SHEETS = {"Regnskab": ("regnskab.png", 90), "Betalingsmål": ("betalingsmaal.png", 120)}
TRUTH = {True: "SAND", False: "FALSK"}  # as Danish Excel shows a logical value
MARGIN = 12  # pixels of white kept around what is printed
GAP = 16  # pixels between two pages
WHITE = 250  # a pixel lighter than this in every channel counts as paper


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=240)


def _read_ppm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:  # P6, width, height, maximum value
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P6" and fields[3] == b"255", fields
    return int(fields[1]), int(fields[2]), data[at + 1:]


def _printed_box(width: int, height: int, pixels: bytes) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of everything not paper-white, plus the margin."""
    stride = width * 3
    rows = [y for y in range(height) if min(pixels[y * stride:(y + 1) * stride]) < WHITE]
    if not rows:
        return 0, 0, width, height
    top, bottom = rows[0], rows[-1] + 1
    columns = [x for x in range(width)
               if any(min(pixels[y * stride + x * 3:y * stride + x * 3 + 3]) < WHITE for y in range(top, bottom, 2))]
    left, right = columns[0], columns[-1] + 1
    return max(0, left - MARGIN), max(0, top - MARGIN), min(width, right + MARGIN), min(height, bottom + MARGIN)


def _close_gaps(rows: list[bytes]) -> list[bytes]:
    """The rows with each run of blank paper longer than two gaps (the empty rest of a page above
    its footer) cut down to one gap."""
    out: list[bytes] = []
    blank: list[bytes] = []
    for row in rows:
        if min(row) >= WHITE:
            blank.append(row)
            continue
        out += blank if len(blank) <= 2 * GAP else blank[:GAP]
        blank = []
        out.append(row)
    return out + blank[:MARGIN]


def _stack(pages: list[Path], target: Path) -> None:
    """The pages, each cropped to its print, one under the other, as a PNG."""
    crops = []
    for page in pages:
        width, height, pixels = _read_ppm(page)
        left, top, right, bottom = _printed_box(width, height, pixels)
        crops.append(_close_gaps([pixels[y * width * 3 + left * 3:y * width * 3 + right * 3] for y in range(top, bottom)]))
    wide = max(len(rows[0]) // 3 for rows in crops)
    lines: list[bytes] = []
    for n, rows in enumerate(crops):
        if n:
            lines += [b"\xff" * wide * 3] * (GAP // 2) + [b"\xc0" * wide * 3] + [b"\xff" * wide * 3] * (GAP // 2)
        lines += [row + b"\xff" * (wide * 3 - len(row)) for row in rows]
    raw = b"".join(b"\x00" + line for line in lines)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    target.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", wide, len(lines), 8, 2, 0, 0, 0))
                       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def render(example: Path, folder: Path) -> list[Path]:
    import openpyxl

    from dsi_xl.template.engine import calculate

    values = calculate(example)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for sheet, (png, dpi) in SHEETS.items():
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
            _run("soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                 "--outdir", str(work), str(copy))
            stem = work / Path(png).stem
            _run("pdftoppm", "-r", str(dpi), str(copy.with_suffix(".pdf")), str(stem))
            pages = sorted(work.glob(f"{stem.name}-*.ppm"))
            target = folder / png
            _stack(pages, target)
            written.append(target)
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    example = Path(args[0]) if args else Path("workbook_templates/eksempel-2027.xlsx")
    out = Path(args[1]) if len(args) > 1 else Path("docs/img")
    for path in render(example, out):
        print(path, path.stat().st_size)
