"""``--format csv``: one row per file, as Danish Excel opens a CSV file.

UTF-8 with a byte-order mark, semicolon-separated, decimal comma: double-clicked in Danish Excel
it opens in columns with numbers as numbers; ``csv.reader(..., delimiter=";")`` and pandas'
``read_csv(sep=";", decimal=",", encoding="utf-8-sig")`` read it as well. The columns are the
columns of DSI's overview (:mod:`.overview`): the identification fields of the JSON, whether the
run counts the file, the status and counts, and the amounts DSI acts on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from dsi_xl.report import overview
from dsi_xl.validation.result import Result

BOM = "\ufeff"


def cell(value: Any) -> str:
    """A number with a decimal comma and no thousands separator (Excel reads it as a number);
    amounts that are not whole kroner with both øre digits; a date as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SAND" if value else "FALSK"
    if isinstance(value, (int, float, Decimal)):
        amount = Decimal(str(value))
        shown = (
            amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.quantize(Decimal("0.01"))
        )
        return format(shown, "f").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render(results: Iterable[Result], *, terminal: bool = False, width: int | None = None) -> bytes:
    """The table as UTF-8 bytes (:mod:`dsi_xl.report.formats`)."""
    return text(results).encode("utf-8")


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A table as text in this dialect, BOM first: ``header``, then each row's cells (:func:`cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return BOM + buffer.getvalue()


def text(results: Iterable[Result]) -> str:
    """The whole table as text, BOM first: the overview's keys as the header, one row per file."""
    results = list(results)
    return table([column.key for column in overview.columns(results)], overview.rows(results))
