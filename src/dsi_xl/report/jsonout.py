"""The spec's machine-readable findings: a JSON array with one object per file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dsi_xl.validation.model import Result


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def render(results: Iterable[Result]) -> str:
    """``[{"file", "status", "findings", "computed"}, ...]`` in input order, UTF-8 text."""
    return json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2, default=_plain) + "\n"
