"""The rules catalogue: one module per group, imported in report order.

``catalogue()`` lists every rule as (id, severity, group, Danish description), for the README
and the report. Rule ids are stable: a Danish group prefix and a number. The single-file rules
here and the cross-file rules of :mod:`dsi_xl.validation.history` share one registry
(:data:`dsi_xl.validation.rule.RULES`).
"""

from __future__ import annotations

from dsi_xl.validation.rule import ENGINE_IDS, Rule, cross_file, single_file

# The order of these imports is the order of the report and the catalogue: keep it.
# isort: off
from dsi_xl.validation.rules import (  # noqa: F401  (importing registers the rules, in this order)
    structure,
    amendments,
    stamdata,
    budget,
    amounts,
    installments,
    unused_grant,
    goals,
    caseload,
    formulas,
)
# isort: on


def rules() -> list[Rule]:
    """The single-file rules, in report order (the engine runs them on every file)."""
    return single_file()


def catalogue() -> list[tuple[str, str, str, str]]:
    """(id, severity, group, description) of every id a finding can carry, in report order: the
    engine's own (an unreadable file first, an internal error last) around the rules, the
    cross-file rules (``HISTORIK-``, :mod:`dsi_xl.validation.history`) after the single-file ones."""
    unreadable, internal = ENGINE_IDS
    from dsi_xl.validation import history  # noqa: F401 - importing registers the cross-file rules

    listed = [(r.id, r.severity, r.group, r.description) for r in single_file() + cross_file()]
    return [unreadable, *listed, internal]


def markdown_table() -> str:
    """The catalogue as a Danish Markdown table (README, section "Regler")."""
    rows = ["| regel | alvor | gruppe | hvad reglen tjekker |", "|---|---|---|---|"]
    rows += [
        f"| {rule_id} | {severity} | {group} | {description} |" for rule_id, severity, group, description in catalogue()
    ]
    return "\n".join(rows)
