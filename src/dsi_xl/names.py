"""The template's defined names: the contract between template, functions, validator and DSI.

This module is ``shared/spec/REGNSKABSSKABELON.md`` as data. Each :class:`NameSpec` says the
name, its sheet, its kind (``input``, ``formula`` or ``locked``) and its shape as a function of
the agreement (lines x years, 1 x measurements, ...). The template builder lays the names out,
the readers fetch them, the validator checks them; none of them spells a name on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from dsi_xl.agreement.model import Agreement

Kind = Literal["input", "formula", "locked"]
Shape = Callable[[Agreement], tuple[int, int]]

TEMPLATE_VERSION = "1.1"
KNOWN_VERSIONS = ("1.0", "1.1")  # a 1.0 file lacks the names marked since="1.1"
REPORT_SHEET = "Valideringsrapport"


def _one(_: Agreement) -> tuple[int, int]:
    return (1, 1)


def _lines_years(a: Agreement) -> tuple[int, int]:
    return (len(a.budget_lines), len(a.budget_years))


def _lines(a: Agreement) -> tuple[int, int]:
    return (len(a.budget_lines), 1)


def _years(a: Agreement) -> tuple[int, int]:
    return (1, len(a.budget_years))


def _installments(a: Agreement) -> tuple[int, int]:
    return (len(a.installments), 1)


def _measurements(a: Agreement) -> tuple[int, int]:
    return (1, len(a.repayment_rates))


def _months_measurements(a: Agreement) -> tuple[int, int]:
    return (12, len(a.repayment_rates))


def _goals_measurements(a: Agreement) -> tuple[int, int]:
    return (len(a.goals), len(a.repayment_rates))


def _goals(a: Agreement) -> tuple[int, int]:
    return (1, len(a.goals))


def _quarters(a: Agreement) -> tuple[int, int]:
    return (1, len(a.quarters))


@dataclass(frozen=True, slots=True)
class NameSpec:
    """One workbook-scoped defined name of the template."""

    name: str
    sheet: str
    kind: Kind
    shape: Shape
    label: str  # Danish, for messages: what the range holds
    since: str = "1.0"  # the template version that introduced the name

    def shape_for(self, agreement: Agreement) -> tuple[int, int]:
        return self.shape(agreement)


NAMES: tuple[NameSpec, ...] = (
    # Identity
    NameSpec("DSI_SKABELON_VERSION", "Vejledning", "locked", _one, "skabelonens version"),
    NameSpec("DSI_TILSAGN_ID", "Vejledning", "locked", _one, "tilsagnets id"),
    # Stamdata
    NameSpec("DSI_KOMMUNE", "Stamdata", "input", _one, "kommunens navn"),
    NameSpec("DSI_CVR", "Stamdata", "input", _one, "CVR-nummer"),
    NameSpec("DSI_REGNSKABSAAR", "Stamdata", "input", _one, "regnskabsår"),
    NameSpec("DSI_KONTAKT_NAVN", "Stamdata", "input", _one, "kontaktpersonens navn"),
    NameSpec("DSI_KONTAKT_EMAIL", "Stamdata", "input", _one, "kontaktpersonens e-mail"),
    NameSpec("DSI_UNDERSKRIVER_NAVN", "Stamdata", "input", _one, "underskriverens navn"),
    NameSpec("DSI_UNDERSKRIVER_TITEL", "Stamdata", "input", _one, "underskriverens titel"),
    NameSpec("DSI_UNDERSKRIFT_DATO", "Stamdata", "input", _one, "underskriftsdato"),
    # Regnskab
    NameSpec("DSI_BUDGET", "Regnskab", "locked", _lines_years, "budget"),
    NameSpec("DSI_FAKTISK", "Regnskab", "input", _lines_years, "faktiske udgifter"),
    NameSpec("DSI_AFVIGELSE_FORKLARING", "Regnskab", "input", _lines, "forklaring på afvigelse"),
    NameSpec("DSI_UDBETALT_DATO", "Regnskab", "input", _installments, "modtaget dato"),
    NameSpec("DSI_UDBETALT_BELOEB", "Regnskab", "input", _installments, "modtaget beløb"),
    NameSpec("DSI_PERIODISERING", "Regnskab", "input", _one, "periodisering"),
    NameSpec("DSI_PERIODISERING_FORKLARING", "Regnskab", "input", _one, "forklaring på periodisering"),
    NameSpec("DSI_IKKE_ANVENDT", "Regnskab", "formula", _one, "ikke-anvendt tilskud"),
    NameSpec("DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB", "Regnskab", "input", _years,
             "tilbagebetalt ikke-anvendt tilskud", "1.1"),
    NameSpec("DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO", "Regnskab", "input", _years,
             "dato for tilbagebetalt ikke-anvendt tilskud", "1.1"),
    # Betalingsmål
    NameSpec("DSI_M1_FRATRAEDELSER", "Betalingsmål", "input", _measurements, "fratrædelser"),
    NameSpec("DSI_M1_ANSATTE", "Betalingsmål", "input", _months_measurements, "ansatte pr. måned"),
    NameSpec("DSI_M1_RESULTAT", "Betalingsmål", "formula", _measurements, "personaleomsætning"),
    NameSpec("DSI_M2_AFSLUTTEDE", "Betalingsmål", "input", _measurements, "afsluttede §85-sager"),
    NameSpec("DSI_M2_SAGER", "Betalingsmål", "input", _measurements, "§85-sager i alt"),
    NameSpec("DSI_M2_RESULTAT", "Betalingsmål", "formula", _measurements, "andel afsluttede sager"),
    NameSpec("DSI_M3_OVERGAAET", "Betalingsmål", "input", _measurements, "borgere overgået til niveau 1-3"),
    NameSpec("DSI_M3_BORGERE", "Betalingsmål", "input", _measurements, "borgere på niveau 4-5"),
    NameSpec("DSI_M3_RESULTAT", "Betalingsmål", "formula", _measurements, "andel overgåede borgere"),
    NameSpec("DSI_BETALING", "Betalingsmål", "formula", _goals_measurements, "betaling pr. mål før loft"),
    NameSpec("DSI_TILBAGEBETALING", "Betalingsmål", "formula", _measurements, "tilbagebetaling efter loft"),
    NameSpec("DSI_TILBAGEBETALT_DATO", "Betalingsmål", "input", _measurements, "tilbagebetalt dato"),
    NameSpec("DSI_TILBAGEBETALT_BELOEB", "Betalingsmål", "input", _measurements, "tilbagebetalt beløb"),
    NameSpec("DSI_BASELINE_2025", "Betalingsmål", "input", _goals, "resultat for 2025"),
    # Sagsstamme
    NameSpec("DSI_KVARTAL", "Sagsstamme", "locked", _quarters, "kvartal"),
    NameSpec("DSI_SAGER", "Sagsstamme", "input", _quarters, "sager i afdelingen"),
    NameSpec("DSI_RAADGIVERE", "Sagsstamme", "input", _quarters, "besatte rådgiverstillinger"),
    NameSpec("DSI_SAGSSTAMME", "Sagsstamme", "formula", _quarters, "sagsstamme pr. rådgiver"),
)

BY_NAME: dict[str, NameSpec] = {spec.name: spec for spec in NAMES}
INPUT_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "input")
FORMULA_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "formula")
