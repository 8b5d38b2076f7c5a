"""Sheets that add up as printed (issue 26): LibreOffice prints the template and the example, and
every "I alt" read back from the PDF's text is the sum of the lines printed above it (a line whose
label begins with "−" counts negative), every amount in an "I alt" column the sum of its line; no
cell prints an error value or ###; the status page is one page with its figures; every page of
figures names its municipality, agreement and accounts year.

LibreOffice prints with a Danish locale (dsi_xl.printout), as a Danish office prints: amounts as
1.133.397,30 kr."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from conftest import EXAMPLE_FILE, TEMPLATE_FILE
from dsi_xl.clauses import deadlines
from test_template_print import pages_by_sheet

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module", params=[TEMPLATE_FILE, EXAMPLE_FILE], ids=["template", "example"])
def printed(request, tmp_path_factory):
    """(layout, sheet title -> the text of each of its pages), printed in Danish."""
    import shutil

    from conftest import soffice
    from dsi_xl.printout import to_pdf

    soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return pages_by_sheet(to_pdf(request.param, tmp_path_factory.mktemp("dansk")))

AMOUNT = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d{2} kr\.")
NEAR = 4  # characters: right-aligned amounts of one column end within this of each other


def amounts(line: str) -> list[tuple[int, int, Decimal]]:
    """(start, end, value) of every amount printed on a line."""
    return [(m.start(), m.end(), Decimal(m.group()[:-4].replace(".", "").replace(",", ".")))
            for m in AMOUNT.finditer(line)]


def label(line: str) -> str:
    found = AMOUNT.search(line)
    return (line[: found.start()] if found else line).strip()


def column_sums(lines: list[str]) -> list[tuple[str, Decimal, Decimal]]:
    """(where, printed I alt, sum of the lines above) for every amount of every I alt line."""
    checked = []
    for i, line in enumerate(lines):
        if not re.search(r"\bi alt\b", label(line).lower()) or not amounts(line):
            continue
        block = []
        for above in reversed(lines[:i]):
            if not amounts(above):
                break
            block.append(above)
        for _start, end, total in amounts(line):
            parts = [(-1 if label(b).startswith("−") else 1) * value
                     for b in block for _s, e, value in amounts(b) if abs(e - end) <= NEAR]
            checked.append((f"{label(line)} @ {end}: {line.strip()}", total, sum(parts, Decimal(0))))
    return checked


def row_sums(lines: list[str]) -> list[tuple[str, Decimal, Decimal]]:
    """(line, printed amount in an "I alt" column, sum of the line's other amounts)."""
    checked = []
    header = None  # the centre of the nearest "I alt" column heading above
    for line in lines:
        heading = [m.start() + 2 for m in re.finditer(r"I alt\b", line) if m.start() > 20]
        if heading and not amounts(line):
            header = heading[-1]
            continue
        found = amounts(line)
        if header is None or len(found) < 2:
            continue
        start, end, total = found[-1]
        if start - NEAR <= header <= end + NEAR:
            checked.append((line.strip(), total, sum((v for _s, _e, v in found[:-1]), Decimal(0))))
    return checked


def _pages(printed_pages):
    _layout, by_sheet = printed_pages
    return [(title, page) for title, pages in by_sheet.items() for page in pages]


def test_every_i_alt_is_the_sum_of_the_lines_printed_above_it(printed):
    checked = []
    for title, page in _pages(printed):
        lines = page.splitlines()
        for where, shown, summed in column_sums(lines) + row_sums(lines):
            checked.append(where)
            assert shown == summed, (title, where, shown, summed)
    assert len(checked) >= 15, checked


def test_the_unused_grant_block_adds_up_in_order(printed):
    """Was: 1.700.000 - 1.585.500 - 108.333 printed above 5.000, the 1.167 repaid for 2026 below it."""
    _layout, by_sheet = printed
    text = "\n".join(by_sheet["Regnskab"])
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ikke-anvendt tilskud"))
    block = lines[start + 1:start + 7]
    labels = [label(line) for line in block]
    assert [lab[:1] for lab in labels[1:5]] == ["−", "−", "−", "+"] and labels[5].startswith("I alt"), labels
    assert "Tilbagebetalt for tidligere år" in labels[3]
    values = [amounts(line)[0][2] if amounts(line) else None for line in block]
    if any(v is not None for v in values):  # the example (the blank template prints blanks)
        assert values == [Decimal(v) for v in ("1700000", "1585500", "108333", "1167", "0", "5000")]


def test_no_cell_prints_an_error_value_or_hashes(printed):
    for title, page in _pages(printed):
        assert "###" not in page, title
        shown = page if title != "Vejledning" else re.sub(r"#NAVN\?.*|.*\(i engelsk Excel og LibreOffice #NAME\?\).*",
                                                          "", page)
        assert "#NAME?" not in shown and "#NAVN?" not in shown and "Err:" not in shown, (title, page)


def test_every_page_of_figures_names_its_municipality_agreement_and_year(printed, randers):
    layout, by_sheet = printed
    example = any("regnskabsår 2027" in page for pages in by_sheet.values() for page in pages)
    year = "regnskabsår 2027" if example else "regnskabsår ikke udfyldt"
    for title in ("Stamdata", "Regnskab", "Betalingsmål", "Prognose", "Sagsstamme", "Status"):
        for page in by_sheet[title]:
            assert f"{randers.recipient.name} · {randers.id} · {year}" in page, (title, page[:300])
    for title, page in _pages(printed):
        assert f"{randers.recipient.name} · tilsagn {randers.id} · {title} · side" in page, title


def test_the_status_page_prints_on_one_page_with_its_figures(printed, randers):
    layout, by_sheet = printed
    assert len(by_sheet["Status"]) == 1
    page = by_sheet["Status"][0]
    day_line = next(line for line in page.splitlines() if line.startswith("Status pr."))
    if "31.12.2027" not in day_line:  # the blank template: headings, and no figure before a day is typed
        assert not amounts(page.split("Økonomi")[1].split("Udbetalinger")[0])
        return
    for deadline in deadlines.within_a_year(randers, date(2027, 12, 31)):
        line = next(line for line in page.splitlines() if deadline.text in line)
        assert deadline.day.strftime("%d.%m.%Y") in line  # every deadline whole, with its date
    assert "1.591.667,00 kr." in page and "1.585.500,00 kr." in page  # budget to date, spent to date
    assert "Intet brud" in page and "2028K1" in page
    quarter = next(line for line in page.splitlines() if line.startswith("2028K1"))
    assert not re.search(r"\d,\d\b", quarter.split("31.03.2028")[1])  # a quarter not over: no caseload
