"""A column of DSI's tables (the overview, the portfolio): its machine key (a CSV header, a JSON
key, a DataFrame column), its Danish heading (an xlsx sheet, the text output), the kind of value
that says how each writer shows it, its width on a printed sheet, and whether and over what its
total may be added up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "count", "amount", "date", "year", "yes", "status"]
Total = Literal["all", "counted"]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    kind: Kind
    total: Total | None = None  # "all": summed over every row; "counted": over the counted rows only
    width: int | None = None  # characters on a printed sheet (None: the kind's default)
