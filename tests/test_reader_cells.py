"""Cell references, defined-name text, numbers, dates and formulas as the reader parses them."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import CALENDAR_MAC_1904, from_excel, to_excel

from dsi_xl.workbook import cells


@pytest.mark.parametrize("text, expected", [
    ("A1", (1, 1)), ("$C$12", (12, 3)), ("xfd1048576", (1_048_576, 16_384)), ("AA10", (10, 27)),
])
def test_parse_ref(text, expected):
    assert cells.parse_ref(text) == expected


@pytest.mark.parametrize("text", ["XFE1", "A0", "A1048577", "1A", "", "A", "AAAA1", "A1:B2", "A 1"])
def test_parse_ref_refuses_what_is_not_a_cell_of_excel(text):
    with pytest.raises(ValueError):
        cells.parse_ref(text)


@given(st.integers(1, cells.MAX_ROW), st.integers(1, cells.MAX_COL))
def test_ref_round_trips(row, col):
    assert cells.parse_ref(cells.ref(row, col)) == (row, col)


@pytest.mark.parametrize("text, expected", [
    ("Regnskab!$C$5:$F$6", ("Regnskab", (5, 3, 6, 6))),
    ("'Betalingsmål'!$C$7", ("Betalingsmål", (7, 3, 7, 3))),
    ("'Kim''s ark'!B2", ("Kim's ark", (2, 2, 2, 2))),
    ("'Ark 1'!$F$6:$C$5", ("Ark 1", (5, 3, 6, 6))),
    ("=Stamdata!$C$4", ("Stamdata", (4, 3, 4, 3))),
    ("Ark1!$A:$B", ("Ark1", (1, 1, cells.MAX_ROW, 2))),
    ("Ark1!$3:$3", ("Ark1", (3, 1, 3, cells.MAX_COL))),
])
def test_name_target_resolves_one_range(text, expected):
    assert cells.name_target(text) == expected


@pytest.mark.parametrize("text", [
    "#REF!", "Regnskab!#REF!", "Regnskab!$C$5*2", "Regnskab!$C$5,Regnskab!$D$5", "Ark1:Ark3!$A$1",
    "[1]Ark1!$A$1", "'[budget.xlsx]Ark1'!$A$1", "SUM(Ark1!$A$1:$A$2)", "$A$1", "'ufuldendt!$A$1", "Ark1!$XFE$1",
    "OFFSET(Ark1!$A$1,0,0)", '"tekst"', "42",
])
def test_name_target_refuses_everything_else(text):
    assert cells.name_target(text) is None


@pytest.mark.parametrize("text, expected", [
    ("42", 42), ("-7", -7), ("2.5", 2.5), ("1E+20", 1e20), ("1E+3", 1000), ("3.0", 3), ("1.5E-3", 0.0015), ("0", 0),
])
def test_number(text, expected):
    value = cells.number(text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text", ["NaN", "inf", "-Infinity", "abc", "", "1,5"])
def test_number_refuses_text_and_non_finite(text):
    with pytest.raises(ValueError):
        cells.number(text)


@pytest.mark.parametrize("code, is_date", [
    ("dd-mm-yyyy", True), ("d/m/yy h:mm", True), ("[$-406]d. mmmm yyyy", True), ("yyyy", True),
    ("General", False), ("#,##0.00", False), ('#,##0 "kr."', False), ('0 "dage"', False),
    ("[Red]#,##0;[Blue]-#,##0", False), ("0.00%", False), ("dd-mm-yyyy;@", True), ('_-* #,##0_-', False),
])
def test_is_date_format(code, is_date):
    assert cells.is_date_format(code) is is_date


@given(st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 30)))
def test_from_serial_agrees_with_openpyxl(moment):
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    serial = to_excel(moment)
    assert cells.from_serial(serial) == from_excel(serial)
    serial_1904 = to_excel(moment, CALENDAR_MAC_1904)
    if serial_1904 >= 1:  # below 1 openpyxl gives a time of day; the reader keeps a datetime
        assert cells.from_serial(serial_1904, date1904=True) == from_excel(serial_1904, CALENDAR_MAC_1904)


def test_from_serial_early_1900_and_out_of_range():
    assert cells.from_serial(1) == datetime(1900, 1, 1)
    assert cells.from_serial(59) == datetime(1900, 2, 28)
    assert cells.from_serial(61) == datetime(1900, 3, 1)
    assert cells.from_serial(-1) is None and cells.from_serial(3_000_000) is None
    assert cells.from_serial(2_958_465.5) == datetime(9999, 12, 31, 12)
    assert cells.from_serial(2_958_465.999999995) is None  # rounds past year 9999
    assert cells.from_serial(0, date1904=True) == datetime(1904, 1, 1)


def test_unescape():
    assert cells.unescape("a_x000D__x000A_b") == "a\r\nb"
    assert cells.unescape("_x005F_x0041_") == "_x0041_"  # _x005F_ escapes the underscore itself
    assert cells.unescape("plain_text") == "plain_text"


@pytest.mark.parametrize("formula, origin, destination, expected", [
    ("=SUM(C3:C4)", "C5", "F5", "=SUM(F3:F4)"),
    ("=C3*$B$1", "C5", "C9", "=C7*$B$1"),
    ("='Betalingsmål'!C7+1", "D2", "E3", "='Betalingsmål'!D8+1"),
])
def test_translate_shared_formula(formula, origin, destination, expected):
    assert cells.translate(formula, origin, destination) == expected


@pytest.mark.parametrize("formula, bare", [
    ("=\"a|b\"&'x|y'!A1", "=     &     !A1"),
    ("=cmd|' /C calc'!A0", "=cmd|          !A0"),
    ('="he said ""hi"""', "=" + " " * 16),
])
def test_outside_strings_blanks_literals_and_quoted_names(formula, bare):
    assert cells.outside_strings(formula) == bare


def test_a_number_beyond_a_double_is_an_overflow_not_text():
    # openpyxl saves the largest double rounded to 16 digits, which no longer fits a double
    with pytest.raises(OverflowError):
        cells.number("1.797693134862316e+308")
    with pytest.raises(OverflowError):
        cells.number("-1E999")


def test_the_reader_reads_an_overflowing_number_as_num_error(tmp_path):
    """Found by fuzzing through files: the whole sheet was reported as damaged."""
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    from dsi_xl.workbook.reader import read
    from dsi_xl.workbook.submission import ExcelError

    book = openpyxl.Workbook()
    book.active.title = "Stamdata"
    book.active["B4"] = 1.7976931348623155e308
    book.active["B5"] = 5
    book.defined_names["DSI_KOMMUNE"] = DefinedName("DSI_KOMMUNE", attr_text="Stamdata!$B$4:$B$5")
    path = tmp_path / "stor.xlsx"
    book.save(path)
    values = read(path).names["DSI_KOMMUNE"].values
    assert values == [[ExcelError("#NUM!")], [5]]
