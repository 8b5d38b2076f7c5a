"""The built add-in (addin/dsi_xl.xlam): a valid package, a ribbon whose button reaches
dsi_xl.main() through xlwings' own VBA, the configuration sheet, no machine traces, and a
reproducible build. The VBA is read from the real file with oletools' olevba."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
from defusedxml import ElementTree
from oletools.olevba import VBA_Parser, decompress_stream

from dsi_xl.addin import (
    ADDIN_FILE,
    CONFIG_SHEET,
    PROJECT_NAME,
    AddinError,
    build,
    package,
    reader,
    runpython_command,
    runpython_module,
    sheet,
    template_path,
)

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "addin" / ADDIN_FILE
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
UI = "{http://schemas.microsoft.com/office/2006/01/customui}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build.build(tmp_path_factory.mktemp("addin") / ADDIN_FILE)


@pytest.fixture(scope="module")
def parts(built) -> dict[str, bytes]:
    return package.read(built)


@pytest.fixture(scope="module")
def vba(built) -> dict[str, str]:
    """VBA module name -> source, from the built add-in."""
    parser = VBA_Parser(str(built))
    try:
        assert parser.detect_vba_macros()
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _procedure(vba: dict[str, str], callback: str) -> str:
    """The body of a ribbon callback "Module.Sub" (or "Sub"), failing if it does not exist."""
    module, _, name = callback.rpartition(".")
    candidates = {module: vba[module]} if module else vba
    for code in candidates.values():
        match = re.search(rf"^[ \t]*(?:Public[ \t]+)?Sub[ \t]+{re.escape(name)}[ \t]*\(\s*\w+[ \t]+As[ \t]+IRibbonControl\s*\)"
                          rf"(.*?)^[ \t]*End Sub", code, re.M | re.S | re.I)
        if match:
            return match.group(1)
    raise AssertionError(f"no Sub {callback}(control As IRibbonControl) in the VBA project")


# --- a valid OOXML package ---------------------------------------------------------------

def test_zip_is_sound_and_content_types_cover_every_part(built, parts):
    with zipfile.ZipFile(built) as archive:
        assert archive.testzip() is None
    types = ElementTree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName") for o in types.iter(f"{CT}Override")}
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        assert f"/{name}" in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
    assert all(o.lstrip("/") in parts for o in overrides)
    assert "/xl/workbook.xml" in overrides


def test_every_relationship_target_exists(parts):
    rels = [n for n in parts if n.endswith(".rels")]
    assert "_rels/.rels" in rels and "xl/_rels/workbook.xml.rels" in rels
    for name in rels:
        source_dir = posixpath.dirname(posixpath.dirname(name))
        for rel in ElementTree.fromstring(parts[name]).iter(f"{REL}Relationship"):
            assert rel.get("TargetMode") != "External", (name, rel.get("Target"))
            target = rel.get("Target")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_dir, target))
            assert path in parts, (name, target)


def test_every_xml_part_is_well_formed(parts):
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(data)


# --- the ribbon and the VBA it calls ----------------------------------------------------

def test_ribbon_has_the_dsi_tab_with_a_large_danish_button(parts):
    root = ElementTree.fromstring(parts["customUI/customUI.xml"])
    tabs = list(root.iter(f"{UI}tab"))
    assert [t.get("label") for t in tabs] == ["DSI"]
    groups = list(tabs[0].iter(f"{UI}group"))
    assert [g.get("label") for g in groups] == ["Regnskab"]
    (button,) = groups[0].iter(f"{UI}button")
    assert button.get("label") == "Validér regnskab" and button.get("size") == "large"
    assert button.get("screentip") == "Validér regnskab"
    assert "Valideringsrapport" in button.get("supertip") and "aktive projektmappe" in button.get("supertip")


def test_every_on_action_names_a_ribbon_procedure_of_the_vba_project(parts, vba):
    actions = [e.get("onAction") for e in ElementTree.fromstring(parts["customUI/customUI.xml"]).iter()
               if e.get("onAction")]
    assert actions == ["RibbonMyAddin.RunMain"]
    for action in actions:
        _procedure(vba, action)
    with pytest.raises(AssertionError):
        _procedure(vba, "RibbonMyAddin.NoSuchSub")


def _evaluate_vba_concatenation(expression: str, variables: dict[str, str]) -> str:
    """Evaluate a VBA string expression of literals and variables joined by '&'."""
    out = []
    for token in re.findall(r'"(?:[^"]|"")*"|\w+', expression):
        out.append(token[1:-1].replace('""', '"') if token.startswith('"') else variables[token])
    return "".join(out)


def test_the_button_runs_dsi_xl_main_for_an_addin_named_dsi_xl_xlam(vba, monkeypatch):
    body = _procedure(vba, "RibbonMyAddin.RunMain")
    assignment = re.search(r"^\s*(\w+)\s*=\s*(.+)$", body, re.M)
    variable, derivation = assignment.group(1), assignment.group(2).strip()
    # the module is the add-in's file name up to its last dot, which runpython_module mirrors
    assert re.sub(r"\s", "", derivation) == 'Left(ThisWorkbook.Name,(InStrRev(ThisWorkbook.Name,".",-1,vbTextCompare)-1))'
    call = re.search(r"^\s*RunPython\s+(.+)$", body, re.M).group(1)
    command = _evaluate_vba_concatenation(call, {variable: runpython_module(ADDIN_FILE)})
    assert command == runpython_command(ADDIN_FILE) == "import dsi_xl;dsi_xl.main()"
    assert runpython_module("a.b.xlam") == "a.b" and runpython_module("dsi_xl.xlam") == "dsi_xl"

    import dsi_xl.excel

    called = []
    monkeypatch.setattr(dsi_xl.excel, "main", lambda: called.append("active workbook"))
    exec(compile(command, "RunPython", "exec"), {})
    assert called == ["active workbook"]


def test_runpython_makes_the_active_workbook_the_caller(vba):
    code = vba["xlwings"]
    # classic RunPython: the workbook passed to Book.caller() is the active one, not the add-in
    assert re.search(r'" --wb=" & """" & ActiveWorkbook\.Name & """', code)
    assert re.search(r'"BOOK_CALLER", ActiveWorkbook\b', code)


