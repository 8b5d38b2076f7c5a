"""The submission reader on real files: written by openpyxl, edited as Excel saves them, shipped.

Every value and formula the reader gives is compared with openpyxl's own reading of the same
file (``data_only=True`` for cached values, ``data_only=False`` for formulas).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

import hostile
from conftest import EXAMPLE_FILE, TEMPLATE_FILE
from dsi_xl.spec import names
from dsi_xl.workbook.cells import unescape
from dsi_xl.workbook.reader import read
from dsi_xl.workbook.submission import ExcelError

MAIN = hostile.MAIN_NS


def _small(folder: Path, epoch=None) -> Path:
    """Names, shared strings, dates, booleans, an array formula, a hidden sheet, manual calc."""
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "Regnskab"
    sheet["C5"], sheet["D5"], sheet["E5"], sheet["F5"] = 1050000, 2.5, "Randers", True
    sheet["C6"], sheet["D6"], sheet["E6"], sheet["F6"] = datetime(2027, 3, 1), "=C5+D5", "Randers", None
    sheet["H1"] = ArrayFormula("H1:H3", "=C5:C7*2")
    goals = book.create_sheet("Betalingsmål")
    goals["C7"] = 42
    hidden = book.create_sheet("Skjult")
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    very = book.create_sheet("Meget skjult")
    very.sheet_state = "veryHidden"
    very["A1"] = "=Regnskab!C5"
    book.defined_names["DSI_A"] = DefinedName("DSI_A", attr_text="Regnskab!$C$5:$F$6")
    book.defined_names["DSI_B"] = DefinedName("DSI_B", attr_text="'Betalingsmål'!$C$7")
    book.defined_names["DSI_FORMEL"] = DefinedName("DSI_FORMEL", attr_text="Regnskab!$C$5*2")
    book.defined_names["DSI_REF"] = DefinedName("DSI_REF", attr_text="#REF!")
    book.defined_names["DSI_TO"] = DefinedName("DSI_TO", attr_text="Regnskab!$C$5,Regnskab!$D$5")
    hidden.defined_names["LOKAL"] = DefinedName("LOKAL", attr_text="Skjult!$A$1")
    book.calculation.calcMode = "manual"
    path = folder / "lille.xlsx"
    book.save(path)
    return path


def _excel_like(folder: Path) -> Path:
    """The small workbook with its first sheet rewritten as Excel saves it: shared formulas,
    cached values of every type, inline and rich strings, cells without addresses."""
    source = _small(folder)
    with zipfile.ZipFile(source) as archive:
        original = archive.read("xl/worksheets/sheet1.xml").decode()
    date_style = re.search(r'<c r="C6" s="(\d+)"', original).group(1)
    randers = 1  # openpyxl writes inline strings; the shared strings below are Excel's way
    rows = (
        '<row r="3"><c r="C3"><v>10</v></c><c r="D3"><v>20</v></c><c r="E3"><v>30</v></c>'
        '<c r="F3"><v>40.25</v></c></row>'
        '<row r="4"><c r="C4"><f t="shared" ref="C4:F4" si="0">C3*2+$C$3</f><v>30</v></c>'
        '<c r="D4"><f t="shared" si="0"/><v>50</v></c><c r="E4"><f t="shared" si="0"/><v>70</v></c>'
        '<c r="F4"><f t="shared" si="0"/><v>90.5</v></c></row>'
        f'<row r="5"><c r="C5" t="s"><v>{randers}</v></c><c r="D5" t="b"><v>1</v></c><c r="E5" t="e"><v>#N/A</v></c>'
        '<c r="F5" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        f'<row r="6"><c r="C6" s="{date_style}"><v>46447.5</v></c><c r="D6" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        '<c r="E6" t="inlineStr"><is><t>inline_x000D_</t></is></c>'
        '<c r="F6" t="inlineStr"><is><r><t>ri</t></r><r><t xml:space="preserve">ch </t></r>'
        '<rPh sb="0" eb="1"><t>x</t></rPh></is></c></row>'
        '<row r="7"><c r="C7"><f t="array" ref="C7:D7">C3:D3*2</f><v>20</v></c><c r="D7"><v>40</v></c>'
        '<c r="E7"><v>1E+20</v></c><c r="F7"><v>-0.125</v></c></row>'
        '<row r="8"><c><v>1</v></c><c><f>A8+1</f><v>2</v></c></row>'
    )
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData><sheetProtection sheet="1"/></worksheet>'
    names = (b'<definedName name="DSI_X">Regnskab!$C$3:$F$8</definedName>')
    strings = (
        f'<sst xmlns="{MAIN}" count="3" uniqueCount="3"><si><t>ubrugt</t></si>'
        '<si><r><t>Rich</t></r><r><t> tekst</t></r><rPh sb="0" eb="4"><t>fonetisk</t></rPh></si>'
        '<si><t>Randers</t></si></sst>'
    )
    with zipfile.ZipFile(source) as archive:
        workbook = archive.read("xl/workbook.xml").replace(b"</definedNames>", names + b"</definedNames>")
        rels = archive.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
            b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/sharedStrings"/></Relationships>'))
        types = archive.read("[Content_Types].xml").replace(b"</Types>", (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/></Types>'))
    return hostile.rewrite(source, folder / "excel.xlsx", {
        "xl/worksheets/sheet1.xml": sheet.encode(), "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}, {"xl/sharedStrings.xml": strings.encode()})


def _openpyxl_formula(value) -> str | None:
    if isinstance(value, ArrayFormula):
        return value.text
    if isinstance(value, str) and value.startswith("="):
        return value
    return None


def _assert_agrees_with_openpyxl(path: Path) -> None:
    submission = read(path)
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    for name, named in submission.names.items():
        for row in named.cells:
            for cell in row:
                expected = values[cell.sheet][cell.ref].value
                if isinstance(expected, str) and values[cell.sheet][cell.ref].data_type == "e":
                    expected = ExcelError(expected)
                elif isinstance(expected, str):
                    expected = unescape(expected)  # openpyxl leaves Excel's _x000D_ escapes in place
                assert cell.value == expected, (name, cell, expected)
                assert type(cell.value) is type(expected) or isinstance(expected, float), (cell, expected)
                their = _openpyxl_formula(formulas[cell.sheet][cell.ref].value)
                if their is not None:
                    assert cell.formula == their, (cell, their)
    theirs = {(ws.title, c.coordinate): _openpyxl_formula(c.value) for ws in formulas.worksheets
              for row in ws.iter_rows() for c in row if _openpyxl_formula(c.value)}
    for where, text in theirs.items():
        assert submission.formulas[where] == text, where
    assert set(submission.formulas) >= set(theirs)


def test_small_workbook_by_name(tmp_path):
    s = read(_small(tmp_path))
    a = s.names["DSI_A"]
    assert a.sheet == "Regnskab" and a.ref == "C5:F6" and a.shape == (2, 4)
    assert a.values == [[1050000, 2.5, "Randers", True], [datetime(2027, 3, 1), None, "Randers", None]]
    assert type(a.values[0][0]) is int and type(a.values[0][3]) is bool
    assert a.formulas == [[None] * 4, [None, "=C5+D5", None, None]]
    assert s.names["DSI_B"].first.value == 42 and s.names["DSI_B"].ref == "C7"
    assert set(s.names) == {"DSI_A", "DSI_B"}
    assert s.defined_names["DSI_FORMEL"] == "Regnskab!$C$5*2" and s.defined_names["DSI_REF"] == "#REF!"
    assert (
        s.defined_names["DSI_TO"] == "Regnskab!$C$5,Regnskab!$D$5" and s.defined_names["Skjult!LOKAL"] == "Skjult!$A$1"
    )
    assert [(x.name, x.state, x.protected) for x in s.sheets] == [
        ("Regnskab", "visible", False), ("Betalingsmål", "visible", False), ("Skjult", "hidden", True),
        ("Meget skjult", "veryHidden", False)]
    assert s.calc_mode == "manual" and not s.has_cached_values
    assert s.formulas[("Regnskab", "H1")] == s.formulas[("Regnskab", "H3")] == "=C5:C7*2"
    assert s.formulas[("Meget skjult", "A1")] == "=Regnskab!C5"
    assert s.external_links == () and s.active_content == ()
    _assert_agrees_with_openpyxl(tmp_path / "lille.xlsx")


def test_excel_saved_values_and_shared_formulas(tmp_path):
    s = read(_excel_like(tmp_path))
    x = s.names["DSI_X"]
    assert x.shape == (6, 4)
    assert x.formulas[1] == ["=C3*2+$C$3", "=D3*2+$C$3", "=E3*2+$C$3", "=F3*2+$C$3"]
    assert x.values[0] == [10, 20, 30, 40.25] and x.values[1] == [30, 50, 70, 90.5]
    assert x.values[2] == ["Rich tekst", True, ExcelError("#N/A"), ExcelError("#DIV/0!")]
    assert isinstance(x.values[2][3], ExcelError) and x.formulas[2][3] == "=1/0"
    assert x.values[3] == [datetime(2027, 3, 1, 12), "ab", "inline\r", "rich "]
    assert x.values[4] == [20, 40, 1e20, -0.125] and x.formulas[4][:2] == ["=C3:D3*2", "=C3:D3*2"]
    assert x.values[5] == [None, None, None, None]  # row 8 lies outside C:F
    assert s.formulas[("Regnskab", "B8")] == "=A8+1"
    assert s.has_cached_values and s.sheets[0].protected
    _assert_agrees_with_openpyxl(tmp_path / "excel.xlsx")


def test_rows_and_cells_without_addresses_follow_on(tmp_path):
    rows = '<row r="4"><c r="C4"><v>1</v></c></row><row><c r="B5"><v>2</v></c><c><f>B5+1</f><v>3</v></c></row>'
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    path = hostile.rewrite(hostile.base(tmp_path), tmp_path / "uden-r.xlsx", {hostile.SHEET: sheet})
    s = read(path)
    assert s.names["DSI_FAKTISK"].values == [[3, None], [None, None]]
    assert s.names["DSI_FAKTISK"].formulas == [["=B5+1", None], [None, None]]
    assert s.formulas == {("Regnskab", "C5"): "=B5+1"}


def test_1904_date_system(tmp_path):
    path = _small(tmp_path, epoch=CALENDAR_MAC_1904)
    assert b'date1904="1"' in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert read(path).names["DSI_A"].values[1][0] == datetime(2027, 3, 1)
    _assert_agrees_with_openpyxl(path)


def test_openpyxl_is_imported_only_for_shared_formulas(tmp_path):
    plain, shared = _small(tmp_path), _excel_like(tmp_path)
    code = ("import sys; from dsi_xl.workbook.reader import read; read(sys.argv[1]); "
            "print('openpyxl' in sys.modules)")
    seen = [
        subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, check=True).stdout.strip()
        for p in (plain, shared)
    ]
    assert seen == ["False", "True"]


def test_file_bytes_unchanged(tmp_path):
    path = _excel_like(tmp_path)
    before = path.read_bytes()
    read(path)
    assert path.read_bytes() == before


def _shipped(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.name} has not been generated yet (the template helper builds it)")
    return path


@pytest.mark.parametrize("which", ["template", "example"])
def test_shipped_workbooks_have_every_spec_name_with_its_shape(which, randers):
    path = _shipped(TEMPLATE_FILE if which == "template" else EXAMPLE_FILE)
    s = read(path)
    for spec in names(randers):
        assert spec.name in s.names, spec.name
        assert s.names[spec.name].shape == spec.shape_for(randers), spec.name
        assert s.names[spec.name].sheet == spec.sheet, spec.name
        if spec.kind == "formula":
            assert all(f and f.startswith("=") for row in s.names[spec.name].formulas for f in row), spec.name
    assert s.active_content == () and s.external_links == ()


@pytest.mark.parametrize("which", ["template", "example"])
def test_shipped_workbooks_agree_with_openpyxl(which):
    _assert_agrees_with_openpyxl(_shipped(TEMPLATE_FILE if which == "template" else EXAMPLE_FILE))


def test_formula_text_is_budgeted_for_the_whole_workbook(tmp_path, monkeypatch):
    from dsi_xl.errors import UnreadableWorkbook
    from dsi_xl.workbook import worksheet

    monkeypatch.setattr(worksheet, "MAX_FORMULA_CHARS", 20)
    with pytest.raises(UnreadableWorkbook, match="mio. tegn"):
        read(_excel_like(tmp_path))


@pytest.mark.libreoffice
def test_a_file_saved_by_another_program_agrees_with_openpyxl(tmp_path):
    """LibreOffice writes shared strings, cached values and its own styles, as a third-party
    program would; the reader and openpyxl must still read the same."""
    import shutil

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = _small(tmp_path)
    out = tmp_path / "out"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
                   capture_output=True, timeout=180, check=True)
    saved = out / source.name
    with zipfile.ZipFile(saved) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    s = read(saved)
    assert s.names["DSI_A"].values[0][:3] == [1050000, 2.5, "Randers"] and s.has_cached_values
    assert s.names["DSI_A"].formulas[1][1] == "=C5+D5"
    _assert_agrees_with_openpyxl(saved)


def test_strict_open_xml_namespaces(tmp_path):
    """Excel's "Strict Open XML" save uses other namespaces; the reader knows both."""
    source = _small(tmp_path)
    changes = {}
    with zipfile.ZipFile(source) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xml", ".rels")):
                data = (data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                     b"http://purl.oclc.org/ooxml/spreadsheetml/main")
                        .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                 b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
            changes[name] = data
    strict = hostile.rewrite(source, tmp_path / "strict.xlsx", changes)
    assert read(strict).names == read(source).names
    assert read(strict).calc_mode == "manual"
