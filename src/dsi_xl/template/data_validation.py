"""Excel data validation for the input cells, by rule key, with Danish prompts and errors.

Date limits and the list of accounts years come from the agreement: dates lie between 1 January
of the first budget year and the last deadline the agreement sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dsi_xl.agreement.model import Agreement
from dsi_xl.clauses import deadlines
from dsi_xl.format import day


@dataclass(frozen=True)
class Rule:
    type: str
    operator: str | None
    formula1: str | None
    formula2: str | None
    title: str
    prompt: str
    error: str


def _serial(day: date) -> str:
    return f"DATE({day.year},{day.month},{day.day})"


def date_window(agreement: Agreement) -> tuple[date, date]:
    last_year = agreement.budget_years[-1]
    ends = [agreement.effort_end, deadlines.accounts_due(agreement, last_year),
            deadlines.unused_grant_due(agreement, last_year), *(r.payment_due for r in agreement.repayment_rates)]
    return date(agreement.budget_years[0], 1, 1), max(ends)


def rules(agreement: Agreement) -> dict[str, Rule]:
    first, last = date_window(agreement)
    years = ",".join(str(y) for y in agreement.budget_years)
    shown = f"{day(first)} og {day(last)}"
    return {
        "count": Rule(
            "whole",
            "greaterThanOrEqual",
            "0",
            None,
            "Antal",
            "Skriv et helt tal på 0 eller derover.",
            "Antal skal være et helt tal på 0 eller derover.",
        ),
        "amount": Rule(
            "decimal",
            "greaterThanOrEqual",
            "0",
            None,
            "Beløb i kr.",
            "Skriv beløbet i kr., 0 eller derover.",
            "Beløbet skal være et tal på 0 eller derover.",
        ),
        "percent": Rule(
            "decimal",
            "greaterThanOrEqual",
            "0",
            None,
            "Procent",
            "Skriv resultatet i procent, fx 28 for 28 %.",
            "Resultatet skal være et tal på 0 eller derover.",
        ),
        "value": Rule(
            "decimal",
            "greaterThanOrEqual",
            "0",
            None,
            "Målt værdi",
            "Skriv den målte værdi i målets egen enhed (se rækken), 0 eller derover, fx 38,5.",
            "Værdien skal være et tal på 0 eller derover.",
        ),
        "advisors": Rule(
            "decimal",
            "greaterThan",
            "0",
            None,
            "Rådgiverstillinger",
            "Skriv antal besatte rådgiverstillinger, større end 0.",
            "Antal besatte rådgiverstillinger skal være et tal større end 0.",
        ),
        "date": Rule(
            "date",
            "between",
            _serial(first),
            _serial(last),
            "Dato",
            f"Skriv en dato (dd.mm.åååå) mellem {shown}.",
            f"Datoen skal ligge mellem {shown} (tilsagnets periode og frister).",
        ),
        "repaid": Rule(
            "decimal",
            "greaterThanOrEqual",
            "0",
            None,
            "Tilbagebetalt",
            "Skriv, hvad der er tilbagebetalt til DSI af dette års ikke-anvendte tilskud (kr., 0 eller "
            "derover). Kun for år før regnskabsåret.",
            "Beløbet skal være et tal på 0 eller derover.",
        ),
        "repaid_date": Rule(
            "date",
            "between",
            _serial(first),
            _serial(last),
            "Tilbagebetalt dato",
            f"Skriv datoen (dd.mm.åååå) for tilbagebetalingen, mellem {shown}. Fristen er 31. juli året efter.",
            f"Datoen skal ligge mellem {shown} (tilsagnets periode og frister).",
        ),
        "year": Rule(
            "list",
            None,
            f'"{years}"',
            None,
            "Regnskabsår",
            "Vælg det kalenderår, regnskabet gælder.",
            f"Regnskabsåret skal være et af budgetårene {years.replace(',', ', ')}.",
        ),
        "cvr": Rule(
            "textLength",
            "equal",
            "8",
            None,
            "CVR-nummer",
            "Skriv kommunens CVR-nummer, 8 cifre.",
            "Et CVR-nummer har 8 cifre.",
        ),
        "text": Rule(
            "textLength",
            "lessThanOrEqual",
            "2000",
            None,
            "Tekst",
            "Skriv teksten her (højst 2000 tegn).",
            "Teksten må højst være 2000 tegn.",
        ),
    }
