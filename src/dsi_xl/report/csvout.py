"""``--format csv``: one row per file, as Danish Excel opens a CSV file.

UTF-8 with a byte-order mark, semicolon-separated, decimal comma: double-clicked in Danish Excel
it opens in columns with numbers as numbers; ``csv.reader(..., delimiter=";")`` and pandas'
``read_csv(sep=";", decimal=",", encoding="utf-8-sig")`` read it as well. The columns are the
identification fields of the JSON, the status and counts, and the amounts DSI acts on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from dsi_xl.report import summary
from dsi_xl.validation import identity
from dsi_xl.validation.model import Result

BOM = "\ufeff"
UNUSED_COLUMN = "ikke_anvendt_tilskud"


def _cell(value: Any) -> str:
    """A number with a decimal comma and no thousands separator (Excel reads it as a number);
    amounts that are not whole kroner with both øre digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SAND" if value else "FALSK"
    if isinstance(value, (int, float, Decimal)):
        amount = Decimal(str(value))
        shown = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.quantize(Decimal("0.01"))
        return format(shown, "f").replace(".", ",")
    return str(value)


def columns(results: list[Result]) -> list[str]:
    """The header: fixed columns, then one per repayment rate the run's agreements have."""
    rates = max((len(summary.repayments(r)) for r in results), default=0)
    return (["fil", "status", *identity.FIELDS, "fejl", "advarsler", "info", UNUSED_COLUMN]
            + [f"tilbagebetaling_rate_{n}" for n in range(1, rates + 1)])


def rows(results: list[Result]) -> list[list[Any]]:
    """One row per file, in input order, in the order of :func:`columns`."""
    width = len(columns(results))
    out = []
    for result in results:
        fields = identity.blank() | result.identity | {"as_of": result.as_of.isoformat() if result.as_of else None}
        row = [result.file, result.status, *(fields[name] for name in identity.FIELDS),
               result.count("fejl"), result.count("advarsel"), result.count("info"), summary.unused(result),
               *summary.repayments(result)]
        out.append(row + [None] * (width - len(row)))
    return out


def render(results: Iterable[Result]) -> str:
    """The whole table as text, BOM first."""
    results = list(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns(results))
    writer.writerows([_cell(v) for v in row] for row in rows(results))
    return BOM + buffer.getvalue()
