"""The template and the example print ready on A4: LibreOffice prints the whole book to PDF, and
each sheet takes the pages its layout intends (landscape where wide, fitted to the width, title
rows on every page), every text of the layout prints whole (not clipped by a narrow column nor cut
by the cell beside it), no number overflows into ###, and years print without separators.

Pages are told apart by their footer, which names the sheet. The layout's own estimate of
the room each text needs (:mod:`dsi_xl.template.fit`) is checked without LibreOffice, for the
shipped agreement and a made-up one."""

from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest

from conftest import EXAMPLE_FILE, TEMPLATE_FILE
from dsi_xl import template
from dsi_xl.template.fit import overflows, wraps
from test_template_libreoffice import convert


def _texts(sheet):
    """Every text of a sheet's layout: (text, wrapped)."""
    for (_row, _col), cell in sorted(sheet.cells.items()):
        if isinstance(cell.value, str) and cell.value and not cell.value.startswith("="):
            yield cell.value, wraps(cell)


@pytest.mark.parametrize("which", ["randers", "made_up"])
def test_every_one_line_text_has_room_in_the_layout(which, request):
    layout = template.layout_for(request.getfixturevalue(which))
    found = {title: overflows(sheet) for title, sheet in layout.sheets.items()}
    assert not any(found.values()), found


def test_the_print_setup_is_the_layouts(randers):
    layout = template.layout_for(randers)
    book = openpyxl.load_workbook(TEMPLATE_FILE)
    for title, sheet in layout.sheets.items():
        ws = book[title]
        assert (
            int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == sheet.orientation
        ), title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, title
        assert sheet.pages == 1 or sheet.title_rows, f"{title} runs over pages without title rows"
        if sheet.title_rows:
            assert ws.print_title_rows.replace("$", "") == sheet.title_rows, title
        assert "&A" in ws.oddFooter.center.text, title
    wide = {t for t, s in layout.sheets.items() if sum(s.widths.values()) > 150}
    assert wide and all(layout.sheets[t].orientation == "landscape" for t in wide)


def _pages(pdf) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True,
                           text=True, check=True, timeout=120).stdout for p in range(1, count + 1)]


@pytest.fixture(scope="module", params=[TEMPLATE_FILE, EXAMPLE_FILE], ids=["template", "example"])
def printed(request, tmp_path_factory):
    """(layout, sheet title -> the text of each of its pages)."""
    from conftest import soffice

    soffice()
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = convert(request.param, "pdf", tmp_path_factory.mktemp("print"))
    return pages_by_sheet(pdf)


def pages_by_sheet(pdf):
    """(layout, sheet title -> the text of each of its pages), told apart by their footers."""
    layout = template.layout_for(template.load())
    by_sheet: dict[str, list[str]] = {}
    for text in _pages(pdf):
        footer = [t for t in layout.sheets if re.search(rf"· {re.escape(t)} · side \d+", text)]
        assert len(footer) == 1, text[-300:]
        by_sheet.setdefault(footer[0], []).append(text)
    return layout, by_sheet


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


pytestmark = pytest.mark.libreoffice


def test_each_sheet_takes_the_pages_its_layout_intends(printed):
    layout, by_sheet = printed
    assert list(by_sheet) == list(layout.sheets)
    assert {t: len(p) for t, p in by_sheet.items()} == {t: s.pages for t, s in layout.sheets.items()}
    for title, pages in by_sheet.items():
        heading = layout.sheets[title].cells[(1, 1)].value
        assert all(heading in page for page in pages), f"{title}: the title rows are not repeated"


def test_every_text_of_the_layout_prints_whole(printed):
    layout, by_sheet = printed
    for title, sheet in layout.sheets.items():
        lines = "\n".join(by_sheet[title]).splitlines()
        flat_lines = [_flat(line) for line in lines]
        words = _flat(" ".join(lines)).split(" ")
        for text, wrapped in _texts(sheet):
            if not wrapped:
                assert any(_flat(text) in line for line in flat_lines), (title, text)
                continue
            at = 0  # a wrapped text: its words in order (other cells' text may sit between)
            for word in text.split():
                assert word in words[at:], (title, text, word)
                at = words.index(word, at) + 1


def test_no_number_overflows_and_years_print_without_separators(printed, randers):
    layout, by_sheet = printed
    text = "\n".join(page for pages in by_sheet.values() for page in pages)
    assert "###" not in text
    line = next(line for line in text.splitlines() if "År for genforhandling af baseline" in line)
    assert re.search(rf"\b{randers.renegotiation_year}\b", line) and not re.search(r"\d[.,]\d{3}\b", line), line
    for year in randers.budget_years:
        assert not re.search(rf"\b{str(year)[0]}[.,]{str(year)[1:]}\b", text), year
