"""The xlsx overview: identification, amounts, a totals row that is the sum of its rows, kr.
formats, a filter, and a print setup of A4 landscape fitted to the width."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from dsi_xl import batch, format as fmt
from dsi_xl.report import xlsx
from validate_files import AS_OF, broken, example


def _overview(tmp_path):
    files = [str(example(tmp_path, f"k{i}.xlsx")) for i in range(2)] + [str(broken(tmp_path))]
    results = batch.validate_files(files, as_of=AS_OF, jobs=1)
    out = tmp_path / "oversigt.xlsx"
    xlsx.write(results, out)
    return results, openpyxl.load_workbook(out)[xlsx.SUMMARY_SHEET]


def test_totals_row_is_the_sum_of_the_rows(tmp_path):
    results, sheet = _overview(tmp_path)
    rows = list(sheet.values)
    headings, body, total = list(rows[0]), rows[1:-1], rows[-1]
    assert len(body) == len(results) and total[0] == xlsx.TOTAL
    rates = len(results[0].computed["DSI_TILBAGEBETALING"][0])
    summed = xlsx.amount_headings(rates)
    assert len(summed) == 3 + rates
    nonzero = 0
    for heading in summed:
        c = headings.index(heading)
        expected = sum((Decimal(str(r[c])) for r in body if r[c] is not None), Decimal(0))
        assert Decimal(str(total[c])) == expected, heading
        nonzero += expected != 0
    assert nonzero >= 3  # costs, received and some amount due are really summed
    c = headings.index(xlsx.COSTS)
    assert body[0][c] > 0 and body[2][c] is None  # the unreadable file has no figures


def test_amounts_in_kr_filter_and_print_setup(tmp_path):
    _, sheet = _overview(tmp_path)
    headings = [c.value for c in sheet[1]]
    for heading in (xlsx.COSTS, xlsx.RECEIVED):
        column = headings.index(heading) + 1
        assert sheet.cell(row=2, column=column).number_format == fmt.AMOUNT
        assert sheet.cell(row=sheet.max_row, column=column).number_format == fmt.AMOUNT
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headings))}4"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    breach = headings.index(xlsx.BREACH) + 1
    assert sheet.cell(row=2, column=breach).value in ("ja", "nej")
