"""The built add-in (addin/dsi_xl.xlam): a valid package, a ribbon whose button reaches
dsi_xl.main() through xlwings' own VBA, the configuration sheet, no machine traces, and a
reproducible build. The VBA is read from the real file with oletools' olevba."""

from __future__ import annotations

import io
import logging
import posixpath
import re
import struct
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
    config_sheet,
    contents,
    runpython_command,
    runpython_module,
    template_path,
    xlam,
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
    return xlam.read(built)


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
        match = re.search(
            rf"^[ \t]*(?:Public[ \t]+)?Sub[ \t]+{re.escape(name)}[ \t]*\(\s*\w+[ \t]+As[ \t]+IRibbonControl\s*\)"
            rf"(.*?)^[ \t]*End Sub",
            code,
            re.M | re.S | re.I,
        )
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
            path = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_dir, target))
            )
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
    assert (
        re.sub(r"\s", "", derivation) == 'Left(ThisWorkbook.Name,(InStrRev(ThisWorkbook.Name,".",-1,vbTextCompare)-1))'
    )
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
    settings = config_sheet.read(parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"])
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
    found = contents.read(path)
    assert found.settings["INTERPRETER_WIN"] == r"C:\Program Files\Python311\python.exe"
    assert found.settings["UDF MODULES"] == "dsi_xl.udfs"
    assert found.xlwings_version == build.xlwings_version()


# --- the VBA project: xlwings' own, less one cache path -----------------------------------

MSFORMS_CACHE = rb"C:\Users\felix\AppData\Local\Temp\VBE\MSForms.exd"  # in xlwings 0.37.8's template


def ole_streams(data: bytes) -> dict[str, bytes]:
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        return {"/".join(path): ole.openstream(path).read() for path in ole.listdir()}


@pytest.fixture(scope="module")
def template_vba() -> bytes:
    return xlam.read(template_path())["xl/vbaProject.bin"]


def test_vba_project_differs_from_xlwings_only_in_its_dir_stream(parts, template_vba):
    ours, theirs = ole_streams(parts["xl/vbaProject.bin"]), ole_streams(template_vba)
    assert set(ours) == set(theirs) and len(parts["xl/vbaProject.bin"]) == len(template_vba)
    assert [name for name in theirs if ours[name] != theirs[name]] == ["VBA/dir"]
    assert len(ours["VBA/dir"]) == len(theirs["VBA/dir"])  # same sectors, nothing moved


def test_dir_stream_loses_only_the_msforms_cache_path(parts, template_vba):
    """Read with oletools' decompressor, the dir stream is xlwings' with the extended Libid's path
    emptied and the record's SizeExtended and SizeOfLibidExtended shortened by as much."""
    theirs = decompress_stream(bytearray(ole_streams(template_vba)["VBA/dir"]))
    ours = decompress_stream(bytearray(ole_streams(parts["xl/vbaProject.bin"])["VBA/dir"]))
    libid = rb"*\G{0A322D97-3EB1-4A1B-B6B9-11AD3C432547}#2.0#0#%s#Microsoft Forms 2.0 Object Library"
    cut = len(MSFORMS_CACHE)
    old = struct.pack("<II", 162, 132) + libid % MSFORMS_CACHE
    new = struct.pack("<II", 162 - cut, 132 - cut) + libid % b""
    assert bytes(theirs).count(old) == 1
    assert bytes(ours) == bytes(theirs).replace(old, new)


def test_olevba_reads_the_same_project_from_both(parts, template_vba, tmp_path, caplog):
    """oletools walks every record of the dir stream; the references it logs, the modules it finds
    and their code are the same, it warns of nothing, and pcodedmp (a third parser of the dir
    stream) disassembles the same p-code, which still matches the source (no "VBA stomping")."""
    template, built = tmp_path / "template.bin", tmp_path / "built.bin"
    template.write_bytes(template_vba)
    built.write_bytes(parts["xl/vbaProject.bin"])

    def read(path) -> tuple[list[str], list, str]:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="olevba"):
            parser = VBA_Parser(str(path))
            try:
                macros = [(stream, name, code) for _, stream, name, code in parser.extract_macros()]
                assert parser.detect_vba_stomping() is False
                pcode = parser.pcodedmp_output.split("\n", 1)[1]  # less "Processing file: <path>"
            finally:
                parser.close()
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name == "olevba"]
        return [m for m in caplog.messages if m.startswith("REFERENCE")], macros, pcode

    (their_refs, their_macros, their_pcode), (our_refs, our_macros, our_pcode) = read(template), read(built)
    assert our_macros == their_macros and len(our_macros) == 5
    assert our_refs == their_refs and any("MSForms" in line for line in our_refs)
    assert our_pcode == their_pcode and '".main()"' in our_pcode  # RunMain's p-code, among the rest


# --- nothing from a developer's machine --------------------------------------------------

TRACES = (b"C:\\Users", b"/Users/", b"file:///", b"absPath")


def test_no_part_carries_a_developers_path(parts):
    for name, data in parts.items():
        for trace in TRACES:
            assert trace not in data, (name, trace)
    assert b"absPath" in xlam.read(template_path())["xl/workbook.xml"]  # the template had one


def test_vba_sources_name_no_real_user_folder(vba):
    for name, code in vba.items():
        assert not re.search(r"[A-Za-z]:\\Users\\(?!<)", code), name
        assert not re.search(r"/Users/(?!<)", code), name


def test_no_user_folder_in_any_stream_of_the_vba_project(parts, template_vba):
    """Every stream raw, the dir stream and each module's source decompressed: no user folder,
    in ANSI or UTF-16. The template had one (the MSForms type cache of xlwings' build machine)."""

    def texts(data: bytes):
        streams = ole_streams(data)
        yield from streams.values()
        yield decompress_stream(bytearray(streams["VBA/dir"]))

    user_folder = re.compile(
        rb"[A-Za-z]:\\(?:Users|Documents and Settings)\\|" + re.escape("Users\\".encode("utf-16-le")), re.I
    )
    assert any(user_folder.search(bytes(t)) for t in texts(template_vba))
    for text in texts(parts["xl/vbaProject.bin"]):
        assert not user_folder.search(bytes(text))


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
    committed = contents.read(COMMITTED).xlwings_version
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
