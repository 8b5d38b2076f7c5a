"""LibreOffice headless opens the template and the example, prints them to PDF, and its
recalculation of the plain-Excel formulas (sums, differences) agrees with the core.

The DSI_ functions are unknown to LibreOffice (#NAME?), so only formulas that use no DSI_
function and read no DSI_ cell are compared: Regnskab's sums, deviations and installment
differences."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLE_FILE, TEMPLATE_FILE
from dsi_xl.clauses import deviation
from dsi_xl.money import to_decimal
from dsi_xl.template.example import INPUTS

pytestmark = pytest.mark.libreoffice


def _soffice() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return soffice


def convert(source: Path, target: str, folder: Path) -> Path:
    out = folder / target.split(":")[0]
    run = subprocess.run([_soffice(), f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                          "--convert-to", target, "--outdir", str(out), str(source)],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    result = out / f"{source.stem}.{target.split(':')[0]}"
    assert result.exists(), (run.stdout, run.stderr)
    return result


@pytest.mark.parametrize("source", [TEMPLATE_FILE, EXAMPLE_FILE], ids=["template", "example"])
def test_libreoffice_prints_to_pdf(source, tmp_path):
    pdf = convert(source, "pdf", tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 7


def test_libreoffice_recalculates_the_plain_formulas_like_the_core(tmp_path, randers):
    book = openpyxl.load_workbook(convert(EXAMPLE_FILE, "xlsx:Calc MS Excel 2007 XML", tmp_path), data_only=True)
    ws = book["Regnskab"]
    years, lines = len(randers.budget_years), len(randers.budget_lines)
    actual = INPUTS["DSI_FAKTISK"]
    budget = [line.amounts for line in randers.budget_lines]
    for i in range(lines):
        assert to_decimal(ws.cell(5 + i, 3 + years).value, "sum") == sum(budget[i])  # budget per line, all years
        assert to_decimal(ws.cell(10 + i, 3 + years).value, "sum") == sum(Decimal(v or 0) for v in actual[i])
        for j in range(years):
            kr, pct = ws.cell(15 + i, 3 + j).value, ws.cell(19 + i, 3 + j).value
            if actual[i][j] is None:
                assert kr in (None, "") and pct in (None, "")
                continue
            d = deviation.compute(budget[i][j], actual[i][j], randers.deviation_threshold_percent)
            assert to_decimal(kr, "kr") == d.amount, (i, j)
            if budget[i][j]:
                assert abs(to_decimal(pct, "pct") - d.percent) < Decimal("1e-9"), (i, j)
    for j in range(years):
        assert to_decimal(ws.cell(7, 3 + j).value, "sum") == randers.budget_year_total(randers.budget_years[j])
    assert to_decimal(ws["C33"].value, "sum") == sum(r[0] or 0 for r in INPUTS["DSI_UDBETALT_BELOEB"])
    assert to_decimal(ws["C34"].value, "sum") == sum(Decimal(v or 0) for row in actual for v in row)
    for n, inst in enumerate(randers.installments):
        got = INPUTS["DSI_UDBETALT_BELOEB"][n][0]
        diff = ws.cell(28 + n, 7).value
        assert (diff in (None, "")) if got is None else to_decimal(diff, "diff") == got - inst.amount
