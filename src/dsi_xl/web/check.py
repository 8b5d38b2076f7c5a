"""The browser check's Python: a file's bytes in, what ``dsi-xl validate`` says about it out.

The page's Web Worker calls these two functions inside Pyodide; the tests call them on CPython.
Both write the bytes into a temporary folder and go through the command line's own engine
(:func:`~dsi_xl.validation.engine.validate_file`) and its own annotated copy
(:func:`~dsi_xl.report.annotate.annotate`), so the page can never say something the command line
would not. The folder is removed before they return; nothing is kept between calls.

``check`` imports no openpyxl: the page is ready, and shows the findings, before the copy's
extra wheels (openpyxl, et_xmlfile) are fetched; ``annotated`` needs them.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

from dsi_xl.format import day, parse_day
from dsi_xl.report.report_sheet import STATUS_TEXT, counts_text, judged_text
from dsi_xl.report.summary import amounts_due
from dsi_xl.validation.engine import not_a_template, validate_file
from dsi_xl.validation.result import Result

FALLBACK_NAME = "regnskab.xlsx"
BAD_DATE = "Datoen »{}« er ikke en dato som 30.06.2028; fristerne er vurderet pr. dagens dato."


def safe_name(name: str) -> str:
    """The file's own name without any folder, usable as a file name here; else regnskab.xlsx."""
    base = PurePath(str(name).replace("\\", "/")).name.strip()
    if not base or base in (".", "..") or any(ord(c) < 32 for c in base) or len(base.encode()) > 200:
        return FALLBACK_NAME
    return base


def copy_name(name: str) -> str:
    """The download's name: the file's own, marked as the copy with the report sheet."""
    path = PurePath(safe_name(name))
    return f"{path.stem} med valideringsrapport{path.suffix or '.xlsx'}"


def _bytes(data: Any) -> bytes:
    """Python bytes, or a JavaScript Uint8Array handed over by Pyodide (a JsProxy)."""
    return bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else data.to_bytes()


def _day(as_of: str | None) -> tuple[date | None, str | None]:
    if not as_of:
        return None, None
    parsed = parse_day(as_of)
    return (parsed, None) if parsed else (None, BAD_DATE.format(as_of))


def _validated(folder: str, data: Any, name: str, as_of: date | None) -> tuple[Path, Result]:
    path = Path(folder) / safe_name(name)
    path.write_bytes(_bytes(data))
    result = validate_file(path, as_of=as_of)
    return path, replace(result, file=safe_name(name))  # the report says the file's name, not the folder


def _where(finding) -> str:
    return f"{finding.sheet}!{finding.cell}" if finding.sheet and finding.cell else (finding.name or "")


def summary(result: Result, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """What the page shows: the text report's status, counts, day, amounts and findings."""
    return {
        "file": result.file,
        "status": result.status,
        "status_text": STATUS_TEXT[result.status],
        "counts": counts_text(result),
        "judged": judged_text(result),
        "as_of": day(result.as_of) if result.as_of else None,
        "amounts": [list(line) for line in amounts_due(result)],
        "findings": [f.as_dict() | {"where": _where(f)} for f in result.findings],
        "copy": not (result.unreadable and not not_a_template(result)),  # as the command line's --annotate
        "copy_name": copy_name(result.file),
        "notes": list(notes),
    }


def check(data: Any, name: str, as_of: str | None = None) -> str:
    """Validate one file's bytes; the page's summary as JSON (``as_of`` as ``--as-of`` takes it)."""
    day_given, note = _day(as_of)
    with tempfile.TemporaryDirectory(prefix="dsi-xl-") as folder:
        _, result = _validated(folder, data, name, day_given)
    return json.dumps(summary(result, (note,) if note else ()), ensure_ascii=False)


def annotated(data: Any, name: str, as_of: str | None = None, when: str | None = None) -> bytes:
    """The file with the ``Valideringsrapport`` sheet, as ``dsi-xl validate --annotate`` writes it;
    ``when`` (ISO, the PC's local time) is the run's time printed on the sheet.

    Raises :class:`~dsi_xl.errors.DSIError` (a Danish message) when the copy cannot be made."""
    from dsi_xl.report.annotate import annotate

    day_given, _ = _day(as_of)
    stamp = datetime.fromisoformat(when) if when else datetime.now()
    with tempfile.TemporaryDirectory(prefix="dsi-xl-") as folder:
        path, result = _validated(folder, data, name, day_given)
        target = Path(folder) / "kopi" / path.name
        os.mkdir(target.parent)
        annotate(path, result, when=stamp, target=target)
        return target.read_bytes()
