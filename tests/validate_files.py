"""Workbook files for the validate command's tests: the shipped example, or a stand-in.

``example(folder)`` copies ``workbook_templates/eksempel-2027.xlsx`` into ``folder``; until that
file is built, it writes a stand-in with openpyxl: every defined name of the spec on its sheet,
filled with :func:`submission_builder.valid_inputs` for 2027 (no formulas). ``broken(folder)`` is
a file that is not a workbook.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.workbook.defined_name import DefinedName

from conftest import EXAMPLE_FILE
from dsi_xl.agreement import load
from submission_builder import build

AS_OF = date(2028, 6, 1)  # after the 2027 accounts' signature, before their deadline


def stand_in(target: Path) -> Path:
    submission = build(load(), 2027)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for named in submission.names.values():
        sheet = book[named.sheet] if named.sheet in book.sheetnames else book.create_sheet(named.sheet)
        for row in named.cells:
            for cell in row:
                sheet[cell.ref] = cell.value
        first, _, last = named.ref.partition(":")
        column = first.rstrip("0123456789")
        text = f"'{named.sheet}'!${column}${first[len(column):]}" if not last else f"'{named.sheet}'!{named.ref}"
        book.defined_names[named.name] = DefinedName(named.name, attr_text=text)
    book.save(target)
    return target


def example(folder: Path, name: str = "eksempel-2027.xlsx") -> Path:
    target = Path(folder) / name
    if EXAMPLE_FILE.exists():
        shutil.copyfile(EXAMPLE_FILE, target)
        return target
    return stand_in(target)


def broken(folder: Path, name: str = "ødelagt.xlsx") -> Path:
    target = Path(folder) / name
    target.write_text("Dette er ikke en projektmappe.\n", encoding="utf-8")
    return target
