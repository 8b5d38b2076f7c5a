"""The shipped example gives no fejl; each single mutation of it, made by defined name with
openpyxl in a copy, gives the rule it should.

Needs the real files: ``workbook_templates/eksempel-2027.xlsx`` and the reader.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import EXAMPLE_FILE

openpyxl = pytest.importorskip("openpyxl")
reader = pytest.importorskip("dsi_xl.workbook.reader", reason="the workbook reader does not exist yet")
from dsi_xl.validation.engine import validate_file  # noqa: E402

pytestmark = pytest.mark.skipif(not EXAMPLE_FILE.exists(), reason="workbook_templates/eksempel-2027.xlsx not built yet")

AS_OF = date(2028, 6, 1)  # after the example's signature (15.05.2028), before rate 1 must be paid


def _cells(book, name):
    sheet, ref = next(iter(book.defined_names[name].destinations))
    area = book[sheet][ref.replace("$", "")]
    if not isinstance(area, tuple):
        return [[area]]
    return [list(row) if isinstance(row, tuple) else [row] for row in area] if isinstance(area[0], tuple) \
        else [list(area)]


def set_value(name, row=0, col=0, value=None):
    def change(book):
        _cells(book, name)[row][col].value = value
    return change


def _deviation_without_explanation(book):
    actual = _cells(book, "DSI_FAKTISK")[1][1]
    actual.value = 900000
    _cells(book, "DSI_AFVIGELSE_FORKLARING")[1][0].value = None


def _accrual(amount, note):
    def change(book):
        _cells(book, "DSI_PERIODISERING")[0][0].value = amount
        _cells(book, "DSI_PERIODISERING_FORKLARING")[0][0].value = note
    return change


def _part_above_whole(book):
    whole = _cells(book, "DSI_M2_SAGER")[0][0].value
    _cells(book, "DSI_M2_AFSLUTTEDE")[0][0].value = whole + 1


def _caseload_breach(book):
    cases, advisors = _cells(book, "DSI_SAGER")[0], _cells(book, "DSI_RAADGIVERE")[0]
    for q in (1, 2):
        cases[q].value = 100 * (advisors[q].value or 1)


def _typed_over(book):
    _cells(book, "DSI_M1_RESULTAT")[0][0].value = 28


def _changed_formula(book):
    _cells(book, "DSI_IKKE_ANVENDT")[0][0].value = "=1+1"


def _missing_name(book):
    del book.defined_names["DSI_KOMMUNE"]


def _hidden_sheet(book):
    book.create_sheet("Noter").sheet_state = "hidden"


def _settings_sheet(book):
    """The sheet xlwings' VBA would read before the add-in's own settings, steering its Python."""
    sheet = book.create_sheet("myaddin.conf")
    sheet.append(["Interpreter_Win", r"C:\Users\Public\ikke-python.exe"])


def _manual(book):
    book.calculation.calcMode = "manual"


MUTATIONS = {
    "forkert CVR": (set_value("DSI_CVR", value="29189669"), "STAM-02"),
    "en andens CVR": (set_value("DSI_CVR", value="40056823"), "STAM-03"),
    "regnskabsår 2031": (set_value("DSI_REGNSKABSAAR", value=2031), "STAM-04"),
    "ingen titel": (set_value("DSI_UNDERSKRIVER_TITEL", value=None), "STAM-05"),
    "forkert e-mail": (set_value("DSI_KONTAKT_EMAIL", value="ikke en adresse"), "STAM-07"),
    "budget ændret": (set_value("DSI_BUDGET", 1, 1, 700000), "BUDGET-01"),
    "negativ udgift": (set_value("DSI_FAKTISK", 1, 1, -5), "BUDGET-02"),
    "udgift i senere år": (set_value("DSI_FAKTISK", 1, 2, 1000), "BUDGET-03"),
    "stor afvigelse uden forklaring": (_deviation_without_explanation, "BUDGET-04"),
    "forkert ratebeløb": (set_value("DSI_UDBETALT_BELOEB", 1, 0, 600000), "RATE-02"),
    "senere rate udfyldt": (set_value("DSI_UDBETALT_BELOEB", 2, 0, 650000), "RATE-05"),
    "for stor periodisering": (_accrual(500000, "Løn i 2028"), "UBRUGT-04"),
    "periodisering uden forklaring": (_accrual(50000, None), "UBRUGT-03"),
    "11 månedstal": (set_value("DSI_M1_ANSATTE", 11, 0, None), "MAAL-01"),
    "brøkdel af en sag": (set_value("DSI_M3_BORGERE", 0, 0, 10.5), "MAAL-02"),
    "del større end helhed": (_part_above_whole, "MAAL-03"),
    "tomt kvartal": (set_value("DSI_RAADGIVERE", 0, 4, None), "SAG-01"),
    "sagsstamme over grænsen": (_caseload_breach, "SAG-03"),
    "overskrevet formel": (_typed_over, "FORMEL-01"),
    "ændret formel": (_changed_formula, "FORMEL-02"),
    "manglende navn": (_missing_name, "STRUKTUR-04"),
    "ukendt tilsagn": (set_value("DSI_TILSAGN_ID", value="ukendt-2099"), "STRUKTUR-02"),
    "gammel version": (set_value("DSI_SKABELON_VERSION", value="0.1"), "STRUKTUR-03"),
    "skjult ekstra ark": (_hidden_sheet, "FORMEL-06"),
    "indstillingsark for xlwings": (_settings_sheet, "FORMEL-09"),
    "manuel beregning": (_manual, "FORMEL-07"),
}


def mutated(tmp_path, change, source=EXAMPLE_FILE, as_of=AS_OF):
    """``source`` changed by ``change`` (a function of the openpyxl book) in a copy, validated on ``as_of``."""
    book = openpyxl.load_workbook(source)
    if change is not None:
        change(book)
    target = tmp_path / "kopi.xlsx"
    book.save(target)
    return validate_file(target, as_of=as_of)




def test_the_example_gives_no_fejl():
    result = validate_file(EXAMPLE_FILE, as_of=AS_OF)
    assert result.status in ("ok", "advarsler"), [f for f in result.findings if f.severity == "fejl"]


def test_the_example_gives_no_fejl_today():
    result = validate_file(EXAMPLE_FILE)
    assert result.status in ("ok", "advarsler"), [f for f in result.findings if f.severity == "fejl"]


def test_the_example_keeps_its_verdict_after_every_deadline():
    """Signed 15.05.2028, before rate 1 was due: validated in 2035 it is still ok, not missing
    a repayment it could not show (deadlines are judged on the signing date)."""
    later = validate_file(EXAMPLE_FILE, as_of=date(2035, 1, 1))
    assert later.status == "ok" and later.findings == validate_file(EXAMPLE_FILE, as_of=date(2028, 6, 1)).findings


def test_an_untouched_openpyxl_copy_gives_no_fejl(tmp_path):
    result = mutated(tmp_path, None)
    assert not [f for f in result.findings if f.severity == "fejl"]


def test_the_example_computes_the_agreements_amounts():
    computed = validate_file(EXAMPLE_FILE, as_of=AS_OF).computed
    due = computed["DSI_TILBAGEBETALING"][0]
    assert due[0] is not None and due[1] is None  # measurement year 2 filled, year 3 not yet
    assert all(v is not None for v in computed["DSI_SAGSSTAMME"][0][:8])  # 2026K1..2027K4


def test_at_least_fifteen_mutations():
    assert len(MUTATIONS) >= 15 and len({rule for _, rule in MUTATIONS.values()}) >= 15


@pytest.mark.parametrize("label", sorted(MUTATIONS))
def test_a_mutation_gives_its_rule(tmp_path, label):
    change, rule_id = MUTATIONS[label]
    result = mutated(tmp_path, change)
    assert rule_id in {f.rule for f in result.findings}, (label, result.findings)
    assert not [f for f in result.findings if "intern fejl" in f.message.lower()]
