"""The spec's machine-readable findings: a JSON array with one object per file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dsi_xl.spec import FORMULA_NAMES
from dsi_xl.validation.result import Result


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def item(result: Result) -> dict[str, Any]:
    """One file's object; ``computed`` always names the formula names every agreement shares, and
    each goal's result where the agreement is known (``[]`` when the file could not be read or the
    agreement is unknown, so nothing could be computed)."""
    data = result.as_dict()
    computed = data["computed"] or {}
    data["computed"] = computed | {name: [] for name in FORMULA_NAMES if name not in computed}
    return data


def text(results: Iterable[Result]) -> str:
    """``[{"file", "status", "findings", "computed"}, ...]`` in input order."""
    return json.dumps([item(r) for r in results], ensure_ascii=False, indent=2, default=_plain) + "\n"


def render(results: Iterable[Result], *, terminal: bool = False, width: int | None = None) -> bytes:
    """The JSON array as UTF-8 bytes (:mod:`dsi_xl.report.formats`)."""
    return text(results).encode("utf-8")
