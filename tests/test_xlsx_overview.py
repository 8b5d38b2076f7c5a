"""The xlsx overview and portfolio: identification, amounts, a totals row that is the sum of the
counted rows, kr. formats, a filter, A4 landscape fitted to the width; the portfolio's rows per
agreement and municipality, its year groups, and native charts over its own tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from dsi_xl import batch
from dsi_xl import format as fmt
from dsi_xl.report import overview, portfolio
from dsi_xl.report.formats import FORMATS, xlsxout
from dsi_xl.spec import DSI_CVR, DSI_KOMMUNE, DSI_TILBAGEBETALT_BELOEB, DSI_UNDERSKRIFT_DATO
from dsi_xl.validation.history import compare
from test_history import RANDERS, file
from validate_files import AS_OF, broken, example


def _overview(tmp_path):
    files = [str(example(tmp_path, f"k{i}.xlsx")) for i in range(2)] + [str(broken(tmp_path))]
    results = batch.validate_files(files, as_of=AS_OF, jobs=1)
    out = tmp_path / "oversigt.xlsx"
    FORMATS["xlsx"].write(results, out)
    return results, openpyxl.load_workbook(out)


def _sum(body, c):
    return sum((Decimal(str(r[c])) for r in body if isinstance(r[c], (int, float))), Decimal(0))


def test_totals_row_is_the_sum_of_the_counted_rows(tmp_path):
    results, book = _overview(tmp_path)
    rows = list(book[xlsxout.SUMMARY_SHEET].values)
    headings, body, total = list(rows[0]), rows[1:-1], rows[-1]
    assert len(body) == len(results) and total[0] == overview.TOTAL
    counted = headings.index(overview.COUNTED.heading)
    assert [r[counted] for r in body] == ["ja", "nej", "nej"]  # the copy and the unreadable file are not counted
    kept = [r for r in body if r[counted] == "ja"]
    summed = [c.heading for c in overview.columns(results) if c.summed]
    assert len(summed) == 3 + 3 + len(RANDERS.repayment_rates)
    nonzero = 0
    for heading in summed:
        c = headings.index(heading)
        assert Decimal(str(total[c])) == _sum(kept, c), heading
        nonzero += _sum(kept, c) != 0
    assert nonzero >= 4  # costs, received, a warning and an amount due are really summed
    c = headings.index(overview.COSTS.heading)
    assert body[0][c] > 0 and body[2][c] is None  # the unreadable file has no figures
    assert Decimal(str(total[c])) != _sum(body, c)  # the copy is listed, not summed twice


def test_amounts_in_kr_filter_and_print_setup(tmp_path):
    _, book = _overview(tmp_path)
    sheet = book[xlsxout.SUMMARY_SHEET]
    headings = [c.value for c in sheet[1]]
    for column in (overview.COSTS, overview.RECEIVED):
        c = headings.index(column.heading) + 1
        assert sheet.cell(row=2, column=c).number_format == fmt.AMOUNT
        assert sheet.cell(row=sheet.max_row, column=c).number_format == fmt.AMOUNT
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headings))}4"
    for name in (xlsxout.SUMMARY_SHEET, xlsxout.PORTFOLIO_SHEET, xlsxout.FINDINGS_SHEET):
        ws = book[name]
        assert ws.page_setup.orientation == "landscape", name
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1" and book[xlsxout.PORTFOLIO_SHEET].print_title_rows == "$1:$2"
    breach = headings.index(overview.BREACH.heading) + 1
    assert sheet.cell(row=2, column=breach).value in ("ja", "nej")


@pytest.fixture(scope="module")
def run():
    """Randers 2026-2028 (2027 sent twice, the later signature counts) and Aarhus 2027."""
    aarhus = {DSI_CVR: "55133018", DSI_KOMMUNE: "Aarhus Kommune"}
    return compare([
        file(2026), file(2027), file(2027, "rettet/randers-2027.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 1)}),
        file(2028, **{DSI_TILBAGEBETALT_BELOEB: {(0, 0): 1000}}), file(2027, "aarhus-2027.xlsx", **aarhus),
    ])


def test_portfolio_has_one_row_per_agreement_and_municipality_and_a_group_per_year(run):
    data = portfolio.of(run)
    assert data.years == (2026, 2027, 2028) and data.rates == len(RANDERS.repayment_rates)
    assert [(r[1], r[2]) for r in data.rows] == [("Aarhus Kommune", "55133018"), ("Randers Kommune", "29189668")]
    top, below = portfolio.headings(data)
    assert len(top) == len(below) == data.width == 3 + 3 * 3 + 2 * data.rates
    assert top[3] == "Regnskab 2026" and below[3:6] == portfolio.YEAR_GROUP
    aarhus, randers = data.rows
    assert aarhus[3:6] == (None, None, None) and aarhus[6] == run[4].status  # Aarhus sent 2027 only
    assert [randers[3 + 3 * i] for i in range(3)] == [r.status for r in (run[0], run[2], run[3])]
    first_rate = 3 + 3 * 3
    assert randers[first_rate + 1] == Decimal(1000)  # what 2028's accounts say was repaid on rate 1


def test_portfolio_chart_tables_sum_the_rows_and_budget_is_the_agreements(run):
    data = portfolio.of(run)
    for i, (year, budget, actual) in enumerate(data.by_year):
        per_row = [r[3 + 3 * i + 1] for r in data.rows]
        assert actual == sum((v for v in per_row if v is not None), Decimal(0)) > 0
        present = sum(1 for r in data.rows if r[3 + 3 * i] is not None)
        assert budget == RANDERS.budget_year_total(year) * present
    assert [n for n, *_ in data.by_rate] == list(range(1, data.rates + 1))
    assert data.by_rate[0][2] == Decimal(1000)


def test_portfolio_leaves_out_copies_second_versions_and_unidentified_files(run):
    unnamed = replace(run[0], identity=run[0].identity | {"cvr": None}, file="uden-cvr.xlsx")
    data = portfolio.of([*run, unnamed, replace(run[1], counted=False)])
    assert len(data.rows) == 2 and data.rows == portfolio.of(run).rows


def test_the_portfolio_sheet_has_native_editable_charts_over_its_own_cells(run, tmp_path):
    out = tmp_path / "rapport.xlsx"
    FORMATS["xlsx"].write(run, out)
    sheet = openpyxl.load_workbook(out)[xlsxout.PORTFOLIO_SHEET]
    assert [c.value for c in sheet[2]][:3] == portfolio.KEY_HEADINGS
    assert sheet["A3"].value == "randers-2026" or sheet["B3"].value == "Aarhus Kommune"
    charts = sheet._charts  # openpyxl reads charts back as chart objects: they are native, not pictures
    assert len(charts) == 2
    titles = ["".join(r.t for p in c.title.tx.rich.p for r in (p.r or [])) for c in charts]
    assert titles == ["Budget og faktiske udgifter pr. år", "Tilbagebetaling pr. rate"]
    for chart in charts:
        refs = [s.val.numRef.f for s in chart.series]
        assert len(refs) == 2 and all(f.startswith("'Portefølje'!") for f in refs)
