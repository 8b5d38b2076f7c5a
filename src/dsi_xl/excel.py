"""The Excel shell: the "Validér regnskab" button and the xlwings script ``validate``.

Both read the active workbook through xlwings (:mod:`dsi_xl.workbook.xlwings_book`), run the same
engine as ``dsi-xl validate`` and write the ``Valideringsrapport`` sheet
(:mod:`dsi_xl.report.write_xlwings`); nothing else in the workbook changes, and a re-run
replaces the report.

``main()`` is what the add-in's ribbon button runs (``RunPython "import dsi_xl; dsi_xl.main()"``)
and works on ``xw.Book.caller()``. ``validate(book)`` is an xlwings script for xlwings Server and
xlwings Lite (Office.js): with ``XLWINGS_ON_SERVER=true`` it is registered with
``xlwings.server.script``, which injects the book; elsewhere ``xw.script`` leaves it a plain
function of the book.
"""

from __future__ import annotations

import os
from datetime import date, datetime

import xlwings as xw

from dsi_xl.report import write_xlwings
from dsi_xl.report.report_sheet import layout
from dsi_xl.validation.engine import validate as validate_submission
from dsi_xl.validation.result import Result
from dsi_xl.validation.rules import rules
from dsi_xl.workbook import xlwings_book

if os.environ.get("XLWINGS_ON_SERVER") == "true":
    from xlwings.server import script as _script
else:
    _script = xw.script

def not_checked(shell: str) -> str:
    """The note for a shell that skips rules: which, and who checks them instead."""
    skipped = [r.id for r in rules() if shell not in r.shells]
    return (f"Formlerne kunne ikke læses i denne udgave af Excel, så {' og '.join(skipped)} (overskrevne og "
            "ændrede formler) er ikke tjekket; DSI's kontrol med dsi-xl validate tjekker dem.")


def run(book: xw.Book, *, as_of: date | None = None, when: datetime | None = None) -> Result:
    """Validate ``book`` and write its report sheet; the result is returned for callers and tests."""
    adapted = xlwings_book.read(book)
    shell = "excel" if adapted.formulas_known else "officejs"
    result = validate_submission(adapted.submission, as_of=as_of, shell=shell)
    notes = () if adapted.formulas_known else (not_checked(shell),)
    write_xlwings.write(book, layout(result, when=when or datetime.now(), notes=notes))
    return result


def main() -> None:
    """The ribbon button: validate the workbook the button was pressed in."""
    run(xw.Book.caller())


@_script
def validate(book: xw.Book) -> None:
    """Validér regnskab: write the Valideringsrapport sheet of the open workbook."""
    run(book)
