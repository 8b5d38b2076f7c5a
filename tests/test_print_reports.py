"""What the report sheet and DSI's overview look like on paper: printed by LibreOffice to PDF
(with a Danish locale, as a Danish office prints) and read back with pdftotext.

A4 landscape, fitted to the width, the heading row on every page, no text clipped, no ``###``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import soffice
from dsi_xl import batch
from dsi_xl.printout import to_pdf
from dsi_xl.report import annotate, overview, portfolio_sheets, report_pictures
from dsi_xl.report.formats import FORMATS, xlsxout
from dsi_xl.report.report_sheet import HEADINGS, SHEET_NAME
from dsi_xl.validation.engine import validate_file
from dsi_xl.validation.result import Finding
from validate_files import AS_OF, broken, example


def _pdf(book: Path, folder: Path, only: str) -> tuple[str, int, list[tuple[float, float]]]:
    """(text, pages, page sizes in points) of sheet ``only`` of ``book`` as LibreOffice prints it,
    with a Danish locale (the README pictures' own printer, dsi_xl.report.report_pictures)."""
    soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    pdf = report_pictures.printed(book, only, folder)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], check=True, capture_output=True, text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    return text, len(sizes), sizes


def _words(text: str) -> set[str]:
    return set(re.findall(r"\S+", text))


def _landscape_a4(sizes):
    return all(abs(w - 842) < 3 and abs(h - 595) < 3 for w, h in sizes)


def test_the_report_sheet_prints_landscape_with_every_message_whole(tmp_path):
    source = example(tmp_path)
    result = validate_file(source, as_of=AS_OF)
    long = (
        "Udgifterne på linjen \"Løn til faglig koordinator\" i 2027 er 5.000 kr. under budgettet; DSI kan "
        "nedsætte tilskuddet tilsvarende (4.2). Ret beløbet i cellerne, eller forklar afvigelsen til DSI slutord{}."
    )
    many = tuple(Finding("BUDGET-05", "advarsel", long.format(n), "DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB", "Regnskab",
                         "C33:N33, C34:N34, C35") for n in range(40))
    (tmp_path / "retur").mkdir()
    copy = annotate.annotate(source, replace(result, findings=result.findings + many), tmp_path / "retur")
    text, pages, sizes = _pdf(copy, tmp_path, only=SHEET_NAME)
    assert _landscape_a4(sizes) and 2 <= pages <= 4, (pages, sizes)
    assert "###" not in text
    words = _words(text)
    for finding in result.findings + many:
        assert _words(finding.message) <= words, finding.message  # nothing cut off at the column's edge
    assert all(f"slutord{n}." in words for n in range(40))
    assert "DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB" in words  # the long name wraps, it is not clipped
    assert text.count(" ".join(HEADINGS[:2])) == pages or text.count("Alvor") == pages  # heading on every page


def _smallest_text(pdf: Path) -> list[tuple[float, str]]:
    """Per page, the height in points of its smallest word and the word, as pdftotext boxes them
    (a word's box is as tall as its printed font size, within a few per cent)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    out: list[tuple[float, str]] = []
    for page in boxes.split("<page ")[1:]:
        words = [(float(y1) - float(y0), word) for y0, y1, word in
                 re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
        out.append(min(words) if words else (99.0, ""))
    return out


def test_every_sheet_of_the_report_prints_on_a4_whole_and_no_smaller_than_8_points(tmp_path):
    """Today Oversigt squeezes 21 columns onto A4 at about 5 points, and Fund prints its messages
    over the next rows."""
    soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    files = [str(example(tmp_path, f"kommune-{i}.xlsx")) for i in range(3)] + [str(broken(tmp_path))]
    results = batch.validate_files(files, as_of=date(2028, 6, 1), jobs=1)
    out = tmp_path / "oversigt.xlsx"
    FORMATS["xlsx"].write(results, out)
    pdf = to_pdf(out, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], check=True, capture_output=True, text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    assert _landscape_a4(sizes) and len(sizes) <= 2 * len(xlsxout.SHEETS), sizes
    assert "###" not in text
    smallest = _smallest_text(pdf)
    assert all(height >= 8.0 for height, _ in smallest), smallest
    flat = _words(text.replace("-", " "))
    headings = [c.heading for c in overview.columns(results)] + [c.heading for c in xlsxout.FINDING_COLUMNS]
    headings += [c.heading for cols in (portfolio_sheets.ACCOUNT_COLUMNS, portfolio_sheets.YEAR_COLUMNS,
                                        portfolio_sheets.POST_COLUMNS) for c in cols]
    for heading in headings:
        assert _words(heading.replace("-", " ")) <= flat, heading
    words = _words(text)
    for result in results:
        for finding in result.findings:
            assert _words(finding.message) <= words, finding.message  # nothing cut off at the column's edge
    assert results[0].identity["sha256"][:16] in text.replace("\n", "").replace(" ", "")
    assert "645.000,00" in text and "1.133.397,30" in text and "kr." in words  # Danish amounts, in kr.
    assert "Mette Holm Jensen" in words or "Mette" in words  # the contact person, on paper too
