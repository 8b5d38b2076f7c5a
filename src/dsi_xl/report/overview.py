"""DSI's overview of a run: one row per file, the same columns in the xlsx sheet, the CSV and the
analyst's DataFrame.

Each column has a machine key (the CSV header and the DataFrame column), a Danish heading (the
xlsx sheet) and a kind that says how a writer shows it. Values are plain Python: text, ints,
Decimals for amounts (exact, as the engine computed them), dates, booleans, ``None`` where the
file does not say. The totals are over the files the run counts (:attr:`Result.counted`): a copy
or a file another file of the same agreement, CVR and year speaks for is listed but not summed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from dsi_xl.report.summary import exact, repayments, unused
from dsi_xl.validation import facts, identity
from dsi_xl.validation.result import Result

Kind = Literal["text", "count", "amount", "date", "year", "yes"]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    kind: Kind
    summed: bool = False  # the totals row sums it (amounts and counts)


IDENTITY: dict[str, tuple[str, Kind]] = {
    "sha256": ("SHA-256", "text"), "tilsagn": ("Tilsagn", "text"), "skabelon_version": ("Skabelon", "text"),
    "kommune": ("Kommune", "text"), "cvr": ("CVR", "text"), "regnskabsaar": ("Regnskabsår", "year"),
    "underskrift_dato": ("Underskrevet", "date"), "kontakt_navn": ("Kontaktperson", "text"),
    "kontakt_email": ("E-mail", "text"), "as_of": ("Frister vurderet pr.", "date"),
    "dsi_xl_version": ("dsi-xl", "text"),
}
FILE = Column("fil", "Fil", "text")
STATUS = Column("status", "Status", "text")
COUNTED = Column("taelles_med", "Tælles med", "yes")
COUNTS = (Column("fejl", "Fejl", "count", True), Column("advarsler", "Advarsler", "count", True),
          Column("info", "Info", "count", True))
COSTS = Column("faktiske_udgifter", "Faktiske udgifter til og med regnskabsåret", "amount", True)
RECEIVED = Column("modtaget_tilskud", "Modtaget tilskud", "amount", True)
UNUSED = Column("ikke_anvendt_tilskud", "Ikke-anvendt tilskud til tilbagebetaling", "amount", True)
BREACH = Column("sagsstamme_overskredet", "Sagsstamme overskredet", "yes")
TOTAL = "I alt (filer, der tælles med)"


def rate(number: int) -> Column:
    return Column(f"tilbagebetaling_rate_{number}", f"Tilbagebetaling rate {number} efter loft", "amount", True)


def rates(results: Sequence[Result]) -> int:
    """How many repayment rates the run's agreements have (the widest)."""
    return max((len(repayments(r)) for r in results), default=0)


def columns(results: Sequence[Result]) -> list[Column]:
    """The overview's columns for ``results``: one per repayment rate the run's agreements have;
    the checksum last, as the widest and the least read."""
    fields = [Column(key, *IDENTITY[key]) for key in identity.FIELDS if key != "sha256"]
    return [FILE, STATUS, COUNTED, *fields, *COUNTS, COSTS, RECEIVED, UNUSED,
            *(rate(n) for n in range(1, rates(results) + 1)), BREACH, Column("sha256", *IDENTITY["sha256"])]


def row(result: Result, width: int) -> list[Any]:
    """One file's values in the order of :func:`columns` (``width`` repayment rates)."""
    fields = identity.blank() | result.identity | {"as_of": result.as_of}
    due = repayments(result)[:width]
    due += [None] * (width - len(due))
    figures = {key: result.facts.get(key) for key in facts.KEYS}
    return [result.file, result.status, result.counted, *(fields[f] for f in identity.FIELDS if f != "sha256"),
            result.count("fejl"), result.count("advarsel"), result.count("info"),
            figures[facts.COSTS], figures[facts.RECEIVED], unused(result), *due, figures[facts.BREACH],
            fields["sha256"]]


def rows(results: Sequence[Result]) -> list[list[Any]]:
    """One row per file, in input order; every amount a Decimal."""
    width = rates(results)
    amounts = [c for c, column in enumerate(columns(results)) if column.kind == "amount"]
    out = []
    for result in results:
        values = row(result, width)
        for c in amounts:
            values[c] = exact(values[c])
        out.append(values)
    return out


def _number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def totals(cols: Sequence[Column], body: Sequence[Sequence[Any]]) -> list[Any]:
    """The totals row: every summed column added up over the rows the run counts (blanks count as
    nothing); the first cell says what it is."""
    counted = cols.index(COUNTED)
    kept = [r for r in body if r[counted]]
    out: list[Any] = [None] * len(cols)
    out[0] = TOTAL
    for c, column in enumerate(cols):
        if column.summed:
            out[c] = sum((exact(r[c]) for r in kept if _number(r[c])), Decimal(0))
    return out
