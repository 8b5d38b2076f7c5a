"""A submission whose every text cell holds hostile text, under hostile file names (issue 29).

``HOSTILE`` lists the strings a tester put into a cell: a lone surrogate and a noncharacter (as
Excel's ``_xHHHH_`` escapes), terminal escapes, formulas a spreadsheet would evaluate in a CSV
file (OWASP's list), rich markup, a bidirectional override and Excel's own escape written
literally. :func:`build` copies the shipped example with every text input and a few amount cells
set to them, writing the XML by hand (openpyxl refuses such characters).
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import openpyxl

from conftest import EXAMPLE_FILE
from dsi_xl import spec

HOSTILE = (
    "\ud800",
    "\uffff",
    "\x1b]0;PWNED\x07\x1b[2J",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/","klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "[link=https://evil.example/]klik her[/link]",
    "x[/y]z",
    "\u202egnp.exe",
    "_x001B_[2J bogstaveligt",
)
FILE_NAMES = (
    "=2+5+cmd|' -C calc'!A0.xlsx",
    "[link=https:/evil.example/]klik her[/link].xlsx",
    "Regnskab 2027 [endelig].xlsx",
    "x[/y]z.xlsx",
    "\x1b]0;PWNED\x07.xlsx",
    os.fsdecode(b"K\xf8benhavn.xlsx"),  # Latin-1, as a zip made on Windows unpacks
)
AMOUNTS = spec.DSI_FAKTISK  # a few of its cells get hostile text too, so messages quote it


def _escaped(text: str) -> str:
    """``text`` as SpreadsheetML cell text: XML-escaped, control characters, surrogates and
    noncharacters as ``_xHHHH_``, a literal ``_xHHHH_`` as ``_x005F_xHHHH_``."""
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "&<>":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}[ch])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"_x{code:04X}_")
        else:
            out.append(ch)
    return "".join(out)


def _cells(book) -> list:
    cells = []
    for name in spec.NAMES:
        if name.kind != "input" or not (name.holds == "text" or name.name == AMOUNTS):
            continue
        for _title, ref in book.defined_names[name.name].destinations:
            area = book[_title][ref]
            rows = area if isinstance(area, tuple) else ((area,),)
            flat = [c for row in rows for c in (row if isinstance(row, tuple) else (row,))]
            cells += flat if name.holds == "text" else flat[:3]
    return cells


def build(folder: Path, name: str = "fjendtlig.xlsx", offset: int = 0) -> Path:
    """The example with every text input cell (and three amount cells) holding a hostile string,
    the municipality's ``HOSTILE[offset]`` and the next cells the strings after it."""
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.load_workbook(EXAMPLE_FILE)
    tokens = {}
    for i, cell in enumerate(_cells(book)):
        token = f"HOSTILETOKEN{i:03d}X"
        cell.value = token
        tokens[token] = HOSTILE[(i + offset) % len(HOSTILE)]
    plain = folder / ".plain.xlsx"
    book.save(plain)
    target = folder / name
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.endswith(".xml"):
                text = data.decode("utf-8")
                for token, hostile in tokens.items():
                    text = text.replace(token, _escaped(hostile))
                data = text.encode("utf-8")
            new.writestr(info.filename, data)
    plain.unlink()
    return target


NAMES = ("fjendtlig.xlsx", *FILE_NAMES, *(f"kommune-{n}.xlsx" for n in range(len(FILE_NAMES) + 1, len(HOSTILE))))
"""Every file of :func:`inbox`: each hostile string is the municipality of one of them."""


def inbox(folder: Path) -> Path:
    """A folder of hostile files under hostile names (the link's slashes make folders), file n
    with ``HOSTILE[n]`` as its municipality, so every one reaches the CSV and the overview."""
    for offset, name in enumerate(NAMES):
        build(folder, name, offset)
    return folder
