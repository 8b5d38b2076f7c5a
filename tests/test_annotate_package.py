"""The annotated copy is the submission's own package plus one sheet (issue 15).

A rich workbook written by a real writer (xlsxwriter: a picture, a chart, a comment, a text box,
sparklines, data validation, a data bar, custom properties), with a custom XML part added to its
zip, is annotated; every part of the copy is compared with the input's. A second run on the copy
replaces the report sheet and changes nothing else.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner

from conftest import ROOT, soffice
from dsi_xl import template
from dsi_xl.cli import main
from dsi_xl.report.report_sheet import SHEET_NAME
from dsi_xl.validation.engine import validate_file
from dsi_xl.workbook.reader import read
from validate_files import AS_OF, example

ALLOWED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
CUSTOM_XML = b'<?xml version="1.0" encoding="UTF-8"?><kommune xmlns="urn:dsi-test">Randers</kommune>'


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _add_custom_xml(path: Path) -> None:
    """Add customXml/item1.xml with its properties part and relationship, as Office does."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    props = (
        b'<?xml version="1.0" encoding="UTF-8"?><ds:datastoreItem ds:itemID="{6E1F0F1A-0000-4000-8000-000000000001}" '
        b'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>'
    )
    item_rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                 b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                 b'2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdCx1" Type="http://schemas.openxmlformats.'
                    b'org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>'
                    b"</Relationships>",
                )
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/customXml/itemProps1.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>',
                )
            target.writestr(info, data)
        target.writestr("customXml/item1.xml", CUSTOM_XML)
        target.writestr("customXml/itemProps1.xml", props)
        target.writestr("customXml/_rels/item1.xml.rels", item_rels)


def _vba_project(folder: Path) -> Path:
    with zipfile.ZipFile(ROOT / "addin" / "dsi_xl.xlam") as addin:
        target = folder / "vbaProject.bin"
        target.write_bytes(addin.read("xl/vbaProject.bin"))
    return target


def rich(folder: Path, name: str = "rig.xlsx") -> Path:
    path = folder / name
    picture = folder / "logo.png"
    picture.write_bytes(_png())
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Data")
    for row in range(10):
        sheet.write_row(row, 0, [row, row * 2, row * 3, row % 4])
    sheet.insert_image("F2", str(picture))
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=Data!$B$1:$B$10"})
    sheet.insert_chart("F10", chart)
    sheet.write_comment("A1", "En kommentar fra kommunen")
    sheet.insert_textbox("L2", "En tekstboks")
    sheet.add_sparkline("E1", {"range": "Data!A1:D1"})
    sheet.data_validation("A12", {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 9})
    sheet.conditional_format("B1:B10", {"type": "data_bar"})
    book.define_name("Lokal", "=Data!$A$1")
    book.define_name("Data!Arknavn", "=Data!$B$2")
    book.set_custom_property("Kommune", "Randers")
    if name.endswith(".xlsm"):
        book.add_vba_project(str(_vba_project(folder)))
    book.add_worksheet("Andet").write("A1", "andet ark")
    book.close()
    _add_custom_xml(path)
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def annotate(source: Path, folder: Path):
    return CliRunner().invoke(main, ["validate", str(source), "--annotate", str(folder), "--as-of", AS_OF.isoformat()])


def findings(path: Path):
    return [(f.rule, f.severity, f.sheet, f.cell, f.message) for f in validate_file(str(path), as_of=AS_OF).findings]


