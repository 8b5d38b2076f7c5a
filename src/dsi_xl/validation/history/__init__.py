"""Cross-file findings: what one run of many files says about each file that the file alone cannot.

DSI receives a file from every municipality in every year of every agreement, and often the same
file twice. :func:`compare` takes the results of one run, in input order, and returns them with
the ``HISTORIK-`` findings added (framed and ordered like every other finding), ``counted`` set
(true only for the file that speaks for its agreement, CVR and year: not a copy, not another
sender's, not outdone by a file signed later on a possible date; :mod:`.run`) and ``why`` saying
so in Danish. One module per rule group; the rules register on import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dsi_xl.errors import internal
from dsi_xl.validation.framing import frame, ordered
from dsi_xl.validation.history import missing_year, restated, same_bytes, same_year, unused_grant  # noqa: F401
from dsi_xl.validation.history.run import Run
from dsi_xl.validation.result import Finding, Result
from dsi_xl.validation.rule import INTERNAL, Rule, cross_file

__all__ = ["compare", "rules"]


def rules() -> list[Rule]:
    """The cross-file rules by id, as the catalogue lists them."""
    return cross_file()


def compare(results: Sequence[Result]) -> list[Result]:
    """``results`` with the cross-file findings of the run and each file's ``counted``; never raises."""
    run = Run(tuple(results))
    added: dict[int, list[Finding]] = {}
    for rule in rules():
        try:
            for index, hit in rule.check(run):
                added.setdefault(index, []).append(frame(rule, hit))
        except Exception as error:  # noqa: BLE001 - a broken cross-file rule hides nothing else
            message = internal(f"reglen {rule.id}", error, files=True)
            for index in range(len(results)):
                added.setdefault(index, []).append(Finding(INTERNAL, "fejl", message))
    out = []
    for index, result in enumerate(results):
        if index in added:
            result = replace(result, findings=tuple(ordered([*result.findings, *added[index]])))
        out.append(replace(result, counted=run.counted(index), why=run.why(index)))
    return out
