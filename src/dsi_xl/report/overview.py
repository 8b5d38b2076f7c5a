"""DSI's overview of a run: one row per file, the same columns in the CSV, the analyst's DataFrame
and the xlsx report's per-file sheets.

Each column has a machine key (the CSV header and the DataFrame column), a Danish heading (the
xlsx sheets), a kind that says how a writer shows it, the xlsx sheets it is printed on
(:data:`SHEETS`: a sheet each for the status, the figures and the identification, so that each
prints readably on A4) and whether its total may be added up. Values are plain Python: text,
ints, Decimals for amounts (exact, as the engine computed them), dates, booleans, ``None`` where
the file does not say.

A total adds up only what may be added. The findings are counted over every file. The amounts
that are a year's own (the accounts year's actual costs, the grant received in it) are added up
over the files the run counts (:attr:`Result.counted`: one per agreement, CVR and year): each
krone once. The unused grant and the repayment rates are each file's statement of a cumulative
or restated amount and are never added up here; the portfolio (:mod:`dsi_xl.portfolio`) gives
each amount owed once.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from dsi_xl.report.columns import Column, Kind, Total
from dsi_xl.report.summary import exact
from dsi_xl.validation import facts, identity
from dsi_xl.validation.facts import repayments, unused
from dsi_xl.validation.result import Result

STATUS_SHEET, AMOUNTS_SHEET, FILES_SHEET = "Oversigt", "Beløb", "Filer"
__all__ = ["Column", "columns", "rows", "sheet_columns", "totals"]


IDENTITY: dict[str, tuple[str, Kind]] = {
    "sha256": ("SHA-256", "text"), "tilsagn": ("Tilsagn", "text"), "skabelon_version": ("Skabelon", "text"),
    "kommune": ("Kommune", "text"), "cvr": ("CVR", "text"), "regnskabsaar": ("Regnskabsår", "year"),
    "underskrift_dato": ("Underskrevet", "date"), "kontakt_navn": ("Kontaktperson", "text"),
    "kontakt_email": ("E-mail", "text"), "as_of": ("Frister vurderet pr.", "date"),
    "dsi_xl_version": ("dsi-xl", "text"),
}
WIDTHS = {"sha256": 24, "tilsagn": 13, "skabelon_version": 9, "cvr": 9, "regnskabsaar": 12,
          "underskrift_dato": 13, "kontakt_navn": 20, "kontakt_email": 28, "as_of": 11, "dsi_xl_version": 7}
FILE = Column("fil", "Fil", "text", width=28)
STATUS = Column("status", "Status", "status", width=10)
COUNTED = Column("taelles_med", "Tælles med", "yes", width=7)
WHY = Column("taelles_med_hvorfor", "Hvorfor (ikke) med", "text", width=30)
COUNTS = (Column("fejl", "Fejl", "count", "all", width=6), Column("advarsler", "Advarsler", "count", "all", width=10),
          Column("info", "Info", "count", "all", width=6))
COSTS = Column("faktiske_udgifter", "Årets faktiske udgifter", "amount", "counted")
RECEIVED = Column("modtaget_tilskud", "Tilskud modtaget i året", "amount", "counted")
UNUSED = Column("ikke_anvendt_tilskud", "Ikke-anvendt tilskud til tilbagebetaling", "amount")
BREACH = Column("sagsstamme_overskredet", "Sagsstamme overskredet", "yes", width=12)
TOTALS: dict[Total, str] = {"all": "I alt (alle filer)", "counted": "I alt (filer, der tælles med)"}
SHEETS: dict[str, tuple[str, ...]] = {  # the xlsx sheets' columns by key; "rate" stands for every repayment rate
    STATUS_SHEET: ("fil", "status", "taelles_med", "taelles_med_hvorfor", "kommune", "regnskabsaar",
                   "underskrift_dato", "fejl", "advarsler", "info"),
    AMOUNTS_SHEET: ("fil", "kommune", "regnskabsaar", "taelles_med", "faktiske_udgifter", "modtaget_tilskud",
                    "ikke_anvendt_tilskud", "rate", "sagsstamme_overskredet"),
    FILES_SHEET: ("fil", "tilsagn", "skabelon_version", "cvr", "kontakt_navn", "kontakt_email", "as_of",
                  "dsi_xl_version", "sha256"),
}


def rate(number: int) -> Column:
    return Column(f"tilbagebetaling_rate_{number}", f"Tilbagebetaling rate {number} efter loft", "amount")


def rates(results: Sequence[Result]) -> int:
    """How many repayment rates the run's agreements have (the widest)."""
    return max((len(repayments(r)) for r in results), default=0)


def columns(results: Sequence[Result]) -> list[Column]:
    """Every column of the overview for ``results`` (the CSV's and the DataFrame's): one per
    repayment rate the run's agreements have; the checksum last, as the widest and the least read."""
    fields = [Column(key, *IDENTITY[key], width=WIDTHS.get(key)) for key in identity.FIELDS if key != "sha256"]
    return [FILE, STATUS, COUNTED, WHY, *fields, *COUNTS, COSTS, RECEIVED, UNUSED,
            *(rate(n) for n in range(1, rates(results) + 1)), BREACH,
            Column("sha256", *IDENTITY["sha256"], width=WIDTHS["sha256"])]


def sheet_columns(cols: Sequence[Column], sheet: str) -> list[int]:
    """The positions in ``cols`` (a run's :func:`columns`) of the columns printed on the xlsx ``sheet``."""
    keys = [c.key for c in cols]
    out: list[int] = []
    for key in SHEETS[sheet]:
        out += [i for i, c in enumerate(cols) if c.key.startswith("tilbagebetaling_rate_")] if key == "rate" \
            else [keys.index(key)]
    return out


def row(result: Result, width: int) -> list[Any]:
    """One file's values in the order of :func:`columns` (``width`` repayment rates)."""
    fields = identity.blank() | result.identity | {"as_of": result.as_of}
    due = repayments(result)[:width]
    due += [None] * (width - len(due))
    figures = {key: result.facts.get(key) for key in facts.KEYS}
    return [result.file, result.status, result.counted, result.why,
            *(fields[f] for f in identity.FIELDS if f != "sha256"),
            result.count("fejl"), result.count("advarsel"), result.count("info"),
            figures[facts.YEAR_COSTS], figures[facts.YEAR_RECEIVED], unused(result), *due, figures[facts.BREACH],
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


def totals(cols: Sequence[Column], body: Sequence[Sequence[Any]], which: Total) -> list[Any]:
    """A totals row: the columns whose total is ``which`` added up (over every row, or over the
    rows the run counts; blanks count as nothing), every other cell empty; the first cell says
    what it is."""
    counted = cols.index(COUNTED)
    kept = [r for r in body if which == "all" or r[counted]]
    out: list[Any] = [None] * len(cols)
    out[0] = TOTALS[which]
    for c, column in enumerate(cols):
        if column.total == which:
            out[c] = sum((exact(r[c]) for r in kept if _number(r[c])), Decimal(0))
    return out
