"""Findings and results: what the validator says about one workbook.

The JSON shape is fixed by DSI's template specification (REGNSKABSSKABELON, section JSON): ``file``, ``status``
(``ok``, ``advarsler``, ``fejl``, ``ulæselig``), ``findings`` and ``computed``.

A result is typed from the engine to the writers: dates are dates and amounts Decimals in its
identity, facts, record and computed values; only the JSON and CSV writers
(:mod:`dsi_xl.report.formats`) make ISO strings and floats of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["fejl", "advarsel", "info"]
Status = Literal["ok", "advarsler", "fejl", "ulæselig"]
SEVERITIES: tuple[Severity, ...] = ("fejl", "advarsel", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the validator found, in Danish, pointing at a defined name and a cell."""

    rule: str
    severity: Severity
    message: str
    name: str | None = None
    sheet: str | None = None
    cell: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "name": self.name,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
        }


@dataclass(frozen=True)
class Result:
    """The validator's answer for one file."""

    file: str
    findings: tuple[Finding, ...] = ()
    computed: dict[str, list[list[Decimal | None]]] = field(default_factory=dict)  # Computed.grids()
    unreadable: bool = False
    as_of: date | None = None  # the day the deadlines were judged on (the signing date, or the run's "today")
    identity: dict[str, Any] = field(default_factory=dict)  # validation.identity.FIELDS, as the file states them
    facts: dict[str, Any] = field(default_factory=dict)  # validation.facts.KEYS: the overview's figures
    record: dict[str, Any] = field(default_factory=dict)  # validation.record: what a later year's accounts restate
    counted: bool = True  # whether DSI's overview and portfolio count it (validation.history.run.Run.counted)
    why: str | None = None  # Danish: why the run counts the file or not; None outside a run
    run_day: date | None = None  # the run's "today" (--as-of, or the day it ran)

    @property
    def status(self) -> Status:
        if self.unreadable:
            return "ulæselig"
        severities = {f.severity for f in self.findings}
        if "fejl" in severities:
            return "fejl"
        if "advarsel" in severities:
            return "advarsler"
        return "ok"

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def as_dict(self) -> dict[str, Any]:
        """The spec's object for the file, still typed (dates, Decimals): the JSON writer serialises it."""
        return {
            "file": self.file,
            "status": self.status,
            **self.identity,
            "as_of": self.as_of,
            "taelles_med": self.counted,
            "taelles_med_hvorfor": self.why,
            "findings": [f.as_dict() for f in self.findings],
            "computed": self.computed,
        }
