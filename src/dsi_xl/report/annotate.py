"""``--annotate``: a copy of a submission with the ``Valideringsrapport`` sheet the button writes.

The copy is made with openpyxl from the input (which is only read); the report sheet is
replaced if the file has one, and nothing else is touched on purpose. The copy is written
through a temporary file and a rename, so an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from dsi_xl.report import sheet as report_sheet
from dsi_xl.atomic import replacing
from dsi_xl.report.write_openpyxl import write
from dsi_xl.validation.model import Result


def target_for(source: str | os.PathLike[str], folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / Path(source).name


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def annotate(source: str | os.PathLike[str], result: Result, folder: str | os.PathLike[str], *,
             when: datetime | None = None) -> Path:
    """Write ``folder/<name of source>`` with the report sheet; never overwrites ``source``."""
    import openpyxl

    source = Path(source)
    target = target_for(source, folder)
    if same_file(source, target):
        raise ValueError(f"{target} er selve inputfilen; vælg en anden mappe til de annoterede kopier.")
    macros = source.suffix.lower() == ".xlsm"
    book = openpyxl.load_workbook(source, keep_vba=macros, keep_links=True)
    name = report_sheet.SHEET_NAME
    if name in book.sheetnames:
        index = book.sheetnames.index(name)
        book.remove(book[name])
        sheet = book.create_sheet(name, index)
    else:
        sheet = book.create_sheet(name)
    write(sheet, report_sheet.layout(result, when=when))
    with replacing(target) as temporary:
        book.save(temporary)
    return target
