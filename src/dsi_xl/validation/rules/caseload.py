"""Caseload per advisor (6.1.1(iii)).

Every quarter up to the end of the accounts year is filled. A breach (the caseload above the
agreement's limit in the agreed number of consecutive quarters) is a warning, not an error: the
accounts can be right and still show it; it is a fact DSI acts on (6.1.2), so the report names
the quarters.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.clauses import caseload
from dsi_xl.errors import DSIError, OutOfRange
from dsi_xl.format import held, number
from dsi_xl.money import is_blank, to_count, to_nonnegative
from dsi_xl.spec import DSI_RAADGIVERE, DSI_SAGER, DSI_SAGSSTAMME
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar

rule = registrar("Sagsstamme")
INPUTS = (DSI_SAGER, DSI_RAADGIVERE)


@rule("SAG-01", "fejl", "Sager og besatte rådgiverstillinger er udfyldt for hvert kvartal til og med regnskabsåret.",
      needs=INPUTS, year=True)
def filled(ctx: Context) -> Iterator[Hit]:
    due = [(q, quarter) for q, quarter in enumerate(ctx.agreement.quarters) if quarter.start.year <= ctx.accounts_year]
    for name in INPUTS:  # one finding per name, naming every quarter that is missing
        missing = [(ctx.cell(name, 0, q), quarter) for q, quarter in due if is_blank(ctx.cell(name, 0, q).value)]
        if not missing:
            continue
        labels = ", ".join(quarter.label for _cell, quarter in missing)
        which = (
            f"kvartal {labels} mangler; det ligger" if len(missing) == 1 else f"kvartalerne {labels} mangler; de ligger"
        )
        yield Hit(f"{ctx.label(name)} for {which} til og med regnskabsåret "
                  f"{ctx.accounts_year}.", name, cells=tuple(cell for cell, _quarter in missing))


@rule("SAG-02", "fejl", "Sager er hele tal på 0 eller derover; besatte rådgiverstillinger et tal større end 0.",
      needs=INPUTS)
def valid(ctx: Context) -> Iterator[Hit]:
    for q, quarter in enumerate(ctx.agreement.quarters):
        cases, advisors = ctx.cell(DSI_SAGER, 0, q), ctx.cell(DSI_RAADGIVERE, 0, q)
        if not is_blank(cases.value):
            try:
                to_count(cases.value, f"sager i {quarter.label}")
            except DSIError as error:
                yield Hit(error.message, DSI_SAGER, cases)
        if not is_blank(advisors.value):
            what = f"besatte rådgiverstillinger i {quarter.label}"
            try:
                if to_nonnegative(advisors.value, what) == 0:
                    raise OutOfRange(what, "mere end 0", advisors.value)
            except DSIError as error:
                yield Hit(error.message, DSI_RAADGIVERE, advisors)


def _load(value, limit) -> str:
    """A caseload with one decimal, or every digit it has when one decimal would show the limit
    itself (65,04 is over 65, "65,0" would not say so)."""
    one = number(value, 1)
    return one if one != number(limit, 1) else held(value)


@rule("SAG-03", "advarsel", "Sagsstammen pr. rådgiver er ikke over grænsen i for mange kvartaler i træk "
      "(6.1.1(iii)); et brud nævner kvartalerne.", needs=(DSI_SAGSSTAMME,))
def breach(ctx: Context) -> Iterator[Hit]:
    a = ctx.agreement
    loads = ctx.computed.caseloads
    breach_ = caseload.first_breach(a, [None if v is None else v for v in loads])
    if breach_ is None:
        return
    index = [q.label for q in a.quarters].index(breach_.completed_in)
    cell = ctx.cell(DSI_SAGSSTAMME, 0, index)
    labels = [x.label for x in a.quarters]
    shown = ", ".join(f"{q} ({_load(loads[labels.index(q)], a.caseload_limit)})" for q in breach_.quarters)
    yield Hit(f"sagsstammen pr. rådgiver var over {number(a.caseload_limit)} i "
              f"{a.caseload_consecutive_quarters} kvartaler i træk: {shown}. DSI kan tilbageholde udbetalinger "
              "(6.1.1(iii)).", DSI_SAGSSTAMME, cell)
