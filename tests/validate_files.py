"""Workbook files for the validate command's tests: the shipped example and a broken file.

``example(folder)`` copies ``workbook_templates/eksempel-2027.xlsx`` into ``folder``;
``broken(folder)`` is a file that is not a workbook.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import EXAMPLE_FILE

AS_OF = date(2028, 6, 1)  # after the 2027 accounts' signature, before their deadline


def example(folder: Path, name: str = "eksempel-2027.xlsx") -> Path:
    target = Path(folder) / name
    shutil.copyfile(EXAMPLE_FILE, target)
    return target


def broken(folder: Path, name: str = "ødelagt.xlsx") -> Path:
    target = Path(folder) / name
    target.write_text("Dette er ikke en projektmappe.\n", encoding="utf-8")
    return target
