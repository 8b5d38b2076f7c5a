"""The second agreement, made up but realistic (tests/data/fjordby-2027.toml): four payment goals of
all three indicators (goal 4 measured in days, lower is better), goal caps on goals 1 and 4, five
budget lines, four installments, three measurement years, its own deadlines. It goes through what
Randers' agreement goes through: the template and the filled example built from it, validation
(the example is clean; the same deliberate mistakes are found), the ``formulas`` engine and
LibreOffice. Its worksheet functions run through xlwings' dispatch and in Pyodide with the cases
of test_udfs (``fjordby ...``).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from stdnum.dk import cvr

from conftest import DATA, FJORDBY_SIGNED, soffice
from dsi_xl import spec, template
from dsi_xl.agreement import in_force
from dsi_xl.agreement.clock import on
from dsi_xl.clauses import goal_payment, repayment, share, turnover
from dsi_xl.template.example import inputs
from dsi_xl.validation.engine import validate_file
from test_mutations import _cells, mutated, set_value

AS_OF = date(2029, 5, 1)  # after the example's signature (16.04.2029), before rate 1's payment is due


@pytest.fixture(autouse=True)
def _agreements(monkeypatch):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(DATA))  # a file names its agreement by id


def _named(book, name):
    return [[cell.value for cell in row] for row in _cells(book, name)]


def test_four_goals_of_three_indicators_with_their_own_names(fjordby):
    assert [g.indicator for g in fjordby.goals] == ["turnover", "share", "share", "value"]
    assert [g.cap for g in fjordby.goals] == [600000, None, None, 400000] and fjordby.total_cap == 2500000
    assert len(fjordby.budget_lines) == 5 and len(fjordby.installments) == 4 and len(fjordby.repayment_rates) == 3
    assert cvr.is_valid(fjordby.recipient.cvr) and fjordby.recipient.cvr != "29189668"
    value = fjordby.goals[3]
    assert value.unit == "gennemsnitlig ventetid i dage" and value.direction == "lower" and not value.in_percent
    assert [[s.name for s in g.inputs] for g in spec.goals(fjordby)] == [
        ["DSI_M1_FRATRAEDELSER", "DSI_M1_ANSATTE"],  # the indicator's defaults
        ["DSI_M2_I_UDDANNELSE", "DSI_M2_AFSLUTTEDE_FORLOEB"],  # its own
        ["DSI_M3_TAELLER", "DSI_M3_NAEVNER"],
        ["DSI_M4_VENTETID"],
    ]


def test_the_value_goal_pays_by_the_day(fjordby):
    """The agreement's own style of worked example: 35,5 days against a baseline of 42 at 12.000 kr.
    a day is (42 - 35,5) x 12.000 = 78.000 kr.; a longer wait than the baseline pays nothing."""
    goal = fjordby.goal(4)
    assert goal_payment.compute(goal, 35.5) == Decimal("78000.00")
    assert goal_payment.compute(goal, 42.5) == 0
    assert repayment.compute(fjordby, [[4.5] * 3, [38] * 3, [22] * 3, [0] * 3]) == (1000000, 0, 0)  # both goal caps


def test_the_template_has_a_block_per_goal(fjordby_files, fjordby):
    book = openpyxl.load_workbook(fjordby_files["template"])
    for s in spec.names(fjordby):
        assert s.name in book.defined_names, s.name
    assert "DSI_M5_RESULTAT" not in book.defined_names and "DSI_M2_SAGER" not in book.defined_names
    sheet = book["Betalingsmål"]
    labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert "Mål 4: Kortere ventetid på første samtale" in labels
    assert "Gennemsnitlig ventetid på første samtale (dage)" in labels
    assert "Resultat for mål 4 (gennemsnitlig ventetid i dage)" in labels
    assert "Vejledere, måned 1 (januar)" in labels  # calendar measurement years start in January
    (ref,) = _cells(book, "DSI_M4_RESULTAT")[0][:1]
    value_ref = _cells(book, "DSI_M4_VENTETID")[0][0].coordinate
    assert ref.value == f'=IF({value_ref}="","",{value_ref})' and ref.number_format == "#,##0.0"
    assert len(_named(book, "DSI_BETALING")) == 4 and len(_named(book, "DSI_BASELINE_2025")[0]) == 4
    assert book["Prognose"]["A9"].value == "Mål 4: forventet resultat (gennemsnitlig ventetid i dage)"
    assert _cells(book, "DSI_X_PROGNOSE_LAV")[3][0].number_format == "#,##0.0"  # the value goal's row
    assert _cells(book, "DSI_X_PROGNOSE_LAV")[0][0].number_format == '0.0 "%"'


def test_the_example_is_clean_and_computes_the_core(fjordby_files, fjordby):
    """Judged on its signing day, with both amendments in force: goal 2's renegotiated baseline (35 %),
    rate 2 withheld and left blank."""
    result = validate_file(fjordby_files["example"], as_of=AS_OF)
    assert result.status in ("ok", "advarsler"), [f for f in result.findings if f.severity == "fejl"]
    fjordby = in_force(fjordby, FJORDBY_SIGNED)
    assert [c.amendment.number for c in fjordby.amended] == [1, 2]
    filled = inputs(fjordby)
    assert filled["DSI_UDBETALT_BELOEB"] == [[900000], [None], [None], [None]]  # rate 2 withheld
    assert sorted(f.rule for f in result.findings if f.rule == "TILLAEG-01") == ["TILLAEG-01"] * 2
    departures, staff = filled["DSI_M1_FRATRAEDELSER"][0][0], [row[0] for row in filled["DSI_M1_ANSATTE"]]
    results = [turnover.compute(departures, staff),
               share.compute(filled["DSI_M2_I_UDDANNELSE"][0][0], filled["DSI_M2_AFSLUTTEDE_FORLOEB"][0][0]),
               share.compute(filled["DSI_M3_TAELLER"][0][0], filled["DSI_M3_NAEVNER"][0][0]),
               Decimal("37.8")]
    computed = result.computed
    assert [computed[f"DSI_M{n}_RESULTAT"][0][0] for n in (1, 2, 3, 4)] == results  # typed: the core's Decimals
    assert computed["DSI_BETALING"][3] == [50400, None, None]  # (42 - 37,8) x 12.000
    due = repayment.compute(fjordby, [[r, None, None] for r in results])
    assert computed["DSI_TILBAGEBETALING"] == [[due[0], None, None]] and due[0] > 0


def test_the_formulas_engine_computes_what_the_core_does(fjordby_files, fjordby):
    pytest.importorskip("formulas")
    from dsi_xl.template.calculation import calculate

    with on(FJORDBY_SIGNED):  # the functions compute with the terms in force on their day
        values = calculate(fjordby_files["example"])
    result = validate_file(fjordby_files["example"], as_of=AS_OF)
    layout = template.layout_for(fjordby)
    for name in spec.formula_names(fjordby):
        sheet, area = layout.names[name]
        book_cells = _cells(openpyxl.load_workbook(fjordby_files["example"]), name)
        for row, expected_row in zip(book_cells, result.computed[name], strict=True):
            for cell, expected in zip(row, expected_row, strict=True):
                found = values[(sheet, cell.coordinate)]
                if expected is None:
                    assert found in ("", None), (name, cell.coordinate, found)
                else:
                    assert abs(float(found) - float(expected)) < 0.005, (name, cell.coordinate, found, expected)


def _cap_one_goal(book):
    """Goal 1 far better than its baseline every year: its cap (600.000 kr.) holds, computed, no fejl."""
    _cells(book, "DSI_M1_FRATRAEDELSER")[0][0].value = 0


MUTATIONS = {
    "ventetid mangler": (set_value("DSI_M4_VENTETID", 0, 0, None), "MAAL-01"),
    "negativ ventetid": (set_value("DSI_M4_VENTETID", 0, 0, -3), "MAAL-02"),
    "ventetid som tekst": (set_value("DSI_M4_VENTETID", 0, 0, "ca. 40"), "MAAL-02"),
    "11 månedstal": (set_value("DSI_M1_ANSATTE", 11, 0, None), "MAAL-01"),
    "brøkdel af en elev": (set_value("DSI_M3_NAEVNER", 0, 0, 10.5), "MAAL-02"),
    "del større end helhed": (set_value("DSI_M2_I_UDDANNELSE", 0, 0, 161), "MAAL-03"),
    "overskrevet resultat": (set_value("DSI_M4_RESULTAT", 0, 0, 30), "FORMEL-01"),
    "ændret betaling": (set_value("DSI_BETALING", 3, 0, "=1+1"), "FORMEL-02"),
    "forkert CVR": (set_value("DSI_CVR", value="34876127"), "STAM-02"),
    "Randers' CVR": (set_value("DSI_CVR", value="29189668"), "STAM-03"),
    "budget ændret": (set_value("DSI_BUDGET", 4, 1, 60000), "BUDGET-01"),
    "udgift i senere år": (set_value("DSI_FAKTISK", 2, 2, 1000), "BUDGET-03"),
    "forkert ratebeløb": (set_value("DSI_UDBETALT_BELOEB", 1, 0, 1000000), "RATE-02"),
    "senere rate udfyldt": (set_value("DSI_UDBETALT_BELOEB", 2, 0, 980000), "RATE-05"),
    "tomt kvartal": (set_value("DSI_RAADGIVERE", 0, 4, None), "SAG-01"),
    "2026-resultat som tekst": (set_value("DSI_BASELINE_2025", 0, 3, "lang"), "MAAL-06"),
    "2026-resultat, der giver genforhandling": (set_value("DSI_BASELINE_2025", 0, 3, 50), "MAAL-08"),
}


@pytest.mark.parametrize("label", sorted(MUTATIONS))
def test_a_mutation_gives_its_rule(fjordby_files, tmp_path, label):
    change, rule_id = MUTATIONS[label]
    result = mutated(tmp_path, change, fjordby_files["example"], AS_OF)
    assert rule_id in {f.rule for f in result.findings}, (label, result.findings)
    assert not [f for f in result.findings if "intern fejl" in f.message.lower()]


def test_a_goal_cap_holds_in_a_file(fjordby_files, tmp_path):
    result = mutated(tmp_path, _cap_one_goal, fjordby_files["example"], AS_OF)
    assert result.computed["DSI_BETALING"][0][0] == 735000  # 24,5 pp x 30.000 before the cap
    assert not [f for f in result.findings if f.severity == "fejl"]
    others = sum(row[0] for row in result.computed["DSI_BETALING"][1:])
    assert result.computed["DSI_TILBAGEBETALING"][0][0] == 600000 + others


def test_the_missing_value_is_named_in_danish(fjordby_files, tmp_path):
    result = mutated(tmp_path, set_value("DSI_M4_VENTETID", 0, 0, None), fjordby_files["example"], AS_OF)
    (finding,) = [f for f in result.findings if f.rule == "MAAL-01"]
    assert finding.name == "DSI_M4_VENTETID" and finding.sheet == "Betalingsmål"
    assert finding.message.startswith("Gennemsnitlig ventetid på første samtale (dage) for mål 4, måleår 2028")
    assert result.computed["DSI_TILBAGEBETALING"] == [[None, None, None]]  # not computable without goal 4


@pytest.mark.libreoffice
def test_libreoffice_prints_the_goals_and_the_forecast(fjordby_files, tmp_path):
    """The Betalingsmål and Prognose pages as PNG (look at them: python -m dsi_xl.template.example_pictures
    with the second example), and the printed text: every goal's block, no cell cut to ###."""
    soffice()
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftoppm, pdftotext) is not installed")
    from dsi_xl.printout import to_pdf
    from dsi_xl.template import example_pictures

    sheets = {"Betalingsmål": ("betalingsmaal.png", 90), "Prognose": ("prognose.png", 90)}
    written = example_pictures.render(fjordby_files["example"], tmp_path / "png", sheets)
    assert [p.name for p in written] == ["betalingsmaal.png", "prognose.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 20000 for p in written)
    pdf = to_pdf(fjordby_files["example"], tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=120).stdout
    assert "###" not in text
    for words in ("Mål 4: Kortere ventetid på første samtale", "Resultat for mål 4 (gennemsnitlig ventetid i dage)",
                  "Mål 4: forventet resultat (gennemsnitlig ventetid i dage)", "Fjordby Kommune", "37,8"):
        assert words in text, words


def test_messages_cite_the_agreements_own_clauses():
    """Fjordby numbers its clauses its own way (unused grant 4.4, accounts 7.3, reduction 4.2):
    a message cites Fjordby's clause, never Randers' 4.3 or 7.4."""
    from datetime import date

    from dsi_xl.agreement import load
    from dsi_xl.validation.engine import validate
    from submission_builder import build

    fjordby = load("fjordby-2027")
    assert fjordby.clauses["unused_grant"] == "4.4" and fjordby.cite("unused_grant") == " (4.4)"
    year = fjordby.budget_years[1]
    costs = [[int(x) - (10000 if y == year and n == 0 else 0) if y <= year else None
              for y, x in zip(fjordby.budget_years, line.amounts)] for n, line in enumerate(fjordby.budget_lines)]
    result = validate(build(fjordby, year, DSI_FAKTISK=costs, DSI_PERIODISERING=0), agreement=fjordby,
                      as_of=date(year + 1, 6, 1))
    messages = {f.rule: f.message for f in result.findings}
    assert "(4.4)" in messages["UBRUGT-01"] and "(4.3)" not in messages["UBRUGT-01"], messages
    assert "(4.2)" in messages["BUDGET-05"]
