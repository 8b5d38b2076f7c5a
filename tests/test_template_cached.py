"""The shipped template and example carry a cached value in every formula cell, computed by
dsi-xl (:mod:`dsi_xl.template.cached`): LibreOffice, which knows no DSI_ function and does not
recalculate on opening, prints the numbers; and DSI's check of saved values (FORMEL-03) runs on
the example and agrees."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from conftest import EXAMPLE_FILE, TEMPLATE_FILE, soffice
from dsi_xl import template

pytest.importorskip("formulas")


@pytest.mark.parametrize("source", [TEMPLATE_FILE, EXAMPLE_FILE], ids=["template", "example"])
def test_every_formula_cell_has_a_cached_value(source):
    with zipfile.ZipFile(source) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    from dsi_xl.template.calculation import calculate

    blank = sum(v == "" for k, v in calculate(source).items() if k in template.formulas())
    formulas = sum(s.count("<f>") for s in sheets)
    cached = sum(len(re.findall(r"<f>[^<]*</f><v>[^<]", s)) for s in sheets)  # <v></v> (lxml) is none
    assert formulas == len(template.formulas()) and cached == formulas - blank  # a blank result keeps none
    assert source == TEMPLATE_FILE or cached > 2 * blank


@pytest.mark.parametrize("source", [TEMPLATE_FILE, EXAMPLE_FILE], ids=["template", "example"])
def test_the_cached_values_are_the_engines(source):
    from dsi_xl.template.calculation import calculate

    values = calculate(source)
    book = openpyxl.load_workbook(source, data_only=True)
    for (sheet, cell) in template.formulas():
        saved, computed = book[sheet][cell].value, values[(sheet, cell)]
        if isinstance(saved, datetime):  # a date format: openpyxl reads the serial as a date
            saved = (saved - datetime(1899, 12, 30)).days
        if computed == "":
            assert saved in ("", None), (sheet, cell, saved)
        elif isinstance(computed, (int, float)) and not isinstance(computed, bool):
            assert saved == pytest.approx(computed, rel=1e-12), (sheet, cell, saved, computed)
        else:
            assert saved == computed, (sheet, cell, saved, computed)


def test_the_example_passes_the_check_of_saved_values():
    from dsi_xl.validation.engine import validate_file
    from dsi_xl.workbook import reader

    assert reader.read(EXAMPLE_FILE).has_cached_values  # so FORMEL-03 compares them
    result = validate_file(EXAMPLE_FILE, as_of=date(2028, 6, 1))
    assert not [f for f in result.findings if "FORMEL" in str(f)], result.findings


@pytest.mark.libreoffice
def test_libreoffice_shows_the_cached_amounts(tmp_path):
    from test_template_libreoffice import convert

    soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(convert(EXAMPLE_FILE, "pdf", tmp_path)), "-"],
                          capture_output=True, text=True, check=True, timeout=120).stdout
    pages = text.split("\f")
    regnskab = "\n".join(p for p in pages if "· Regnskab · side" in p)
    assert "#NAME?" not in regnskab
    line = next(line for line in regnskab.splitlines() if line.startswith("I alt: til tilbagebetaling"))
    assert re.search(r"5[.,]000[.,]00 kr\.", line), line
    assert re.search(r"30\.06\.2028", regnskab)  # the accounts' deadline, a DSI_DEADLINE
    betaling = "\n".join(p for p in pages if "· Betalingsmål · side" in p)
    assert re.search(r"1[.,]133[.,]397[.,]30 kr\.", betaling)  # the repayment after the caps, DSI_REPAYMENT


def test_without_the_engine_the_cli_writes_no_values_and_says_so(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from dsi_xl.cli import main
    from dsi_xl.template import cached

    monkeypatch.setattr(cached, "available", lambda: False)
    out = tmp_path / "skabelon.xlsx"
    result = CliRunner().invoke(main, ["template", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "uden værdier" in result.output and "formulas" in result.output
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet4.xml").decode()
    assert re.search(r"<f>[^<]*</f>(<v ?/>|<v></v>)", sheet) and not re.search(r"<f>[^<]*</f><v>[^<]", sheet)


def test_with_lxml_the_template_still_gets_its_values(tmp_path):
    """openpyxl writes an empty value as <v></v> when lxml is importable; the cached values must
    still be written, never silently left out (issue 29)."""
    pytest.importorskip("lxml")
    import openpyxl.xml

    from dsi_xl import template as build

    assert openpyxl.xml.LXML  # openpyxl really writes through lxml here
    out = build.save(build.build(), tmp_path / "skabelon.xlsx")
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet4.xml").decode()
    assert "<v></v>" not in sheet.split("<f>", 1)[1][:200] and re.search(r"<f>SUM\([^<]*</f><v>\d", sheet)
