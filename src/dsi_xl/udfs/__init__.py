"""The DSI_ worksheet functions: the add-in's "UDF Modules" entry (``dsi_xl.udfs``).

Each function is a thin wrapper around the core (:mod:`dsi_xl.clauses`,
:mod:`dsi_xl.agreement`), decorated with xlwings' ``func``/``arg``, so that one module serves
classic Windows Excel (COM UDFs, "Import Functions") and Office.js (xlwings Server, xlwings
Lite). Names and argument order are a contract with the template. Every function but
DSI_VERSION takes an optional last argument, the agreement id (default: the shipped one).

The docstrings of the DSI_ functions are their Danish descriptions in Excel (xlwings shows
the docstring), and ``doc=`` is each argument's Danish help; everything else is English.
Blanks, error values, exact numbers, dates and the reporting of errors are handled in one
place, :func:`dsi_xl.udfs.boundary.cell`. The agreement is loaded on the first call, not on
import, and importing this module pulls in neither openpyxl nor pandas.

The functions compute with the terms in force today (reading 12): the agreement with every
amendment dated on or before :func:`dsi_xl.agreement.today`, which is the computer's clock
(``date.today()`` in the Python process that runs the function) unless the template generator
sets the day it builds for.
"""

from __future__ import annotations

from typing import Any

from xlwings import arg, func

import dsi_xl
from dsi_xl import agreement as _agreements
from dsi_xl.agreement import terms as _terms
from dsi_xl.clauses import (
    caseload,
    deadlines,
    goal_payment,
    progress,
    renegotiation,
    repayment,
    share,
    turnover,
    unused_grant,
)
from dsi_xl.clauses.unused_grant import to_day
from dsi_xl.errors import DSIError, OutOfRange, UnknownAgreement, describe
from dsi_xl.money import ZERO, is_blank, to_count, to_nonnegative
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_PERIODISERING,
    DSI_REGNSKABSAAR,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
)
from dsi_xl.udfs.boundary import cell, is_empty, matrix, vector

RANGE = {"ndim": 2, "err_to_str": True}
VALUE = {"err_to_str": True}
TILSAGN = 'Tilsagnets id, fx "randers-2026" (valgfrit; tom: det medfølgende tilsagn).'


def _agreement(tilsagn: Any) -> _agreements.Agreement:
    """The agreement named in the optional last argument, loaded (and cached) on first use, with
    the terms in force today."""
    if is_blank(tilsagn):
        return _agreements.in_force(_agreements.load(), _agreements.today())
    if not isinstance(tilsagn, str):
        raise UnknownAgreement(
            f'Tilsagn: forventede et tilsagns-id som tekst, fx "randers-2026", fandt {describe(tilsagn)}.'
        )
    return _agreements.in_force(_agreements.load(tilsagn.strip()), _agreements.today())


def _number(value: Any, what: str) -> int:
    """A whole number >= 0 given in a cell (a goal, a line, a year)."""
    return int(to_count(value, what))


def _goal_amount(number: int, resultat: Any, tilsagn: Any) -> Any:
    return goal_payment.compute(_agreement(tilsagn).goal(number), resultat)


