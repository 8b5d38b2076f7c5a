"""Cross-file findings: what one run of many files says about each file that the file alone cannot.

DSI receives a file from every municipality in every year of every agreement, and often the same
file twice. :func:`compare` takes the results of one run, in input order, and returns them with
the ``HISTORIK-`` findings added (framed and ordered like every other finding) and ``counted``
set: false for a copy of an earlier file and for a file another file of the same agreement, CVR
and year speaks for (:mod:`.run`). One module per rule group; the rules register on import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dsi_xl.errors import internal
from dsi_xl.spec import sheet_of
from dsi_xl.validation.framing import ordered, refs, sentence
from dsi_xl.validation.history import missing_year, restated, same_bytes, same_year, unused_grant  # noqa: F401
from dsi_xl.validation.history.cross_rule import CROSS_RULES, CrossRule
from dsi_xl.validation.history.run import Run
from dsi_xl.validation.result import Finding, Result
from dsi_xl.validation.rule import INTERNAL, Hit

__all__ = ["compare", "rules"]


def rules() -> list[CrossRule]:
    """The cross-file rules by id, as the catalogue lists them."""
    return sorted(CROSS_RULES, key=lambda r: r.id)


def _finding(rule: CrossRule, hit: Hit) -> Finding:
    cells = hit.all_cells
    sheet = cells[0].sheet if cells else (sheet_of(hit.name) if hit.name else None)
    return Finding(rule.id, rule.severity, sentence(hit.message), hit.name, sheet, refs(cells) if cells else None)


def compare(results: Sequence[Result]) -> list[Result]:
    """``results`` with the cross-file findings of the run and each file's ``counted``; never raises."""
    run = Run(tuple(results))
    added: dict[int, list[Finding]] = {}
    for rule in rules():
        try:
            for index, hit in rule.check(run):
                added.setdefault(index, []).append(_finding(rule, hit))
        except Exception as error:  # noqa: BLE001 - a broken cross-file rule hides nothing else
            message = internal(f"reglen {rule.id}", error, files=True)
            for index in range(len(results)):
                added.setdefault(index, []).append(Finding(INTERNAL, "fejl", message))
    out = []
    for index, result in enumerate(results):
        counted = run.counted(index)
        if index in added:
            result = replace(result, findings=tuple(ordered([*result.findings, *added[index]])))
        out.append(result if result.counted == counted else replace(result, counted=counted))
    return out