@pytest.mark.parametrize("name", ["rig.xlsx", "rig.xlsm"])
def test_the_copy_is_every_part_of_the_input_plus_one_sheet(tmp_path, name):
    source = rich(tmp_path, name)
    before = parts(source)
    assert "customXml/item1.xml" in before and any("sparkline" in p.decode("utf-8", "replace")
                                                   for n, p in before.items() if n.endswith("sheet1.xml"))
    result = annotate(source, tmp_path / "retur")
    assert result.exit_code == 2 or result.exit_code in (0, 1), result.output  # not a template: fejl
    copy = tmp_path / "retur" / name
    after = parts(copy)
    assert parts(source) == before  # the input untouched
    added = set(after) - set(before)
    assert len(added) == 1 and set(before) <= set(after)
    (sheet_part,) = added
    changed = {n for n in before if before[n] != after[n]}
    unselected = changed - ALLOWED  # a sheet that was selected: only its tabSelected changes
    assert all(after[n] == before[n].replace(b'tabSelected="1"', b'tabSelected="0"') for n in unselected), unselected
    assert {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"} <= changed
    assert list(after)[:len(before)] == list(before)  # the parts in their order
    if name.endswith(".xlsm"):
        assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    book = openpyxl.load_workbook(copy)
    assert book.sheetnames == ["Data", "Andet", SHEET_NAME] and book.active.title == SHEET_NAME
    assert book[SHEET_NAME]["A1"].value == "Valideringsrapport (dsi-xl)"
    submission = read(copy)
    assert [s.name for s in submission.sheets] == ["Data", "Andet", SHEET_NAME]
    assert submission.defined_names["Data!Arknavn"] == read(source).defined_names["Data!Arknavn"]  # localSheetId kept
    assert findings(copy) == findings(source)

    # a second run replaces the report sheet and changes nothing else
    again = tmp_path / "igen"
    annotate(copy, again)
    second = parts(again / name)
    assert set(second) == set(after)
    assert {n for n in after if after[n] != second[n]} <= {sheet_part}


def test_the_example_keeps_its_findings_and_the_report_is_the_active_tab(tmp_path):
    source = example(tmp_path)
    assert annotate(source, tmp_path / "retur").exit_code == 0
    copy = tmp_path / "retur" / source.name
    assert findings(copy) == findings(source)
    with zipfile.ZipFile(copy) as package:
        workbook = package.read("xl/workbook.xml")
    assert f'activeTab="{len(template.SHEETS)}"'.encode() in workbook  # the report, after the template's sheets


def test_a_broken_part_is_one_sentence_and_no_copy(tmp_path):
    source = example(tmp_path)
    with zipfile.ZipFile(source) as package:
        items = [(i, package.read(i)) for i in package.infolist()]
    with zipfile.ZipFile(source, "w") as package:
        for info, data in items:
            package.writestr(
                info, data.replace(b"</cellXfs>", b"</cellXfs></cellXfs>") if info.filename == "xl/styles.xml" else data
            )
    result = annotate(source, tmp_path / "retur")
    assert "Traceback" not in result.output
    assert not (tmp_path / "retur" / source.name).exists()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_copy_and_shows_the_report(tmp_path):
    source = rich(tmp_path)
    annotate(source, tmp_path / "retur")
    out = tmp_path / "csv"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3",
            "--outdir",
            str(out),
            str(tmp_path / "retur" / source.name),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    (csv,) = out.glob("*.csv")
    assert csv.read_text(encoding="utf-8").startswith("Valideringsrapport (dsi-xl)")


def test_a_greater_than_sign_inside_an_attribute_does_not_break_the_copy(tmp_path):
    source = example(tmp_path)
    with zipfile.ZipFile(source) as package:
        items = [(i, package.read(i)) for i in package.infolist()]
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in items:
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<workbookView ", b'<workbookView xmlns:t="urn:t" t:note="a>b" ', 1)
            package.writestr(info, data)
    assert annotate(source, tmp_path / "retur").exit_code == 0
    copy = tmp_path / "retur" / source.name
    assert openpyxl.load_workbook(copy).active.title == SHEET_NAME
    assert findings(copy) == findings(source)


def test_a_refused_copy_is_one_sentence_naming_the_file(tmp_path):
    source = example(tmp_path)
    with zipfile.ZipFile(source) as package:
        items = [(i, package.read(i)) for i in package.infolist()]
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in items:
            if info.filename == "xl/styles.xml":
                data = re.sub(rb"<fonts\b.*?</fonts>", b'<fonts count="0"/>', data, flags=re.S)
            package.writestr(info, data)
    result = annotate(source, tmp_path / "retur")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [f"{source}: Den annoterede kopi kan ikke laves, fordi "
                                                  "typografiafsnittet fonts ikke kan findes entydigt."]
    assert list((tmp_path / "retur").iterdir()) == []


def test_the_report_heading_repeats_on_every_printed_page_and_a_rerun_keeps_one_print_title(tmp_path):
    from dsi_xl.report.annotate import annotate

    source = example(tmp_path)
    result = validate_file(source, as_of=AS_OF)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = annotate(source, result, tmp_path / "a")
    again = annotate(first, validate_file(first, as_of=AS_OF), tmp_path / "b")
    for copy in (first, again):
        with zipfile.ZipFile(copy) as package:
            xml = package.read("xl/workbook.xml").decode()
        titles = [m for m in xml.split("<definedName ")[1:] if "_xlnm.Print_Titles" in m and SHEET_NAME in m]
        assert len(titles) == 1, titles
        book = openpyxl.load_workbook(copy)
        assert book[SHEET_NAME].print_title_rows and book.active.title == SHEET_NAME
        index = book.sheetnames.index(SHEET_NAME)
        assert f'localSheetId="{index}"' in titles[0] and f"'{SHEET_NAME}'!$" in titles[0]
    names = {n for n in read(source).defined_names}
    assert names <= {n for n in read(again).defined_names}  # no name of the user's lost or renamed
