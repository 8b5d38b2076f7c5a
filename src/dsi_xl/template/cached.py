"""Cached values for the template's formula cells, computed by dsi-xl, written into the sheet XML.

openpyxl writes a formula cell as ``<c r="C7"><f>…</f><v /></c>``: no value, so a program that
does not calculate the DSI_ functions (LibreOffice, an Excel without the add-in) shows nothing,
and DSI's check of saved values (FORMEL-03) has nothing to check. :func:`add` calculates the
saved workbook with :mod:`dsi_xl.template.calculation` (the ``formulas`` package with the DSI_
functions, which call the core) and gives every formula cell its value, as Excel would save it:
a number as ``<v>``, text as ``t="str"``, a logical as ``t="b"``, an error as ``t="e"``. A blank
result ("") keeps no value: openpyxl and dsi-xl's reader both read that as blank, and LibreOffice
would not take an empty cached text anyway.

The ``formulas`` package is needed only here, when the template is generated, never by the
add-in or the validator; :func:`available` tells whether it is installed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

# openpyxl writes an empty value as <v/> or <v /> through et_xmlfile, as <v></v> through lxml
CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?)(?: t="[a-zA-Z]+")?><f>(.*?)</f>(?:<v ?/>|<v></v>)</c>',
                  re.S)
FORMULA = re.compile(rb"<f[ >]")
SHEET = re.compile(rb'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"')
RELATION = re.compile(rb'<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"')


def available() -> bool:
    """True when the ``formulas`` engine is installed (a test and generation dependency)."""
    try:
        import formulas  # noqa: F401
    except ImportError:
        return False
    return True


def _value(value: Any) -> tuple[str, str]:
    """(the cell's t attribute or "", the text of its <v>) for a calculated value."""
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            return ' t="e"', "#NUM!"
        return "", repr(int(value)) if float(value).is_integer() and abs(value) < 2 ** 53 else repr(float(value))
    if type(value).__name__ == "XlError" or (
        isinstance(value, str) and value.startswith("#") and value.endswith(("!", "?", "A"))
    ):
        return ' t="e"', escape(str(value))
    return ' t="str"', escape(str(value))


def _sheet_parts(files: dict[str, bytes]) -> dict[str, str]:
    """Sheet title -> its part name in the zip (``xl/worksheets/sheet1.xml``)."""
    from html import unescape

    targets = {rid.decode(): target.decode() for target, rid in RELATION.findall(files["xl/_rels/workbook.xml.rels"])}
    parts = {}
    for name, rid in SHEET.findall(files["xl/workbook.xml"]):
        target = targets[rid.decode()]
        parts[unescape(name.decode())] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def add(files: dict[str, bytes]) -> dict[str, bytes]:
    """The zip's parts with a cached value in every formula cell of every sheet."""
    import contextlib
    import io
    import zipfile

    from dsi_xl.template.calculation import calculate

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "skabelon.xlsx"
        with zipfile.ZipFile(path, "w") as book:
            for name, data in files.items():
                book.writestr(name, data)
        with contextlib.redirect_stderr(io.StringIO()):  # the engine's progress bars
            values = calculate(path)
    out = dict(files)
    for title, part in _sheet_parts(files).items():
        def cached(match: re.Match, title: str = title) -> bytes:
            where, style, formula = match.group(1).decode(), match.group(2), match.group(3)
            value = values[(title, where)]
            if value == "" and not isinstance(value, bool):  # a blank result: no value, as a blank
                return match.group(0)                        # reads alike in every reader
            kind, text = _value(value)
            return (f'<c r="{where}"'.encode() + style + kind.encode() + b"><f>" + formula + b"</f><v>"
                    + text.encode() + b"</v></c>")

        out[part], found = CELL.subn(cached, files[part])
        if found != len(FORMULA.findall(files[part])):  # never silently a template without values
            raise RuntimeError(f"{part}: {len(FORMULA.findall(files[part])) - found} formelceller fik ingen gemt værdi")
    return out
