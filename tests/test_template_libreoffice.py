"""LibreOffice headless opens the template and the example, prints them to PDF, and its
recalculation of the plain-Excel formulas (sums, differences) agrees with the core.

The DSI_ functions are unknown to LibreOffice (#NAME?), so only formulas that use no DSI_
function and read no DSI_ cell are compared: Regnskab's sums, deviations and installment
differences."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLE_FILE, TEMPLATE_FILE, soffice
from dsi_xl import template
from dsi_xl.clauses import deviation
from dsi_xl.money import to_decimal
from dsi_xl.template.example import INPUTS
from dsi_xl.template.layout import ref

pytestmark = pytest.mark.libreoffice


def convert(source: Path, target: str, folder: Path) -> Path:
    out = folder / target.split(":")[0]
    run = subprocess.run([soffice(), f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
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


@pytest.mark.parametrize("source", [TEMPLATE_FILE, EXAMPLE_FILE], ids=["template", "example"])
def test_every_amount_fits_its_column_to_the_ore(source, tmp_path):
    """Printed by LibreOffice, no cell overflows into ### and amounts show their øre (the
    repayment is exact to the øre; a whole-kroner display would invite paying 0.30 kr. short)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(convert(source, "pdf", tmp_path)), "-"],
                          capture_output=True, text=True, check=True, timeout=120).stdout
    assert "###" not in text
    assert re.search(r"3[.,]000[.,]000[.,]00 kr\.", text)  # the cap of all goals, on Tilsagn
    if source == EXAMPLE_FILE:
        assert re.search(r"1[.,]585[.,]500[.,]00 kr\.", text)  # spent in all, a sum LibreOffice computes


def _top_left(layout, name):
    from openpyxl.utils.cell import range_boundaries

    left, top, _right, _bottom = range_boundaries(layout.names[name][1])
    return top, left


def test_libreoffice_recalculates_the_plain_formulas_like_the_core(tmp_path, randers):
    book = openpyxl.load_workbook(convert(EXAMPLE_FILE, "xlsx:Calc MS Excel 2007 XML", tmp_path), data_only=True)
    ws = book["Regnskab"]
    layout = template.layout_for(randers)
    plain = {
        ref: f
        for (sheet, ref), f in template.formulas(randers).items()
        if sheet == "Regnskab" and not re.search(r"DSI_\w+\(", f)
    }
    years, lines = len(randers.budget_years), len(randers.budget_lines)
    (b_top, first), (a_top, _) = _top_left(layout, "DSI_BUDGET"), _top_left(layout, "DSI_FAKTISK")
    actual = INPUTS["DSI_FAKTISK"]
    budget = [line.amounts for line in randers.budget_lines]
    checked = 0
    for i in range(lines):
        assert to_decimal(ws.cell(b_top + i, first + years).value, "sum") == sum(budget[i])
        assert to_decimal(ws.cell(a_top + i, first + years).value, "sum") == sum(Decimal(v or 0) for v in actual[i])
        checked += 2
        for j in range(years):
            b, f = ref(b_top + i, first + j), ref(a_top + i, first + j)
            kr = next(r for r, x in plain.items() if x == f'=IF({f}="","",{f}-{b})')
            pct = next(r for r, x in plain.items() if x == f'=IF(OR({f}="",{b}=0),"",({f}-{b})/{b}*100)')
            checked += 2
            if actual[i][j] is None:
                assert ws[kr].value in (None, "") and ws[pct].value in (None, "")
                continue
            d = deviation.compute(budget[i][j], actual[i][j], randers.deviation_threshold_percent)
            assert to_decimal(ws[kr].value, "kr") == d.amount, (i, j)
            if budget[i][j]:
                assert abs(to_decimal(ws[pct].value, "pct") - d.percent) < Decimal("1e-9"), (i, j)
            else:
                assert ws[pct].value in (None, "")
    for j in range(years):
        assert to_decimal(ws.cell(b_top + lines, first + j).value, "sum") == randers.budget_year_total(
            randers.budget_years[j]
        )
        checked += 1
    r_top, r_col = _top_left(layout, "DSI_UDBETALT_BELOEB")
    count = len(randers.installments)
    assert plain[ref(r_top + count, r_col)] == f"=SUM({ref(r_top, r_col)}:{ref(r_top + count - 1, r_col)})"
    assert to_decimal(ws.cell(r_top + count, r_col).value, "sum") == sum(
        r[0] or 0 for r in INPUTS["DSI_UDBETALT_BELOEB"]
    )  # the installments' I alt: the lines above it
    for n, inst in enumerate(randers.installments):
        got, diff = INPUTS["DSI_UDBETALT_BELOEB"][n][0], ws.cell(r_top + n, r_col + 1).value
        assert plain[ref(r_top + n, r_col + 1)].startswith("=IF(")
        assert (diff in (None, "")) if got is None else to_decimal(diff, "diff") == got - inst.amount
        checked += 1
    assert checked >= 25
