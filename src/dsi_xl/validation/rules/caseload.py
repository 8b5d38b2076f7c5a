"""Caseload per advisor (6.1.1(iii)).

Every quarter from the effort's start up to the end of the accounts year is filled once it is
over on the day the accounts are judged on (reading 8); figures for a quarter that is not over
then are warned about. A breach (the caseload above the agreement's limit in the agreed number
of consecutive quarters) is a warning, not an error: the accounts can be right and still show it;
it is a fact DSI acts on (6.1.2), so the report names the quarters of every breach, the accounts
year's own first (reading 10).
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.clauses import availability, caseload
from dsi_xl.errors import DSIError, OutOfRange
from dsi_xl.format import count, day, decimal, held
from dsi_xl.money import is_blank, to_count, to_nonnegative
from dsi_xl.spec import DSI_RAADGIVERE, DSI_SAGER, DSI_SAGSSTAMME
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar

rule = registrar("Sagsstamme")
INPUTS = (DSI_SAGER, DSI_RAADGIVERE)


@rule("SAG-01", "fejl", "Sager og besatte rådgiverstillinger er udfyldt for hvert kvartal til og med regnskabsåret, "
      "der var slut på underskriftsdatoen (uden underskrift: i dag).", needs=INPUTS, year=True)
def filled(ctx: Context) -> Iterator[Hit]:
    due = [(q, quarter) for q, quarter in enumerate(ctx.agreement.quarters)
           if availability.quarter_required(ctx.accounts_year, ctx.stated_on, quarter)]
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
    """A caseload as Danish Excel's Standard shows it, or every digit it holds when that would
    show the limit itself (65,004 is over 65; "65" would not say so)."""
    shown = decimal(value)
    return shown if shown != decimal(limit) else held(value)


@rule("SAG-03", "advarsel", "Sagsstammen pr. rådgiver er ikke over grænsen i for mange kvartaler i træk "
      "(6.1.1(iii)); hvert brud nævnes med sine kvartaler, regnskabsårets eget først.", needs=(DSI_SAGSSTAMME,))
def breach(ctx: Context) -> Iterator[Hit]:
    a = ctx.agreement
    loads = ctx.computed.caseloads
    labels = [q.label for q in a.quarters]
    found = caseload.breaches(a, loads)
    for breach_ in _own_year_first(ctx, found):
        cells = tuple(ctx.cell(DSI_SAGSSTAMME, 0, labels.index(q)) for q in breach_.quarters)
        shown = ", ".join(f"{q} ({_load(loads[labels.index(q)], a.caseload_limit)})" for q in breach_.quarters)
        yield Hit(f"sagsstammen pr. rådgiver var over {decimal(a.caseload_limit)} i "
                  f"{count(len(breach_.quarters), 'kvartal', 'kvartaler')} i træk: {shown}; et brud på "
                  f"{a.clauses.get('caseload', 'tilsagnet')} fra {breach_.completed_in}, så DSI kan tilbageholde "
                  "udbetalinger.", DSI_SAGSSTAMME, cells=cells)


def _own_year_first(ctx: Context, found: tuple[caseload.Breach, ...]) -> list[caseload.Breach]:
    """The breaches touching the accounts year first, then the others newest first."""
    year = str(ctx.accounts_year) if ctx.accounts_year is not None else None
    newest = caseload.newest_first(found)
    own = [b for b in newest if year is not None and any(q.startswith(year + "K") for q in b.quarters)]
    return list(reversed(own)) + [b for b in newest if b not in own]


@rule("SAG-04", "advarsel", "Sager og besatte rådgiverstillinger står kun for kvartaler, der var slut på "
      "underskriftsdatoen (uden underskrift: i dag): regnskabet kan ikke kende senere tal (læsning 8).",
      needs=INPUTS)
def not_yet(ctx: Context) -> Iterator[Hit]:
    for name in INPUTS:
        early = [(ctx.cell(name, 0, q), quarter) for q, quarter in enumerate(ctx.agreement.quarters)
                 if not availability.ended(quarter.end, ctx.stated_on) and not is_blank(ctx.cell(name, 0, q).value)]
        if not early:
            continue
        labels = ", ".join(quarter.label for _cell, quarter in early)
        first = early[0][1]
        which = (f"kvartal {labels}, der slutter" if len(early) == 1
                 else f"kvartalerne {labels}; det første slutter")
        yield Hit(f"{ctx.label(name)} er udfyldt for {which} {day(first.end)}, efter {ctx.judged_words}, så "
                  "regnskabet kan ikke kende tallene endnu.", name, cells=tuple(cell for cell, _quarter in early))
