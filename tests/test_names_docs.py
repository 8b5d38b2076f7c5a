"""docs/navne.md is generated from the spec module and kept in step with it."""

from decimal import Decimal
from pathlib import Path

from dsi_xl import spec

DOC = Path(__file__).resolve().parents[1] / "docs" / "navne.md"


def test_the_names_table_is_the_spec_modules():
    assert spec.markdown_table() in DOC.read_text(encoding="utf-8")


def test_the_table_has_a_row_per_name_with_sheet_shape_and_kind(randers):
    rows = [line for line in spec.markdown_table().splitlines()[2:]]
    assert len(rows) == len(spec.names(randers) + spec.EXTRA_NAMES) == len(spec.ALL_NAMES) + 9  # Randers' 3 goals
    kommune = next(r for r in rows if "`DSI_KOMMUNE`" in r)
    assert "| Stamdata |" in kommune and "1 × 1" in kommune and "indtastning" in kommune and "tekst" in kommune
    faktisk = next(r for r in rows if "`DSI_FAKTISK`" in r)
    assert "budgetlinjer × budgetår" in faktisk and "beløb (kr.)" in faktisk


def test_each_kind_of_value_has_an_excel_format_and_a_danish_rendering():


    assert spec.BY_NAME[spec.DSI_FAKTISK].number_format == '#,##0.00 "kr."'
    assert spec.BY_NAME[spec.DSI_FAKTISK].render(Decimal("6167")) == "6.167 kr."
    assert spec.BY_NAME[spec.DSI_REGNSKABSAAR].render(2027) == "2027"

def test_a_goals_names_are_the_agreements(randers, made_up):
    turnover = spec.goals(randers)[0]
    assert [s.name for s in turnover.inputs] == ["DSI_M1_FRATRAEDELSER", "DSI_M1_ANSATTE"]
    assert turnover.result.name == "DSI_M1_RESULTAT"
    assert turnover.result.render(Decimal("26.5")) == "26,5\u00a0%"  # the sign bound to its number
    assert turnover.input("whole").shape_for(randers) == (12, 2)
    assert turnover.input("part").label == "Fratrædelser i måleåret"
    share = spec.goals(made_up)[0]  # no names in the data: the defaults of its indicator
    assert [s.name for s in share.inputs] == ["DSI_M1_TAELLER", "DSI_M1_NAEVNER"]
    assert spec.by_name(made_up)["DSI_M2_ANSATTE"].shape_for(made_up) == (12, 3)
    assert "DSI_M1_TAELLER" not in spec.BY_NAME and spec.sheet_of("DSI_M7_VAERDI") == "Betalingsmål"
