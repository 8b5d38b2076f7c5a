"""The annotated copy of any workbook the reader accepts (issue 29, case 8).

Real Excel-saved workbooks (``tests/data/excel-saved``, from calamine's test suite) open with
exactly one selected sheet, the report, and give no openxml-audit error; so do the template, the
example and the xlsx report. Then one test per input that used to break the copy: openpyxl with
lxml (``xmlns:r`` on every ``<sheet>``), ``<definedNames/>``, the largest sheetId, XML comments
holding the very tags the copy edits, a Strict Open XML workbook (refused in one sentence), and a
hidden sheet named like the report.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from click.testing import CliRunner

import audit
from conftest import EXAMPLE_FILE, TEMPLATE_FILE
from dsi_xl.cli import main
from dsi_xl.report.annotate import CopyRefused, annotate
from dsi_xl.validation.engine import validate_file
from validate_files import AS_OF

EXCEL_SAVED = sorted((Path(__file__).parent / "data" / "excel-saved").glob("*.xlsx"))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
Q = "{" + MAIN + "}"


def copy_of(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return annotate(source, validate_file(str(source), as_of=AS_OF), target=folder / source.name)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def patched(source: Path, target: Path, part: str, change) -> Path:
    data = parts(source)
    data[part] = change(data[part])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in data.items():
            package.writestr(name, content)
    return target


def sheets(path: Path) -> list[tuple[str, str, str]]:
    """(name, sheet part, state) in tab order."""
    data = parts(path)
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(data["xl/_rels/workbook.xml.rels"])}
    out = []
    for sheet in ET.fromstring(data["xl/workbook.xml"]).iter(Q + "sheet"):
        target = rels[sheet.get("{" + REL + "}id")]
        out.append((sheet.get("name"), target.lstrip("/") if target.startswith("/") else "xl/" + target,
                    sheet.get("state", "visible")))
    return out


def selected(path: Path) -> list[str]:
    """The names of the sheets whose own view is selected (``tabSelected``)."""
    data = parts(path)
    return [name for name, part, _ in sheets(path)
            if any(v.get("tabSelected") in ("1", "true") for v in ET.fromstring(data[part]).iter(Q + "sheetView"))]


def active_tab(path: Path) -> int:
    view = ET.fromstring(parts(path)["xl/workbook.xml"]).find(f"{Q}bookViews/{Q}workbookView")
    return int(view.get("activeTab", "0"))


def test_the_real_excel_files_are_what_the_tests_say(tmp_path):
    assert len(EXCEL_SAVED) >= 5
    for source in EXCEL_SAVED:
        assert b"Microsoft Excel" in parts(source)["docProps/app.xml"]
        assert len(selected(source)) == 1 and audit.errors(source) == []


@pytest.mark.parametrize("source", EXCEL_SAVED, ids=lambda p: p.name)
def test_a_copy_of_an_excel_saved_workbook_selects_the_report_alone(tmp_path, source):
    copy = copy_of(source, tmp_path / "1")
    names = [name for name, _, _ in sheets(copy)]
    assert selected(copy) == ["Valideringsrapport"] and names[active_tab(copy)] == "Valideringsrapport"
    assert audit.errors(copy) == []
    assert openpyxl.load_workbook(copy).sheetnames == names
    again = copy_of(copy, tmp_path / "2")  # a second run on the copy
    assert selected(again) == ["Valideringsrapport"] and audit.errors(again) == []
    before, after = parts(source), parts(copy)
    for name, part, _ in sheets(source):  # the submitter's sheets: only tabSelected changes
        assert after[part] == before[part] or after[part] == re.sub(
            rb'tabSelected="1"', b'tabSelected="0"', before[part]), name


def test_template_example_and_xlsx_report_give_no_openxml_audit_error(tmp_path):
    out = tmp_path / "oversigt.xlsx"
    result = CliRunner().invoke(main, ["validate", str(EXAMPLE_FILE), "--format", "xlsx", "--out", str(out),
                                       "--annotate", str(tmp_path / "retur"), "--as-of", AS_OF.isoformat()])
    assert result.exit_code in (0, 1), result.output
    for path in (TEMPLATE_FILE, EXAMPLE_FILE, out, tmp_path / "retur" / EXAMPLE_FILE.name):
        assert audit.errors(path) == [], path


def test_fonts_the_copy_adds_list_their_children_in_schema_order(tmp_path):
    styles = parts(copy_of(EXCEL_SAVED[0], tmp_path))["xl/styles.xml"]
    order = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name",
             "family", "charset", "scheme")
    for font in ET.fromstring(styles).iter(Q + "font"):
        children = [child.tag.split("}")[1] for child in font]
        assert children == sorted(children, key=order.index), children


def test_an_openpyxl_file_with_a_relationships_prefix_on_each_sheet_is_copied(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Ark1"
    book.create_sheet("Ark2")
    source = tmp_path / "lxml.xlsx"
    book.save(source)
    source = patched(source, tmp_path / "hver.xlsx", "xl/workbook.xml",  # as openpyxl writes through lxml
                     lambda x: x.replace(b' xmlns:r="' + REL.encode() + b'"', b"").replace(
                         b"<sheet ", b'<sheet xmlns:r="' + REL.encode() + b'" '))
    assert parts(source)["xl/workbook.xml"].count(b"xmlns:r=") == 2
    copy = copy_of(source, tmp_path / "retur")
    assert [name for name, _, _ in sheets(copy)] == ["Ark1", "Ark2", "Valideringsrapport"]
    assert audit.errors(copy) == audit.errors(source)  # openpyxl's own font order stays the input's


def test_an_empty_defined_names_element_gets_the_print_titles_inside_it(tmp_path):
    source = patched(EXCEL_SAVED[0], tmp_path / "tom.xlsx", "xl/workbook.xml",
                     lambda x: re.sub(rb"<definedNames>.*?</definedNames>", b"", x, flags=re.S).replace(
                         b"</sheets>", b"</sheets><definedNames/>"))
    workbook = parts(copy_of(source, tmp_path / "retur"))["xl/workbook.xml"]
    root = ET.fromstring(workbook)
    (names,) = root.findall(Q + "definedNames")
    assert [n.get("name") for n in names] == ["_xlnm.Print_Titles"]


def test_the_largest_sheet_id_gives_a_free_one_within_range(tmp_path):
    source = patched(EXCEL_SAVED[0], tmp_path / "id.xlsx", "xl/workbook.xml",
                     lambda x: re.sub(rb'sheetId="1"', b'sheetId="4294967295"', x, count=1))
    root = ET.fromstring(parts(copy_of(source, tmp_path / "retur"))["xl/workbook.xml"])
    ids = [int(s.get("sheetId")) for s in root.iter(Q + "sheet")]
    assert len(set(ids)) == len(ids) and max(ids) <= 2**32 - 1


def test_tags_inside_comments_are_never_edited(tmp_path):
    comment = (b"<!-- </sheets> <definedNames> </definedNames> <workbookView activeTab=\"7\"/> "
               b"</workbook> -->")
    source = patched(EXCEL_SAVED[0], tmp_path / "kommentar.xlsx", "xl/workbook.xml",
                     lambda x: x.replace(b"</workbook>", comment + b"</workbook>").replace(b"<sheets>",
                                                                                     comment + b"<sheets>"))
    copy = copy_of(source, tmp_path / "retur")
    workbook = parts(copy)["xl/workbook.xml"]
    assert workbook.count(comment) == 2  # both comments as they were
    ET.fromstring(workbook)
    names = [name for name, _, _ in sheets(copy)]
    assert names[active_tab(copy)] == "Valideringsrapport" and audit.errors(copy) == []


def _strict(source: Path, target: Path) -> Path:
    data = parts(source)
    for name in list(data):
        if name.endswith((".xml", ".rels")):
            data[name] = data[name].replace(MAIN.encode(), STRICT_MAIN.encode()).replace(
                REL.encode(), STRICT_REL.encode())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in data.items():
            package.writestr(name, content)
    return target


def test_a_strict_open_xml_workbook_is_refused_in_one_sentence(tmp_path):
    source = _strict(EXAMPLE_FILE, tmp_path / "strict.xlsx")
    assert not validate_file(str(source), as_of=AS_OF).unreadable  # the reader reads Strict
    with pytest.raises(CopyRefused, match="Strict Open XML"):
        copy_of(source, tmp_path / "retur")
    result = CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "retur2"),
                                       "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert "Strict Open XML" in line and not list((tmp_path / "retur2").rglob("*.xlsx"))


def test_a_hidden_sheet_named_like_the_report_is_shown(tmp_path):
    first = copy_of(EXCEL_SAVED[0], tmp_path / "1")
    hidden = patched(first, tmp_path / "skjult.xlsx", "xl/workbook.xml",
                     lambda x: x.replace(b'<sheet name="Valideringsrapport"',
                                         b'<sheet state="veryHidden" name="Valideringsrapport"'))
    assert ("Valideringsrapport", sheets(hidden)[-1][1], "veryHidden") == sheets(hidden)[-1]
    copy = copy_of(hidden, tmp_path / "2")
    name, _, state = sheets(copy)[active_tab(copy)]
    assert (name, state) == ("Valideringsrapport", "visible") and selected(copy) == ["Valideringsrapport"]


def test_the_input_is_never_changed(tmp_path):
    source = tmp_path / EXCEL_SAVED[0].name
    shutil.copyfile(EXCEL_SAVED[0], source)
    before = source.read_bytes()
    copy_of(source, tmp_path / "retur")
    assert source.read_bytes() == before
