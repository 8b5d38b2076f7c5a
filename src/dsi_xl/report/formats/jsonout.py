"""The spec's machine-readable findings: a JSON array with one object per file.

The one place (with :mod:`.csvout`) where a result's typed values become text and floats: a date
an ISO date, an amount a number rounded to øre (an integer when whole), a percentage an unrounded
float.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dsi_xl.money import to_excel
from dsi_xl.spec import AMOUNT_NAMES, FORMULA_NAMES
from dsi_xl.validation.result import Result


def plain(value: Any) -> Any:
    """``json.dumps``' ``default``: a Decimal as a number (whole amounts as integers), a date as
    ISO 8601."""
    if isinstance(value, Decimal):
        return to_excel(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _number(value: Any, amount: bool) -> Any:
    if isinstance(value, Decimal) and not amount:
        return float(value)
    return value


def item(result: Result) -> dict[str, Any]:
    """One file's object; ``computed`` always names the formula names every agreement shares, and
    each goal's result where the agreement is known (``[]`` when the file could not be read or the
    agreement is unknown, so nothing could be computed)."""
    data = result.as_dict()
    computed = data["computed"] or {}
    computed = computed | {name: [] for name in FORMULA_NAMES if name not in computed}
    data["computed"] = {name: [[_number(v, name in AMOUNT_NAMES) for v in row] for row in grid]
                        for name, grid in computed.items()}
    return data


def dumps(data: Any) -> str:
    """``data`` as indented UTF-8 JSON text, typed values made plain (:func:`plain`)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=plain) + "\n"


def text(results: Iterable[Result]) -> str:
    """``[{"file", "status", "findings", "computed"}, ...]`` in input order."""
    return dumps([item(r) for r in results])


def render(results: Iterable[Result], *, terminal: bool = False, width: int | None = None) -> bytes:
    """The JSON array as UTF-8 bytes (:mod:`dsi_xl.report.formats`)."""
    return text(results).encode("utf-8")
