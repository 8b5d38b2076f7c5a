"""The Valideringsrapport layout (pure) and its openpyxl writer."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from dsi_xl.report import report_sheet
from dsi_xl.report.formats import jsonout
from dsi_xl.report.write_openpyxl import write
from dsi_xl.validation.result import Finding, Result

FINDINGS = (
    Finding(
        "STAM-03", "fejl", "DSI_CVR (Stamdata!C5): forventede 29189668, fandt 12345674.", "DSI_CVR", "Stamdata", "C5"
    ),
    Finding("BUDGET-04", "advarsel", "Afvigelse uden forklaring.", "DSI_FAKTISK", "Regnskab", "D8"),
    Finding("FORMEL-05", "advarsel", "Projektmappen har en ekstern kæde til x.xlsx."),
    Finding("UBRUGT-01", "info", 'teksten "=HYPERLINK(""http://x"")" er citeret', "DSI_PERIODISERING", "Bl'ad", "C9"),
)


@pytest.mark.parametrize("findings, status", [
    ((), "ok"), (FINDINGS[1:], "advarsler"), (FINDINGS, "fejl"),
])
def test_status_at_the_top_with_its_colour(findings, status):
    layout = report_sheet.layout(Result("a.xlsx", findings))
    assert layout.rows[1][0] == report_sheet.STATUS_TEXT[status]
    assert report_sheet.Block(2, 1, 1, len(report_sheet.HEADINGS), "status-" + status) in layout.blocks
    assert layout.rows[4][0] == "Fund: " + report_sheet.counts_text(Result("a.xlsx", findings))


def test_unreadable_is_red():
    layout = report_sheet.layout(Result("x.xlsx", FINDINGS[:1], unreadable=True))
    assert layout.rows[1][0] == report_sheet.STATUS_TEXT["ulæselig"]
    assert report_sheet.STYLES["status-ulæselig"].fill == report_sheet.STYLES["status-fejl"].fill


def test_one_row_per_finding_and_a_link_where_there_is_a_cell():
    layout = report_sheet.layout(Result("a.xlsx", FINDINGS), notes=("En note.",))
    heading = layout.rows.index(list(report_sheet.HEADINGS))
    assert ["En note."] == [r[0] for r in layout.rows[:heading] if r[0] == "En note."]
    body = layout.rows[heading + 1:]
    assert [r[1] for r in body] == [f.rule for f in FINDINGS]
    assert [r[-1] for r in body] == [f.message for f in FINDINGS]
    assert [(link.row, link.sheet, link.cell) for link in layout.links] == [
        (heading + 2, "Stamdata", "C5"), (heading + 3, "Regnskab", "D8"), (heading + 5, "Bl'ad", "C9")]
    assert layout.links[-1].location == "'Bl''ad'!C9"


def test_layout_is_pure_and_reproducible():
    result = Result("a.xlsx", FINDINGS)
    assert report_sheet.layout(result) == report_sheet.layout(result)
    assert "22.11.2026 13:00" in report_sheet.layout(result, when=datetime(2026, 11, 22, 13, 0)).rows[3][0]


def test_openpyxl_writer_keeps_quoted_formulas_as_text(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    write(ws, report_sheet.layout(Result("a.xlsx", FINDINGS)))
    path = tmp_path / "r.xlsx"
    book.save(path)
    again = openpyxl.load_workbook(path)
    values = [c.value for row in again.active.iter_rows() for c in row]
    assert FINDINGS[3].message in values
    assert all(c.data_type != "f" for row in again.active.iter_rows() for c in row)
    assert again.active["A2"].fill.fgColor.rgb.endswith(report_sheet.STYLES["status-fejl"].fill.lstrip("#"))
    locations = [c.hyperlink.location for row in again.active.iter_rows() for c in row if c.hyperlink]
    assert locations == ["'Stamdata'!C5", "'Regnskab'!D8", "'Bl''ad'!C9"]


def test_json_is_utf8_text_with_danish_letters():
    text = jsonout.text([Result("æøå.xlsx", FINDINGS, {"DSI_IKKE_ANVENDT": [[1.5]]}, unreadable=True)])
    assert '"status": "ulæselig"' in text and "æøå.xlsx" in text


def test_control_characters_quoted_from_a_submission_do_not_stop_the_writer(tmp_path):
    book = openpyxl.Workbook()
    quoted = Finding("STAM-01", "fejl", 'fandt teksten "a\x1fb"', "DSI_KOMMUNE", "Stamdata", "B4")
    write(book.active, report_sheet.layout(Result("a\x00.xlsx", (quoted,))))
    book.save(tmp_path / "r.xlsx")
    values = [c.value for row in openpyxl.load_workbook(tmp_path / "r.xlsx").active.iter_rows() for c in row]
    assert 'fandt teksten "a?b"' in values


def test_counts_read_one_advarsel_and_two_advarsler():
    assert report_sheet.counts_text(Result("a.xlsx", FINDINGS)) == "1 fejl, 2 advarsler, 1 info"
    assert report_sheet.counts_text(Result("a.xlsx", FINDINGS[1:2])) == "0 fejl, 1 advarsel, 0 info"
