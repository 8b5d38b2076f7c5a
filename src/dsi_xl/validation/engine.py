"""The validation engine: one Submission and one agreement in, a Result out; never raises.

The same engine serves the "Validér regnskab" button and DSI's batch check. Every rule of
:mod:`dsi_xl.validation.rules` runs in catalogue order; a rule that needs a defined name that is
missing or misshapen, or a usable accounts year, is skipped quietly (the structure and stamdata
rules say why). A :class:`~dsi_xl.errors.DSIError` from a rule becomes a finding of that rule; any
other exception becomes a ``fejl`` finding of that rule saying "intern fejl".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from os import PathLike
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import DSIError, internal
from dsi_xl.spec import ALL_NAMES, FORMULA_NAMES
from dsi_xl.validation import facts, identity, record
from dsi_xl.validation.context import Context
from dsi_xl.validation.framing import frame, ordered, sentence  # noqa: F401 (engine.sentence, as before)
from dsi_xl.validation.inputs import Inputs
from dsi_xl.validation.result import Finding, Result
from dsi_xl.validation.rule import INTERNAL, UNREADABLE, Hit, Rule
from dsi_xl.validation.rules import rules, structure
from dsi_xl.workbook.submission import Submission


def validate(submission: Submission, *, agreement: Agreement | None = None, as_of: date | None = None,
             shell: str = "fil") -> Result:
    """Every finding about ``submission``, and the formula values computed from its inputs.

    ``agreement`` defaults to the one named by DSI_TILSAGN_ID; ``as_of`` (default today) is the
    "today" of the date rules; ``shell`` (:data:`~dsi_xl.validation.rule.SHELLS`) leaves out the
    rules that cannot run there.
    """
    today = as_of or date.today()
    path = str(getattr(submission, "path", ""))
    try:
        result = replace(_validate(submission, agreement, today, shell), run_day=today)
        return result if result.unreadable else replace(result, identity=identity.identify(submission))
    except Exception as error:  # noqa: BLE001 - the engine never raises, whatever the file holds
        return Result(path, (Finding(INTERNAL, "fejl", internal("motoren", error)),), identity=identity.blank(),
                      as_of=today, run_day=today)


def validate_file(path: str | PathLike[str], *, as_of: date | None = None) -> Result:
    """Read a workbook (``.xlsx``/``.xlsm``) and validate it; an unreadable file is ``ulæselig``."""
    from dsi_xl.errors import UnreadableWorkbook
    from dsi_xl.workbook import reader

    digest = identity.sha256(path)
    today = as_of or date.today()
    try:
        submission = reader.read(path)
    except UnreadableWorkbook as error:
        return _unreadable(path, error.message, digest, run_day=today)
    except Exception as error:  # noqa: BLE001 - a reader bug must not stop a batch
        return _unreadable(path, f"Filen kunne ikke læses som en regnskabsskabelon ({internal('læseren', error)})",
                           digest, run_day=today)
    result = validate(submission, as_of=today)
    return replace(result, identity=result.identity | {"sha256": digest})


NOT_A_TEMPLATE = "Projektmappen er ikke en regnskabsskabelon fra DSI: den har ingen af skabelonens navne."


def not_a_template(result: Result) -> bool:
    """A readable workbook that is not a DSI template (it can still be annotated and sent back)."""
    return result.unreadable and any(f.message == NOT_A_TEMPLATE for f in result.findings)


def _unreadable(path: Any, message: str, digest: str | None = None, *, run_day: date | None = None) -> Result:
    """An unreadable file: every identification field ``None`` but its checksum and dsi-xl's version."""
    return Result(str(path), (Finding(UNREADABLE, "fejl", message),), unreadable=True,
                  identity=identity.blank() | {"sha256": digest}, run_day=run_day)


def _validate(submission: Submission, agreement: Agreement | None, as_of: date, shell: str) -> Result:
    path = str(submission.path)
    if agreement is None:
        agreement, hits = structure.resolve(submission)
        if agreement is None and not any(spec.name in submission.names for spec in ALL_NAMES):
            return _unreadable(path, NOT_A_TEMPLATE)
        if agreement is None:
            findings = [_finding(submission, _rule(structure.AGREEMENT), hit) for hit in hits]
            findings += [
                _finding(submission, _rule(structure.NAME_MISSING), hit) for hit in structure.missing(submission)
            ]
            return Result(path, tuple(findings), {name: [] for name in FORMULA_NAMES}, as_of=as_of)
    findings: list[Finding] = []
    try:
        ctx = Context.build(submission, agreement, as_of)
        values = ctx.computed.grids()
    except Exception as error:  # noqa: BLE001
        findings.append(Finding(INTERNAL, "fejl", internal("beregningen", error)))
        ctx = Context.uncomputed(Inputs.of(submission, agreement, as_of))
        values = ctx.computed.grids()
    for rule in rules():
        if shell in rule.shells:
            findings.extend(_run(ctx, rule))
    return Result(path, tuple(ordered(findings)), values, as_of=ctx.judged_on, facts=facts.of(ctx),
                  record=record.of(ctx))


def _rule(rule_id: str) -> Rule:
    return next(r for r in rules() if r.id == rule_id)


def _run(ctx: Context, rule: Rule) -> list[Finding]:
    try:
        if not ctx.has(*rule.needs) or (rule.needs_year and ctx.accounts_year is None):
            return []
        return [_finding(ctx.submission, rule, hit) for hit in rule.check(ctx)]
    except DSIError as error:
        return [Finding(rule.id, rule.severity, error.message)]
    except Exception as error:  # noqa: BLE001 - one broken rule must not hide the others
        return [Finding(INTERNAL, "fejl", internal(f"reglen {rule.id}", error))]


def _finding(submission: Submission, rule: Rule, hit: Hit) -> Finding:
    """Frame a rule's message with where it points: the defined name, its sheet and its cells
    (the name's first cell when the hit names none)."""
    named = submission.names.get(hit.name) if hit.name is not None and not hit.all_cells else None
    return frame(rule, hit, named.first if named is not None and named.cells and named.cells[0] else None)
