"""Stamdata: who reports, for which year, who signs and when."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dsi_xl.clauses import deadlines, judging_day
from dsi_xl.errors import describe
from dsi_xl.format import day
from dsi_xl.spec import (
    DSI_CVR,
    DSI_KOMMUNE,
    DSI_KONTAKT_EMAIL,
    DSI_KONTAKT_NAVN,
    DSI_REGNSKABSAAR,
    DSI_UNDERSKRIFT_DATO,
    DSI_UNDERSKRIVER_NAVN,
    DSI_UNDERSKRIVER_TITEL,
)
from dsi_xl.validation import cvr, recipient
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, not_a_date, registrar, skipped
from dsi_xl.validation.values import as_date, text, whole_number

rule = registrar("Stamdata")

REQUIRED = (DSI_KOMMUNE, DSI_CVR, DSI_REGNSKABSAAR, DSI_KONTAKT_NAVN, DSI_KONTAKT_EMAIL)
SIGNER = (DSI_UNDERSKRIVER_NAVN, DSI_UNDERSKRIVER_TITEL, DSI_UNDERSKRIFT_DATO)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
NOT_COUNTED = "Regnskabet kan ikke være tilsagnsmodtagerens, så DSI tæller det ikke med, før det er rettet."


@rule("STAM-01", "fejl", "Kommune, CVR-nummer, regnskabsår og kontaktperson (navn og e-mail) er udfyldt.")
def required(ctx: Context) -> Iterator[Hit]:
    for name in REQUIRED:
        if ctx.has(name) and text(ctx.value(name)) is None:
            cell = ctx.cell(name)
            yield Hit(f"{ctx.label(name)} skal udfyldes, fandt {describe(cell.value)}.", name, cell)


@rule("STAM-02", "fejl", "CVR-nummeret er gyldigt (8 cifre med korrekt kontrolciffer).", needs=(DSI_CVR,))
def cvr_valid(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_CVR)
    if text(cell.value) is not None and cvr.valid(cell.value) is None:
        yield Hit(f"forventede et gyldigt CVR-nummer (8 cifre med korrekt "
                  f"kontrolciffer), fandt {describe(cell.value)}.", DSI_CVR, cell)


@rule("STAM-03", "fejl", "CVR-nummeret er tilsagnsmodtagerens; ellers tælles filen ikke med i DSI's oversigt og "
      "portefølje og sammenlignes ikke med andre filer.", needs=(DSI_CVR,))
def cvr_recipient(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_CVR)
    number = cvr.valid(cell.value)
    party = ctx.agreement.recipient
    if number is not None and not cvr.same(number, party.cvr):
        yield Hit(f"forventede {party.name}s CVR-nummer {party.cvr}, fandt {number}. {NOT_COUNTED}", DSI_CVR, cell)


@rule("STAM-04", "fejl", "Regnskabsåret er et af tilsagnets budgetår.", needs=(DSI_REGNSKABSAAR,))
def accounts_year(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_REGNSKABSAAR)
    if text(cell.value) is None:
        return  # STAM-01 says it is missing
    years = ctx.agreement.budget_years
    if whole_number(cell.value) not in years:
        listed = ", ".join(str(y) for y in years)
        yield Hit(f"forventede et af budgetårene {listed}, "
                  f"fandt {describe(cell.value)}. " + skipped("afhænger af regnskabsåret"),
                  DSI_REGNSKABSAAR, cell)


@rule("STAM-05", "fejl", "Underskriverens navn, titel og underskriftsdato er udfyldt; datoen er en rigtig dato.")
def signer(ctx: Context) -> Iterator[Hit]:
    for name in SIGNER:
        if not ctx.has(name):
            continue
        cell = ctx.cell(name)
        if text(cell.value) is None and as_date(cell.value) is None:
            yield Hit(f"{ctx.label(name)} skal udfyldes, fandt en tom celle.", name, cell)
        elif name == DSI_UNDERSKRIFT_DATO and as_date(cell.value) is None:
            yield Hit(not_a_date(cell.value), name, cell)


@rule("STAM-06", "advarsel", "Underskriftsdatoen ligger ikke efter i dag (ellers bedømmes fristerne på i dag).",
      needs=(DSI_UNDERSKRIFT_DATO,))
def signed_when(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_UNDERSKRIFT_DATO)
    signed = as_date(cell.value)
    if signed is not None and judging_day.too_late(signed, ctx.as_of):
        yield Hit(f"underskriftsdatoen {day(signed)} ligger efter i dag ({day(ctx.as_of)}).", DSI_UNDERSKRIFT_DATO,
                  cell)


@rule("STAM-07", "advarsel", "Kontaktpersonens e-mail ligner en e-mailadresse.", needs=(DSI_KONTAKT_EMAIL,))
def email(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_KONTAKT_EMAIL)
    address = text(cell.value)
    if address is not None and not EMAIL.fullmatch(address):
        yield Hit(f"forventede en e-mailadresse som navn@kommune.dk, "
                  f"fandt {describe(cell.value)}.", DSI_KONTAKT_EMAIL, cell)


@rule("STAM-08", "fejl", "Kommunens navn er tilsagnsmodtagerens (store og små bogstaver, mellemrum og ordet "
      "\"Kommune\" til sidst er ligegyldige); ellers tælles filen ikke med i DSI's oversigt og portefølje og "
      "sammenlignes ikke med andre filer.", needs=(DSI_KOMMUNE,))
def municipality(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_KOMMUNE)
    name = text(cell.value)
    expected = ctx.agreement.recipient.name
    if name is not None and not recipient.same_name(name, expected):
        yield Hit(f"forventede {expected}, fandt {describe(cell.value)}. {NOT_COUNTED}", DSI_KOMMUNE, cell)


@rule("STAM-09", "advarsel", "Regnskabet er underskrevet senest ved fristen for aflevering (7.4: 30. juni året efter "
      "regnskabsåret).", needs=(DSI_UNDERSKRIFT_DATO,), year=True)
def signed_in_time(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_UNDERSKRIFT_DATO)
    signed = as_date(cell.value)
    due = deadlines.accounts_due(ctx.agreement, ctx.accounts_year)
    if signed is not None and signed > due:
        yield Hit(f"regnskabet for {ctx.accounts_year} skulle afleveres senest "
                  f"{day(due)}{ctx.agreement.cite('accounts')}, men er underskrevet {day(signed)}; det er for sent.",
                  DSI_UNDERSKRIFT_DATO, cell)


@rule("STAM-10", "fejl", "Underskriftsdatoen ligger efter regnskabsårets udgang (tidligst 1. januar året efter); en "
      "umulig dato skjuler ingen frist: fristerne bedømmes så på i dag.", needs=(DSI_UNDERSKRIFT_DATO,), year=True)
def signed_after_year_end(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_UNDERSKRIFT_DATO)
    signed = as_date(cell.value)
    year = ctx.accounts_year
    if signed is not None and judging_day.too_early(signed, year):
        yield Hit(f"regnskabet for {year} kan tidligst underskrives {day(judging_day.earliest(year))}, efter "
                  f"årets udgang; fandt {day(signed)}. Fristerne er bedømt pr. {day(ctx.stated_on)}.",
                  DSI_UNDERSKRIFT_DATO, cell)
