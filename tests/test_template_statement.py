"""The management statement on Stamdata: Danish text for the signer, built from the agreement's
data (4.1 the grant used as budgeted, 7.4 the accounts in DSI's template by the deadline, 4.3 the
unused grant stated), beside the signer's name, title and date; it prints whole (see
test_template_print)."""

from __future__ import annotations

import pytest

from dsi_xl import template
from dsi_xl.spec import DSI_UNDERSKRIFT_DATO, DSI_UNDERSKRIVER_NAVN, DSI_UNDERSKRIVER_TITEL
from dsi_xl.template import statement
from dsi_xl.workbook.cells import parse_area


@pytest.mark.parametrize("which", ["randers", "made_up"])
def test_the_statement_is_built_from_the_agreement(which, request):
    a = request.getfixturevalue(which)
    text = statement.text(a)
    assert a.recipient.name in text and a.recipient.cvr in text and a.id in text and a.effort_title in text
    for key in ("use", "accounts", "unused_grant"):  # an agreement without the clause numbers gets none
        assert (f"pkt. {a.clauses[key]})" in text) if key in a.clauses else "pkt." not in text, key
    assert f"{a.accounts_due.day}. " in text and f"{a.unused_grant_due.day}. " in text
    assert "budgetteret" in text and "regnskabsskabelon" in text and "ikke-anvendt tilskud" in text


def test_the_statement_stands_beside_the_signers_fields(randers):
    layout = template.layout_for(randers)
    sheet = layout.sheets["Stamdata"]
    (top, left, bottom, right), = [parse_area(m) for m in sheet.merges if parse_area(m)[1] == 4]
    cell = sheet.cells[(top, left)]
    assert cell.value == statement.formula(randers) and cell.wrap and cell.kind == "label"
    assert cell.shown == statement.text(randers)  # what the row heights are fitted to
    assert sheet.cells[(3, 4)].value == statement.TITLE
    for name in (DSI_UNDERSKRIVER_NAVN, DSI_UNDERSKRIVER_TITEL, DSI_UNDERSKRIFT_DATO):
        where, area = layout.names[name]
        row, col, _r, _c = parse_area(area)
        assert where == "Stamdata" and top <= row <= bottom and col < left, name
    assert bottom == parse_area(layout.names[DSI_UNDERSKRIFT_DATO][1])[0]  # ends at the date


def test_the_statement_names_the_accounts_year(randers):
    """The signer signs for one accounts year: the statement's first sentence names it."""
    from dsi_xl.template.calculation import calculate  # noqa: F401  (the formulas engine is there)

    assert statement.text(randers, "2027").startswith("Som ansvarlig for regnskabet for 2027 erklærer jeg")
    formula = statement.formula(randers)
    assert 'IF(DSI_REGNSKABSAAR="","regnskabsåret",DSI_REGNSKABSAAR)' in formula
    assert all(len(literal) <= 257 for literal in formula.split('"') if literal)  # Excel's 255 per text
