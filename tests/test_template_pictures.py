"""The README's pictures are rendered from the PDF pages as the sheets print (their own A4 print
setup), not from a full-size A3 print: each picture is no wider than its A4 page at its dpi, and
Regnskab, which prints on two pages, shows both."""

from __future__ import annotations

import shutil
import struct

import pytest

from conftest import EXAMPLE_FILE, soffice
from dsi_xl import printout
from dsi_xl.template import example_pictures

pytestmark = pytest.mark.libreoffice
A4_MM = (210, 297)


def _size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_pictures_are_the_printed_a4_pages(tmp_path, randers):
    soffice()
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from dsi_xl import template

    layout = template.layout_for(randers)
    written = {p.name: p for p in example_pictures.render(EXAMPLE_FILE, tmp_path)}
    for sheet, (png, dpi) in example_pictures.SHEETS.items():
        width, height = _size(written[png])
        short, long = (round(mm / 25.4 * dpi) for mm in A4_MM)
        across = long if layout.sheets[sheet].orientation == "landscape" else short
        down = short if layout.sheets[sheet].orientation == "landscape" else long
        assert across * 0.6 < width <= across, (sheet, width)
        assert height <= down * layout.sheets[sheet].pages + printout.GAP * 2, (sheet, height)
    assert layout.sheets["Regnskab"].pages == 2
    assert _separators(written["regnskab.png"]) == 1  # both pages, one under the other
    assert _separators(written["betalingsmaal.png"]) == 0


def _separators(path) -> int:
    """The grey lines the pictures draw between two pages."""
    import zlib

    data = path.read_bytes()
    width, _height = _size(path)
    at, idat = 8, b""
    while at < len(data):
        length, = struct.unpack(">I", data[at:at + 4])
        if data[at + 4:at + 8] == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    raw, stride = zlib.decompress(idat), 1 + width * 3
    line = b"\x00" + b"\xc0" * width * 3
    return sum(raw[i:i + stride] == line for i in range(0, len(raw), stride))
