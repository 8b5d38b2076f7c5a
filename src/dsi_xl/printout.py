"""Print a workbook the way the README's pictures and the print tests see it (developer tools).

:func:`to_pdf` has LibreOffice print a workbook to PDF, headless, with a Danish locale (numbers
as ``1.133.397,30 kr.``, as a Danish office prints them) in its own throwaway profile;
:func:`to_png` turns a PDF's pages into one PNG with ``pdftoppm``, each page cropped to what is
printed on it and stacked one under the other. Needs LibreOffice and poppler-utils; nothing on
the add-in's or the validator's path imports this module.
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

DANISH = ('<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">'
          '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
          '<value>da-DK</value></prop></item></oor:items>')
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
        crops.append(
            _close_gaps([pixels[y * width * 3 + left * 3 : y * width * 3 + right * 3] for y in range(top, bottom)])
        )
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


def to_pdf(book: Path, work: Path, soffice: str = "soffice") -> Path:
    """``book`` printed by LibreOffice to ``work/<stem>.pdf``, as each sheet's print setup says."""
    profile = work / "profil"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(DANISH, encoding="utf-8")
    _run(soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), str(book))
    return work / f"{book.stem}.pdf"


def to_png(pdf: Path, target: Path, dpi: int = 100, first: int | None = None, last: int | None = None) -> Path:
    """The pages of ``pdf`` (``first`` to ``last``, default all) as one PNG at ``dpi``."""
    stem = pdf.with_name(pdf.stem + "-side")
    pages = ["-f", str(first)] if first else []
    pages += ["-l", str(last)] if last else []
    _run("pdftoppm", "-r", str(dpi), *pages, str(pdf), str(stem))
    _stack(sorted(pdf.parent.glob(f"{stem.name}-*.ppm")), target)
    return target
