"""Numbers as an accountant reads them (issue 26): Danish notation in every message, years without
separators, no float artefacts, a percent sign bound to its number, error values as Danish Excel
shows them, and a threshold of the agreement compared at a cell's precision."""

from __future__ import annotations

import re
from datetime import date

from click.testing import CliRunner

import dsi_xl.udfs as udfs
from dsi_xl.cli import main
from dsi_xl.format import NBSP, apart, excel_error, percent
from dsi_xl.validation.engine import validate
from dsi_xl.workbook.submission import ExcelError
from plain_danish import assert_plain_danish
from submission_builder import build
from test_rules import AS_OF, _cached

FLOAT = re.compile(r"\d\.\d{4,}|\d{4,}\.\d")  # 28.37837837837838, 849613.51


def test_formel03_writes_both_values_in_danish_with_only_the_decimals_that_differ(randers):
    """Was: "Personaleomsætning skulle ... være 28.37837837837838" and "... være 849613.51 ... gemte
    værdi er 1.133.397,3"."""
    sub = build(randers, 2027, DSI_M1_FRATRAEDELSER={(0, 0): 7})
    overrides = {("DSI_M1_RESULTAT", 0, 0): 28.5, ("DSI_TILBAGEBETALING", 0, 0): 1133397.3,
                 ("DSI_IKKE_ANVENDT", 0, 0): 108333.01}
    result = validate(_cached(sub, randers, overrides), agreement=randers, as_of=AS_OF)
    messages = [f.message for f in result.findings if f.rule == "FORMEL-03"]
    assert len(messages) == 3, messages
    for message in messages:
        assert not FLOAT.search(message), message
        assert_plain_danish(message)
    text = " ".join(messages)
    assert f"være 28,0{NBSP}%, men den gemte værdi er 28,5{NBSP}%" in text
    assert "1.133.397,30 kr." in text and "1.209.100 kr." in text
    assert "være 108.333 kr., men den gemte værdi er 108.333,01 kr. Er" in text  # one full stop


def test_apart_adds_decimals_only_where_two_values_would_read_alike():
    assert apart("percent", 28.4, 28.5) == (f"28,4{NBSP}%", f"28,5{NBSP}%")
    first, second = apart("percent", 24.324324324324323, 24.3243)
    assert first != second and len(re.sub(r"\D", "", first)) <= 15


def test_formel04_is_one_sentence_per_name_with_the_danish_error_value(randers):
    """Was: "... viser fejlværdien #NAME?. Tilføjelsesprogrammet dsi-xl var nok ikke indlæst ..."."""
    sub = build(randers, 2027)
    overrides = {("DSI_M1_RESULTAT", 0, 0): ExcelError("#NAME?"), ("DSI_M2_RESULTAT", 0, 0): ExcelError("#DIV/0!")}
    result = validate(_cached(sub, randers, overrides), agreement=randers, as_of=AS_OF)
    messages = {f.name: f.message for f in result.findings if f.rule == "FORMEL-04"}
    assert messages["DSI_M1_RESULTAT"].endswith("viser fejlværdien #NAVN?, fordi tilføjelsesprogrammet dsi-xl ikke "
                                                "var indlæst, da filen blev gemt.")
    assert messages["DSI_M2_RESULTAT"].endswith("viser fejlværdien #DIVISION/0!.")
    assert all(m.count(".") == 1 and "#NAME?" not in m for m in messages.values())
    assert excel_error("#VALUE!") == "#VÆRDI!" and excel_error("#N/A") == "#I/T"


def test_years_have_no_thousands_separator_in_the_terms_and_in_errors():
    """Was: "genforhandling_aar 2.025" and DSI_DEADLINE("regnskab"; 2025) "... fandt 2.025"."""
    out = CliRunner().invoke(main, ["terms"]).output
    line = next(line for line in out.splitlines() if "genforhandling_aar" in line)
    assert re.search(r"\b2025\b", line) and "2.025" not in line
    assert "2.350.000 kr." in out and f"33,7{NBSP}%" in out
    assert udfs.DSI_DEADLINE("regnskab", 2025).endswith("fandt 2025.")
    assert udfs.DSI_BUDGET(1, 2031).endswith("fandt 2031.")


def test_a_percent_sign_is_bound_to_its_number():
    assert percent(10) == f"10,0{NBSP}%"


def test_the_text_report_never_breaks_between_a_number_and_its_percent_sign(randers, tmp_path):
    from dsi_xl.report.formats import textout

    sub = build(randers, 2027, DSI_FAKTISK={(1, 1): 800000})  # BUDGET-04: "... mere end 10,0 % ..."
    result = validate(sub, agreement=randers, as_of=AS_OF)
    for width in range(60, 100):
        text = textout.render([result], width=width).decode()
        assert not re.search(r"\d\s*│\s*\n[^%]*│\s*%", text), width
        lines = text.splitlines()
        assert not any(line.rstrip(" │").endswith(("10,0", "12,3")) for line in lines), width


def test_renegotiation_compares_a_formulas_result_as_the_typed_value(randers):
    """Was: DSI_RENEGOTIATE(1; 33,7-5) received 28.700000000000003 and answered FALSK."""
    assert udfs.DSI_RENEGOTIATE(1, 33.7 - 5) is True and udfs.DSI_RENEGOTIATE(1, 28.7) is True
    assert udfs.DSI_RENEGOTIATE(1, 38.7) is True and udfs.DSI_RENEGOTIATE(1, 28.71) is False
    sub = build(randers, 2027, DSI_BASELINE_2025=[[33.7 - 5, 12.4, 10.7]])
    assert [f.rule for f in validate(sub, agreement=randers, as_of=date(2028, 6, 1)).findings
            if f.rule == "MAAL-08"] == ["MAAL-08"]