# --- the configuration sheet -------------------------------------------------------------

def test_configuration_sheet_is_the_one_xlwings_reads_and_holds_dsi_xl_udfs(parts, vba):
    code = vba["xlwings"]
    assert f'Public Const PROJECT_NAME As String = "{PROJECT_NAME}"' in code
    assert 'wb.Sheets(PROJECT_NAME & ".conf")' in code
    names = [s.get("name") for s in ElementTree.fromstring(parts["xl/workbook.xml"]).iter()
             if s.tag.endswith("}sheet")]
    assert names == [CONFIG_SHEET] == ["myaddin.conf"]
    settings = sheet.read(parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"])
    assert settings["UDF MODULES"] == "dsi_xl.udfs"
    assert settings["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"
    assert "INTERPRETER_WIN" not in settings  # left to the user's config file or install
    import dsi_xl.udfs

    assert any(n.startswith("DSI_") for n in dir(dsi_xl.udfs))


def test_config_source_is_readable_without_build_values():
    from dsi_xl.addin import sources

    config = sources.config()  # as install reads it for the UDF import
    assert config.setting("udf modules") == "dsi_xl.udfs"
    assert "{xlwings_version}" in config.description
    assert "xlwings 1.2.3" in sources.config(xlwings_version="1.2.3").description


def test_install_build_names_the_interpreter(tmp_path):
    path = build.build(tmp_path / ADDIN_FILE, interpreter=r"C:\Program Files\Python311\python.exe")
    found = reader.read(path)
    assert found.settings["INTERPRETER_WIN"] == r"C:\Program Files\Python311\python.exe"
    assert found.settings["UDF MODULES"] == "dsi_xl.udfs"
    assert found.xlwings_version == build.xlwings_version()


def test_vba_project_is_xlwings_own_byte_for_byte(parts):
    assert parts["xl/vbaProject.bin"] == package.read(template_path())["xl/vbaProject.bin"]


# --- nothing from a developer's machine --------------------------------------------------

TRACES = (b"C:\\Users", b"/Users/", b"file:///", b"absPath")


def test_no_part_carries_a_developers_path(parts):
    for name, data in parts.items():
        for trace in TRACES:
            assert trace not in data, (name, trace)
    assert b"absPath" in package.read(template_path())["xl/workbook.xml"]  # the template had one


def test_vba_sources_name_no_real_user_folder(vba):
    for name, code in vba.items():
        assert not re.search(r"[A-Za-z]:\\Users\\(?!<)", code), name
        assert not re.search(r"/Users/(?!<)", code), name


def test_the_only_path_inside_the_vba_binary_is_the_msforms_type_cache(parts, tmp_path):
    """xlwings' VBA project keeps, in its compressed dir stream, the path where the build machine
    cached the MSForms type library (%TEMP%\\VBE\\MSForms.exd). It is a cache hint that Excel
    resolves per machine; the binary is not edited (see README). Any other path fails here."""
    binary = tmp_path / "vbaProject.bin"
    binary.write_bytes(parts["xl/vbaProject.bin"])
    with olefile.OleFileIO(str(binary)) as ole:
        directory = decompress_stream(bytearray(ole.openstream("VBA/dir").read()))
        project = ole.openstream("PROJECT").read()
    paths = re.findall(rb"[A-Za-z]:\\Users\\[^#\x00]*", bytes(directory))
    assert all(re.fullmatch(rb"[A-Za-z]:\\Users\\[^\\]+\\AppData\\Local\\Temp\\VBE\\MSForms\.exd", p) for p in paths), paths
    assert b"Users" not in project


# --- reproducible ------------------------------------------------------------------------

def test_building_twice_gives_identical_bytes(built, tmp_path):
    again = build.build(tmp_path / ADDIN_FILE)
    assert again.read_bytes() == built.read_bytes() == build.build_bytes()
    with zipfile.ZipFile(again) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {(i.date_time, i.compress_type) for i in infos} == {((1980, 1, 1, 0, 0, 0), zipfile.ZIP_DEFLATED)}


def committed_matches_installed_xlwings() -> None:
    """Skip when the committed add-in carries another xlwings' VBA than the one installed: then
    no fresh build can equal it (rebuild and commit after changing the xlwings pin)."""
    assert COMMITTED.is_file(), "addin/dsi_xl.xlam is missing: run dsi-xl addin build"
    committed = reader.read(COMMITTED).xlwings_version
    if committed != build.xlwings_version():
        pytest.skip(f"addin/dsi_xl.xlam was built with xlwings {committed}, installed is {build.xlwings_version()}")


def test_committed_addin_equals_a_fresh_build(built):
    committed_matches_installed_xlwings()
    assert COMMITTED.read_bytes() == built.read_bytes(), (
        "addin/dsi_xl.xlam differs from a fresh build (sources or xlwings changed): run dsi-xl addin build")


def test_the_file_must_be_called_dsi_xl_xlam(tmp_path):
    with pytest.raises(AddinError, match="skal hedde dsi_xl.xlam"):
        build.build(tmp_path / "regnskab.xlam")
    assert not (tmp_path / "regnskab.xlam").exists()


def test_a_ribbon_calling_an_unknown_procedure_is_refused(monkeypatch):
    from dsi_xl.addin import sources

    original = sources.ribbon_bytes()
    monkeypatch.setattr(sources, "ribbon_bytes", lambda: original.replace(b"RibbonMyAddin.RunMain", b"Ribbon.Nope"))
    with pytest.raises(AddinError, match="Ribbon.Nope"):
        build.build_bytes()


def test_rebuilds_from_the_package_as_a_wheel_ships_it(tmp_path):
    """setuptools' build_py (what a wheel holds) copies the ribbon and config sources, and the
    copied package alone rebuilds the same add-in."""
    for item in ("pyproject.toml", "README.md"):
        (tmp_path / item).write_bytes((ROOT / item).read_bytes())
    subprocess.run(["cp", "-r", str(ROOT / "src"), str(tmp_path / "src")], check=True)
    lib = tmp_path / "lib"
    subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "build_py", "--build-lib", str(lib)],
                   cwd=tmp_path, check=True, capture_output=True)
    assert (lib / "dsi_xl" / "addin" / "customUI.xml").is_file() and (lib / "dsi_xl" / "addin" / "config.xml").is_file()
    out = tmp_path / "out" / ADDIN_FILE
    code = f"from dsi_xl.addin import build; build.build(__import__('pathlib').Path({str(out)!r}))"
    subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(lib)!r}); {code}"],
                   check=True, cwd=tmp_path)
    assert out.read_bytes() == build.build_bytes()
