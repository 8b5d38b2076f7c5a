"""The engine's contract: never raises, resolves the agreement, computes the formula names."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from dsi_xl.agreement import load
from dsi_xl.errors import OutOfRange
from dsi_xl.report.formats import jsonout
from dsi_xl.spec import FORMULA_NAMES, by_name, formula_names, names
from dsi_xl.validation import engine
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Rule
from dsi_xl.validation.rules import catalogue
from dsi_xl.validation.rules.formulas import normalise
from dsi_xl.workbook.submission import ExcelError
from submission_builder import build

AS_OF = date(2028, 6, 1)
INPUT_NAMES = tuple(s.name for s in names(load()) if s.kind == "input")  # Randers'


def test_catalogue_ids_are_unique_stable_and_danish():
    ids = [rule_id for rule_id, *_ in catalogue()]
    assert len(ids) == len(set(ids)) >= 40
    prefixes = {"STRUKTUR", "STAM", "BUDGET", "RATE", "UBRUGT", "MAAL", "SAG", "FORMEL", "INTERN", "BELOEB", "HISTORIK",
                "TILLAEG"}
    for rule_id, severity, group, description in catalogue():
        assert re.fullmatch(r"[A-Z]+-\d\d", rule_id) and rule_id.split("-")[0] in prefixes
        assert severity in ("fejl", "advarsel", "info") and group and description.endswith((".", ")"))


def test_unknown_agreement_is_a_fejl_not_a_crash(randers):
    result = engine.validate(build(randers, 2027, DSI_TILSAGN_ID="findes-ikke"), as_of=AS_OF)
    assert result.status == "fejl"
    assert [f.rule for f in result.findings] == ["STRUKTUR-02"]
    assert "findes-ikke" in result.findings[0].message and result.findings[0].cell
    assert set(result.computed) == set(FORMULA_NAMES)


def test_missing_agreement_id_name_is_reported(randers):
    result = engine.validate(build(randers, 2027, drop=("DSI_TILSAGN_ID", "DSI_CVR")), as_of=AS_OF)
    assert [f.rule for f in result.findings] == ["STRUKTUR-02", "STRUKTUR-04", "STRUKTUR-04"]


def test_agreement_from_the_file_by_default(randers):
    result = engine.validate(build(randers, 2027), as_of=AS_OF)
    assert result.status == "ok", result.findings


def test_given_agreement_must_match_the_file(randers, made_up):
    result = engine.validate(build(randers, 2027), agreement=made_up, as_of=AS_OF)
    assert "STRUKTUR-02" in {f.rule for f in result.findings}


def test_made_up_agreement_through_the_engine(made_up, monkeypatch):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(DATA))
    sub = build(made_up, 2031, DSI_TILBAGEBETALT_BELOEB={(0, 0): 60000},
                DSI_TILBAGEBETALT_DATO={(0, 0): datetime(2032, 4, 20)})
    result = engine.validate(sub, as_of=date(2032, 6, 1))
    assert result.status == "ok", result.findings
    assert result.computed["DSI_BETALING"] == [[0, None, None], [60000, None, None]]
    assert result.computed["DSI_M1_RESULTAT"] == [[15.0, None, None]]  # goal 1, a share, by the default names
    assert result.computed["DSI_M2_RESULTAT"] == [[28.0, None, None]] and "DSI_M3_RESULTAT" not in result.computed
    breach = engine.validate(build(made_up, 2031, DSI_SAGER={(0, 0): 120, (0, 1): 120, (0, 2): 120}),
                             as_of=date(2032, 6, 1))
    assert [f.rule for f in breach.findings if f.rule == "SAG-03"] == ["SAG-03"]  # limit 50, 3 quarters


def test_computed_values_have_the_spec_shapes(randers, made_up):
    for agreement, year in ((randers, 2027), (made_up, 2031)):
        result = engine.validate(build(agreement, year), agreement=agreement, as_of=AS_OF)
        assert list(result.computed) == list(formula_names(agreement))
        for name, rows in result.computed.items():
            rows_, cols = by_name(agreement)[name].shape_for(agreement)
            assert len(rows) == rows_ and all(len(r) == cols for r in rows), name
        json.dumps(jsonout.item(result), allow_nan=False, default=jsonout.plain)


def test_computed_values_are_the_agreements_examples(randers):
    computed = engine.validate(build(randers, 2027), agreement=randers, as_of=AS_OF).computed
    assert computed["DSI_M1_RESULTAT"] == [[28.0, None]]
    assert computed["DSI_BETALING"][:2] == [[399000, None], [332800, None]]
    assert computed["DSI_TILBAGEBETALING"] == [[399000 + 332800 + 477300, None]]
    assert computed["DSI_IKKE_ANVENDT"] == [[108333]]
    assert computed["DSI_SAGSSTAMME"][0][:2] == [60.0, 60.0] and computed["DSI_SAGSSTAMME"][0][-1] is None
    accrued = engine.validate(build(randers, 2027, DSI_PERIODISERING=8333.33), agreement=randers, as_of=AS_OF)
    assert accrued.computed["DSI_IKKE_ANVENDT"] == [[Decimal("99999.67")]]


def _context(randers):
    sub = build(randers, 2027)
    return Context.build(sub, randers, AS_OF)


def test_an_unexpected_exception_in_a_rule_becomes_an_intern_fejl(randers):
    def broken(ctx):
        raise ZeroDivisionError("division by zero")
        yield

    findings = engine._run(_context(randers), Rule("BUDGET-99", "info", "Budget", "x.", (), False, broken))
    assert len(findings) == 1 and findings[0].rule == "INTERN-01" and findings[0].severity == "fejl"
    assert "intern fejl" in findings[0].message.lower() and "BUDGET-99" in findings[0].message
    assert "STRUKTUR-04" not in findings[0].message and "DSI" in findings[0].message


def test_a_dsi_error_in_a_rule_becomes_its_finding(randers):
    def refusing(ctx):
        raise OutOfRange("Noget", "et tal", "x")
        yield

    findings = engine._run(_context(randers), Rule("SAG-99", "advarsel", "Sagsstamme", "x.", (), False, refusing))
    assert [(f.rule, f.severity) for f in findings] == [("SAG-99", "advarsel")]
    assert "forventede et tal" in findings[0].message


def test_rules_that_need_a_missing_name_are_skipped(randers):
    result = engine.validate(build(randers, 2027, drop=("DSI_FAKTISK",)), agreement=randers, as_of=AS_OF)
    assert {f.rule for f in result.findings if f.severity == "fejl"} == {"STRUKTUR-04"}


def test_validate_file_on_a_file_that_is_not_a_workbook(tmp_path):
    pytest.importorskip("dsi_xl.workbook.reader")
    path = tmp_path / "regnskab.xlsx"
    path.write_text("ikke en projektmappe")
    result = engine.validate_file(path)
    assert result.unreadable and result.status == "ulæselig"
    assert [f.rule for f in result.findings] == ["STRUKTUR-01"] and result.findings[0].message
    assert result.file == str(path)


@pytest.mark.parametrize("saved, template", [
    ("=[1]!DSI_TURNOVER(C5,C8:C19)", "=DSI_TURNOVER(C5,C8:C19)"),
    ("='C:\\Users\\x\\dsi_xl.xlam'!DSI_TURNOVER($C$5, C8:C19)", "=DSI_TURNOVER(C5,C8:C19)"),
    ("=dsi_xl.xlam!DSI_TURNOVER(C5,C8:C19)", "=DSI_TURNOVER(C5,C8:C19)"),
    ("=_xludf.DSI_TURNOVER(C5,C8:C19)", "=DSI_TURNOVER(C5,C8:C19)"),
    ("=_xldudf_DSI_TURNOVER(C5,C8:C19)", "=DSI_TURNOVER(C5,C8:C19)"),
    ("=dsi_turnover(c5, c8:c19)", "=DSI_TURNOVER(C5,C8:C19)"),
    ("=IF(C5=\"\",\"\",[2]!DSI_SHARE('Betalingsmål'!C5,C6))", "=IF(C5=\"\",\"\",DSI_SHARE('Betalingsmål'!C5,C6))"),
])
def test_normalise_maps_excels_spellings_to_one(saved, template):
    assert normalise(saved) == normalise(template)


def test_normalise_keeps_what_matters():
    assert normalise("=DSI_TURNOVER(C5,C8:C19)") != normalise("=DSI_TURNOVER(C6,C8:C19)")
    assert normalise('=IF(A1="a b","x")') != normalise('=IF(A1="A B","x")')
    assert normalise("=SUM(Regnskab!C5:C6)") != normalise("=SUM(C5:C6)")


values = st.one_of(
    st.none(), st.booleans(), st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 12, 65, 100, 100.5, 1e308, 5e-324, -0.0, "29 18 96 68", "2027", "=1+1", "¹", "٢٠٢٧"]),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.sampled_from(["#DIV/0!", "#NAME?", "#VALUE!"]).map(ExcelError),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(changes=st.dictionaries(st.sampled_from(INPUT_NAMES), st.tuples(st.integers(0, 20), st.integers(0, 20), values),
                               min_size=1, max_size=8),
       year=st.sampled_from([2026, 2027, 2028, 2029]), cached=st.booleans())
def test_engine_never_raises_and_never_fails_internally(randers, changes, year, cached):
    sub = build(randers, year)
    names = dict(sub.names)
    for name, (r, c, value) in changes.items():
        named = names[name]
        rows = [list(row) for row in named.cells]
        r, c = r % len(rows), c % len(rows[0])
        rows[r][c] = dataclasses.replace(rows[r][c], value=value)
        names[name] = dataclasses.replace(named, cells=tuple(tuple(row) for row in rows))
    result = engine.validate(dataclasses.replace(sub, names=names, has_cached_values=cached), as_of=AS_OF)
    json.dumps(jsonout.item(result), allow_nan=False, default=jsonout.plain)
    for finding in result.findings:
        assert "intern fejl" not in finding.message.lower(), finding


@pytest.mark.parametrize("year", ["¹", "٢٠٢٧", "2027.5", 2027.5, True, ExcelError("#REF!"), datetime(2027, 1, 1)])
def test_an_odd_accounts_year_is_a_finding_not_an_internal_error(randers, year):
    result = engine.validate(build(randers, 2027, DSI_REGNSKABSAAR=year), agreement=randers, as_of=AS_OF)
    assert {"STAM-01", "STAM-04"} & {f.rule for f in result.findings}
    assert not any("intern fejl" in f.message.lower() for f in result.findings)


def test_a_message_ending_in_kroner_has_one_full_stop(randers):
    result = engine.validate(
        build(randers, 2027, DSI_UDBETALT_BELOEB={(0, 0): 1049000}), agreement=randers, as_of=AS_OF
    )
    messages = [f.message for f in result.findings if "fandt 1.049.000 kr" in f.message]
    assert messages and all(m.endswith("kr.") and not m.endswith("kr..") for m in messages)