@func
@arg("resultat", doc="Målets resultat for én måling i procent, fx 28 for 28 %.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("resultat")
def DSI_PAYMENT_GOAL1(resultat, tilsagn=None):
    """Betalingsmål 1: beløbet i kr. for ét resultat, før lofterne (Bilag 5.1)."""
    return _goal_amount(1, resultat, tilsagn)


@func
@arg("resultat", doc="Målets resultat for én måling i procent, fx 15 for 15 %.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("resultat")
def DSI_PAYMENT_GOAL2(resultat, tilsagn=None):
    """Betalingsmål 2: beløbet i kr. for ét resultat, før lofterne (Bilag 5.1)."""
    return _goal_amount(2, resultat, tilsagn)


@func
@arg("resultat", doc="Målets resultat for én måling i procent, fx 12 for 12 %.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("resultat")
def DSI_PAYMENT_GOAL3(resultat, tilsagn=None):
    """Betalingsmål 3: beløbet i kr. for ét resultat, før lofterne (Bilag 5.1)."""
    return _goal_amount(3, resultat, tilsagn)


@func
@arg("maal", doc="Betalingsmålets nummer, fx 1.", **VALUE)
@arg("resultat", doc="Målets resultat for én måling: i procent, eller i målets egen enhed (fx dage).", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("maal", "resultat")
def DSI_PAYMENT(maal, resultat, tilsagn=None):
    """Et betalingsmåls beløb i kr. for ét resultat, før lofterne (Bilag 5.1); virker for hvert mål."""
    return _goal_amount(_number(maal, "Betalingsmål"), resultat, tilsagn)


@func
@arg("fratraedelser", doc="Antal fratrædelser i måleåret.", **VALUE)
@arg("ansatte", doc="Antal ansatte i hver af årets 12 måneder (marts til februar), én række eller kolonne.", **RANGE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("fratraedelser", "ansatte")
def DSI_TURNOVER(fratraedelser, ansatte, tilsagn=None):
    """Personaleomsætning i procent: fratrædelser / gennemsnitligt antal ansatte x 100."""
    _agreement(tilsagn)
    return turnover.compute(fratraedelser, vector(ansatte, "Antal ansatte pr. måned", turnover.MONTHS))


@func
@arg("taeller", doc="Delen, fx antal afsluttede sager.", **VALUE)
@arg("naevner", doc="Det hele, fx alle sager i året.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("taeller", "naevner")
def DSI_SHARE(taeller, naevner, tilsagn=None):
    """En andel i procent: del / hele x 100 (et betalingsmål, der måles som en andel)."""
    _agreement(tilsagn)
    return share.compute(taeller, naevner)


@func
@arg("resultater", doc="Resultaterne i procent: én række pr. betalingsmål, én kolonne pr. måling.", **RANGE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell()
def DSI_REPAYMENT(resultater, tilsagn=None):
    """Beløb til tilbagebetaling pr. rate efter lofterne (5.2); tom, hvor resultater mangler."""
    return [list(repayment.compute(_agreement(tilsagn), matrix(resultater)))]


@func
@arg("modtaget", doc=f"Modtaget tilskud: et beløb i alt, eller {DSI_UDBETALT_BELOEB} (ét beløb pr. rate).", **RANGE)
@arg("forbrugt", doc=f"Afholdte udgifter: et beløb i alt, eller {DSI_FAKTISK} (budgetlinjer x år).", **RANGE)
@arg("periodisering", doc="Tilskud holdt tilbage til senere udgifter (valgfri).", **VALUE)
@arg("regnskabsaar", doc="Regnskabsåret, fx 2027 (valgfri; med det regnes efter 4.3 for netop det år).", **VALUE)
@arg("modtaget_dato", doc=f"{DSI_UDBETALT_DATO}: datoen hver rate blev modtaget (med regnskabsåret).", **RANGE)
@arg(
    "tilbagebetalt",
    doc=f"{DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB}: tilbagebetalt for hvert tidligere år (valgfri).",
    **RANGE,
)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("modtaget", "forbrugt")
def DSI_UNUSED_GRANT(modtaget, forbrugt, periodisering=None, regnskabsaar=None, modtaget_dato=None,
                     tilbagebetalt=None, tilsagn=None):
    """Ikke-anvendt tilskud til tilbagebetaling (4.3): modtaget - forbrugt - periodisering - tilbagebetalt."""
    if isinstance(regnskabsaar, str) and modtaget_dato is None and tilbagebetalt is None and tilsagn is None:
        # Template 1.0's cells: DSI_UNUSED_GRANT(SUM(..);SUM(..);DSI_PERIODISERING;DSI_TILSAGN_ID).
        regnskabsaar, tilsagn = None, regnskabsaar
    agreement = _agreement(tilsagn)
    if modtaget_dato is None and is_blank(regnskabsaar):
        return unused_grant.compute(_total(modtaget, "Modtaget tilskud"), _total(forbrugt, "Afholdte udgifter"),
                                    periodisering)
    if is_blank(regnskabsaar):
        return None  # the template's cell, before the accounts year is chosen
    return _unused_terms(agreement, modtaget, forbrugt, periodisering, regnskabsaar, modtaget_dato,
                         tilbagebetalt).result


@func
@arg("modtaget", doc=f"{DSI_UDBETALT_BELOEB}: det modtagne beløb for hver rate.", **RANGE)
@arg("forbrugt", doc=f"{DSI_FAKTISK}: de faktiske udgifter (budgetlinjer x år).", **RANGE)
@arg("periodisering", doc=f"{DSI_PERIODISERING}: tilskud holdt tilbage til senere udgifter.", **VALUE)
@arg("regnskabsaar", doc=f"{DSI_REGNSKABSAAR}: regnskabsåret, fx 2027.", **VALUE)
@arg("modtaget_dato", doc=f"{DSI_UDBETALT_DATO}: datoen hver rate blev modtaget.", **RANGE)
@arg("tilbagebetalt", doc=f"{DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB}: tilbagebetalt for hvert tidligere år (valgfri).",
     **RANGE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("modtaget", "forbrugt", "regnskabsaar")
def DSI_UNUSED_GRANT_TERMS(modtaget, forbrugt, periodisering, regnskabsaar, modtaget_dato, tilbagebetalt=None,
                           tilsagn=None):
    """Leddene i DSI_UNUSED_GRANT (4.3) i rækker: modtaget, udgifter, periodisering, tilbagebetalt, merforbrug, sum."""
    terms = _unused_terms(_agreement(tilsagn), modtaget, forbrugt, periodisering, regnskabsaar, modtaget_dato,
                          tilbagebetalt)
    return [[value] for value in terms.column]


def _unused_terms(agreement, modtaget, forbrugt, periodisering, regnskabsaar, modtaget_dato, tilbagebetalt):
    """Reading 5's terms from the template's ranges (one core with the validator's)."""
    count = len(agreement.installments)
    dates = [None] * count if modtaget_dato is None else vector(modtaget_dato, "Modtaget dato", count)
    repaid = None if tilbagebetalt is None or is_empty(tilbagebetalt) else vector(
        tilbagebetalt, "Tilbagebetalt ikke-anvendt tilskud", len(agreement.budget_years))
    return unused_grant.terms_from_cells(agreement, regnskabsaar, dates, vector(modtaget, "Modtaget beløb", count),
                                         matrix(forbrugt), periodisering, repaid)


def _total(value: Any, what: str) -> Any:
    """The documented form: one amount, or the sum of a range's filled cells."""
    items = [item for row in matrix(value) for item in row]
    if len(items) == 1:
        return items[0]
    return sum((to_nonnegative(item, what) for item in items if not is_blank(item)), ZERO)


@func
@arg("sager", doc="Alle sager i afdelingen i kvartalet.", **VALUE)
@arg("raadgivere", doc="Besatte rådgiverstillinger i kvartalet.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("sager", "raadgivere")
def DSI_CASELOAD(sager, raadgivere, tilsagn=None):
    """Sagsstamme: sager pr. besat rådgiverstilling (6.1.1(iii))."""
    _agreement(tilsagn)
    return caseload.compute(sager, raadgivere)


@func
@arg("sagsstammer", doc="Sagsstammen for hvert kvartal i indsatsperioden, én række eller kolonne.", **RANGE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell()
def DSI_CASELOAD_BREACH(sagsstammer, tilsagn=None):
    """Hvert brud på 6.1.1(iii) som kvartalet, der fuldender det, nyeste først: fx "2027K3; 2026K3"; ellers FALSK."""
    agreement = _agreement(tilsagn)
    found = caseload.breaches(agreement, vector(sagsstammer, "Sagsstamme pr. kvartal", len(agreement.quarters)))
    return caseload.shown(found) if found else False


@func
@arg("maal", doc="Betalingsmålets nummer, fx 1.", **VALUE)
@arg("resultat_2025", doc="Målets resultat for 2025: i procent, eller i målets egen enhed.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("maal", "resultat_2025")
def DSI_RENEGOTIATE(maal, resultat_2025, tilsagn=None):
    """SAND, når resultatet for 2025 giver ret til at genforhandle baseline (Bilag 5.1, 2.5)."""
    return renegotiation.compute(_agreement(tilsagn).goal(_number(maal, "Betalingsmål")), resultat_2025)


@func
@arg("linje", doc="Budgetlinjens nummer, fx 1.", **VALUE)
@arg("aar", doc="Kalenderåret, fx 2027.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("linje", "aar")
def DSI_BUDGET(linje, aar, tilsagn=None):
    """Budgettet i kr. for én budgetlinje og ét år (Bilag 4.1)."""
    return _agreement(tilsagn).budget_amount(_number(linje, "Budgetlinje"), _number(aar, "Budgetår"))


@func
@arg("nr", doc="Udbetalingsratens nummer, fx 1.", **VALUE)
@arg("hvad", doc='"beløb" (ratens beløb i kr.) eller "frist" (dato for udbetaling).', **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("nr", "hvad")
def DSI_INSTALLMENT(nr, hvad, tilsagn=None):
    """En udbetalingsrates beløb eller frist (Bilag 3.2, som ændret ved tillæg); en dato vises som dato."""
    installment = _agreement(tilsagn).installment(_number(nr, "Udbetalingsrate"))
    key = hvad.strip().lower().replace("ø", "oe") if isinstance(hvad, str) else hvad
    if key in ("beloeb", "belob"):
        return installment.payable  # withheld by DSI (6.1): nothing is paid
    if key == "frist":
        return installment.due
    raise OutOfRange("Hvad", '"beløb" eller "frist"', hvad)


@func
@arg(
    "art", doc='Fristens art: "regnskab", "ikke_anvendt", "udbetaling", "opgoerelse" eller "tilbagebetaling".', **VALUE
)
@arg("aar_eller_nr", doc="Regnskabsåret (regnskab, ikke_anvendt) eller ratens nummer (de øvrige).", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("art", "aar_eller_nr")
def DSI_DEADLINE(art, aar_eller_nr, tilsagn=None):
    """En frist efter tilsagnet (7.4, 4.3, Bilag 3.2, Bilag 5.1); vises som dato."""
    return deadlines.compute(_agreement(tilsagn), art, aar_eller_nr)


@func
@arg("linje", doc="Budgetlinjens nummer, fx 1.", **VALUE)
@arg("dato", doc="Statusdatoen: budgettet til og med datoens måned.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("linje", "dato")
def DSI_BUDGET_TO_DATE(linje, dato, tilsagn=None):
    """Budgettet i kr. for én linje fra indsatsens start til og med datoens måned, årets budget fordelt pr. måned."""
    return progress.budget_to_date(_agreement(tilsagn), _number(linje, "Budgetlinje"), to_day(dato, "Dato"))


@func
@arg("dato", doc="Statusdatoen: fristerne fra den dato og et år frem.", **VALUE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("dato")
def DSI_DEADLINES_AHEAD(dato, tilsagn=None):
    """Tilsagnets frister de næste 12 måneder fra datoen: én række pr. frist med dato og hvad der forfalder."""
    agreement = _agreement(tilsagn)
    found = deadlines.within_a_year(agreement, to_day(dato, "Dato"))
    rows: list[list[Any]] = [[d.day, d.text] for d in found]
    return rows + [[None, None]] * (deadlines.most_within_a_year(agreement) - len(rows))


@func
@arg("noegle", doc='Nøglen til et tilsagnsvilkår, fx "tilskud", "afkastloft" eller "baseline_maal1".', **RANGE)
@arg("tilsagn", doc=TILSAGN, **VALUE)
@cell("noegle")
def DSI_TERM(noegle, tilsagn=None):
    """Et vilkår i tilsagnet efter nøgle: beløb, procent, dato eller tekst."""
    rows = matrix(noegle)  # two dimensions from xlwings (RANGE), so a row and a column are told apart
    if len(rows) != 1 or len(rows[0]) != 1:
        raise DSIError(f"Nøgle: forventede én celle med en nøgle som tekst, fandt et område på {len(rows)} x "
                       f"{max(len(r) for r in rows)} celler.")
    return _terms.term(_agreement(tilsagn), rows[0][0])


@func
@cell()
def DSI_VERSION():
    """Versionen af dsi-xl, der har regnet projektmappen."""
    return dsi_xl.__version__
