"""The xlsx report: the overview's three sheets (status, amounts, identification) with totals that
add up only what may be added, kr. formats, filters and A4 print setup; the portfolio's sheets
(Portefølje, Regnskaber, Poster) with totals over the agreements and native charts; row heights
for wrapped text."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from dsi_xl import batch
from dsi_xl import format as fmt
from dsi_xl.report import overview, portfolio_sheets
from dsi_xl.report.formats import FORMATS, PORTFOLIO_FORMATS, xlsxout
from dsi_xl.spec import DSI_CVR, DSI_KOMMUNE, DSI_TILBAGEBETALT_BELOEB, DSI_UNDERSKRIFT_DATO
from dsi_xl.validation.history import compare
from test_history import RANDERS, file
from validate_files import AS_OF, broken, example


@pytest.fixture(scope="module")
def run():
    """Randers 2026-2028 (2027 sent twice, the later signature counts) and a file with Aarhus' CVR."""
    aarhus = {DSI_CVR: "55133018", DSI_KOMMUNE: "Aarhus Kommune"}
    return compare([
        file(2026), file(2027), file(2027, "rettet/randers-2027.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 1)}),
        file(2028, **{DSI_TILBAGEBETALT_BELOEB: {(0, 0): 1000}}), file(2027, "aarhus-2027.xlsx", **aarhus),
    ])


@pytest.fixture(scope="module")
def book(run, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "rapport.xlsx"
    FORMATS["xlsx"].write(run, out)
    return openpyxl.load_workbook(out)


def _table(sheet):
    rows = list(sheet.values)
    return list(rows[0]), rows[1:]


def test_the_report_has_the_overview_portfolio_and_findings_sheets(book):
    assert book.sheetnames == ["Oversigt", "Beløb", "Filer", "Portefølje", "Regnskaber", "Poster", "Fund"]
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$1:$1", ws.title


def test_amount_totals_add_a_years_own_figures_over_the_counted_files_only(run, book):
    """Today the totals row sums every file's cumulative figures: costs to date of 2026, 2027 and
    2028 added up count 2026's costs three times, and each file's rate 1 is added again."""
    headings, body = _table(book[overview.AMOUNTS_SHEET])
    *rows, total = body
    assert total[0] == overview.TOTALS["counted"] and len(rows) == len(run)
    costs, received = headings.index(overview.COSTS.heading), headings.index(overview.RECEIVED.heading)
    own = sum(RANDERS.budget_year_total(y) for y in (2026, 2027, 2028))  # each counted file's own year, once
    assert Decimal(str(total[costs])) == own == Decimal("2241667")
    assert Decimal(str(total[received])) == sum(i.amount for i in RANDERS.installments) == Decimal("2350000")
    for column in (overview.UNUSED, overview.rate(1), overview.rate(2)):  # restated or cumulative: never summed
        assert total[headings.index(column.heading)] is None
    assert sheet_format(book[overview.AMOUNTS_SHEET], 2, costs + 1) == fmt.AMOUNT


def sheet_format(sheet, row, column):
    return sheet.cell(row=row, column=column).number_format


def test_the_status_sheet_says_why_a_file_counts_and_counts_every_files_findings(run, book):
    headings, body = _table(book[overview.STATUS_SHEET])
    *rows, total = body
    why, counted = headings.index(overview.WHY.heading), headings.index(overview.COUNTED.heading)
    assert [r[counted] for r in rows] == ["ja", "nej", "ja", "ja", "nej"]
    assert "rettet/randers-2027.xlsx tælles" in rows[1][why] and "CVR-nummeret 55133018" in rows[4][why]
    warnings = headings.index("Advarsler")
    assert total[0] == overview.TOTALS["all"] and total[warnings] == sum(r.count("advarsel") for r in run)


def test_the_files_sheet_identifies_each_file_with_its_contact(run, book):
    headings, body = _table(book[overview.FILES_SHEET])
    assert headings == ["Fil", "Tilsagn", "Skabelon", "CVR", "Kontaktperson", "E-mail", "Frister vurderet pr.",
                        "dsi-xl", "SHA-256"]
    assert body[0][4:6] == ("Anne Andersen", "anne.andersen@kommune.dk")


def test_wrapped_text_gets_its_row_height(tmp_path):
    deep = tmp_path / "en-meget-lang-mappe" / "med-endnu-en-lang-mappe" / "og-en-til"
    deep.mkdir(parents=True)
    files = [str(example(tmp_path, "k0.xlsx")), str(example(deep, "k1.xlsx")), str(broken(tmp_path))]
    results = batch.validate_files(files, as_of=AS_OF, jobs=1)
    out = tmp_path / "r.xlsx"
    FORMATS["xlsx"].write(results, out)
    book = openpyxl.load_workbook(out)
    findings = book[xlsxout.FINDINGS_SHEET]
    assert [c.value for c in findings[1]] == xlsxout.FINDING_HEADINGS
    long = [r for r in range(2, findings.max_row + 1) if len(str(findings.cell(row=r, column=8).value)) > 80]
    assert long and all((findings.row_dimensions[r].height or 0) >= 30 for r in long)
    status = book[overview.STATUS_SHEET]
    assert (status.row_dimensions[3].height or 0) >= 30  # the long path and the reason wrap


def test_portfolio_sheets_one_row_per_agreement_year_and_post_with_totals(run, book):
    headings, body = _table(book[portfolio_sheets.PORTFOLIO_SHEET])
    assert headings[:4] == ["Kommune", "Tilsagn", "CVR", "Kontakt"]
    randers, total = body[0], body[1]
    assert randers[:3] == ("Randers Kommune", "randers-2026", "29189668") and total[0] == portfolio_sheets.TOTAL
    assert randers[3] == "Anne Andersen\nanne.andersen@kommune.dk"
    for c, heading in enumerate(headings):
        if heading in ("Tilskud", "Skyldigt", "Betalt", "Udestående"):
            assert total[c] == randers[c] and randers[c] is not None, heading  # one agreement: its own figures
    years = _table(book[portfolio_sheets.YEARS_SHEET])[1]
    assert [r[3] for r in years[:-1]] == [2026, 2027, 2028, 2029] and years[-1][0] == portfolio_sheets.TOTAL
    posts_headings, posts = _table(book[portfolio_sheets.POSTS_SHEET])
    assert len(posts) == len(RANDERS.budget_years) + len(RANDERS.repayment_rates) + 1
    paid = posts_headings.index("Betalt")
    assert posts[4][paid] == 1000  # what 2028's accounts say was repaid on rate 1


def test_the_portfolio_sheet_has_native_editable_charts_over_its_own_cells(book):
    sheet = book[portfolio_sheets.PORTFOLIO_SHEET]
    charts = sheet._charts  # openpyxl reads charts back as chart objects: they are native, not pictures
    assert len(charts) == 2
    titles = ["".join(r.t for p in c.title.tx.rich.p for r in (p.r or [])) for c in charts]
    assert titles == ["Budget og faktiske udgifter pr. år", "Tilbagebetaling pr. rate"]
    for chart in charts:
        refs = [s.val.numRef.f for s in chart.series]
        assert len(refs) == 2 and all(f.startswith("'Portefølje'!") for f in refs)


def test_portfolio_format_writes_only_the_portfolio(run, tmp_path):
    out = tmp_path / "portefolje.xlsx"
    PORTFOLIO_FORMATS["xlsx"].write(run, out)
    assert openpyxl.load_workbook(out).sheetnames == list(portfolio_sheets.SHEETS)
