"""The engine on real workbooks from the template builder: the made-up agreement, the blank template."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import DATA, TEMPLATE_FILE
from dsi_xl.spec import by_name
from submission_builder import valid_inputs

template = pytest.importorskip("dsi_xl.template", reason="the template builder does not exist yet")
pytest.importorskip("dsi_xl.workbook.reader", reason="the workbook reader does not exist yet")
from dsi_xl.template.render import render  # noqa: E402
from dsi_xl.validation.engine import validate_file  # noqa: E402


def _inputs(agreement, year):
    specs = by_name(agreement)
    return {name: grid for name, grid in valid_inputs(agreement, year).items() if specs[name].kind == "input"}


def test_a_filled_made_up_workbook_validates(made_up, monkeypatch, tmp_path):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(DATA))
    path = tmp_path / "testrup-2031.xlsx"
    render(template.layout_for(made_up), _inputs(made_up, 2031)).save(path)
    result = validate_file(path, as_of=date(2032, 4, 1))
    assert [f for f in result.findings if f.severity == "fejl"] == []
    assert result.computed["DSI_BETALING"] == [[0, None, None], [60000, None, None]]
    assert result.computed["DSI_TILBAGEBETALING"] == [[60000, None, None]]


def test_a_made_up_mutation_is_caught(made_up, monkeypatch, tmp_path):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(DATA))
    inputs = _inputs(made_up, 2031)
    inputs["DSI_SAGER"][0][1:4] = [200, 200, 200]  # 100 per advisor, three quarters in a row; limit 50
    inputs["DSI_CVR"] = [["29189668"]]  # Randers' CVR, not Testrup's
    path = tmp_path / "testrup-2031.xlsx"
    render(template.layout_for(made_up), inputs).save(path)
    rules = {f.rule for f in validate_file(path, as_of=date(2032, 4, 1)).findings}
    assert {"SAG-03", "STAM-03"} <= rules


def test_the_blank_made_up_template_only_asks_for_stamdata(made_up, monkeypatch, tmp_path):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(DATA))
    path = tmp_path / "skabelon.xlsx"
    template.save(template.build(made_up), path)
    result = validate_file(path, as_of=date(2032, 4, 1))
    assert {f.rule for f in result.findings} <= {"STAM-01", "STAM-05"}
    assert not any(f.rule.startswith(("STRUKTUR", "FORMEL")) for f in result.findings)


@pytest.mark.skipif(not TEMPLATE_FILE.exists(), reason="regnskabsskabelon.xlsx not built yet")
def test_the_shipped_blank_template_has_intact_structure_and_formulas():
    result = validate_file(TEMPLATE_FILE)
    assert {f.rule for f in result.findings} <= {"STAM-01", "STAM-05"}
    assert all(rows == [[None] * len(rows[0])] * len(rows) for rows in result.computed.values())


@pytest.mark.libreoffice
def test_a_copy_saved_by_libreoffice_keeps_its_formulas(tmp_path):
    """A third-party writer re-spells every formula and saves values: the formulas still match the
    template (FALSE saved as FALSE()), and no formula cell comes back as #NAME?: LibreOffice keeps
    the saved numbers and text, and a blank result is a plain IF it computes itself (issue 26)."""
    import shutil
    import subprocess

    from conftest import EXAMPLE_FILE

    if shutil.which("soffice") is None or not EXAMPLE_FILE.exists():
        pytest.skip("needs soffice and the example workbook")
    source = tmp_path / "eksempel.xlsx"
    shutil.copy(EXAMPLE_FILE, source)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "ud"), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = validate_file(tmp_path / "ud" / "eksempel.xlsx", as_of=date(2028, 6, 1))
    assert [f for f in result.findings if f.severity == "fejl"] == []
    assert [f for f in result.findings if f.rule in ("FORMEL-03", "FORMEL-04")] == []
