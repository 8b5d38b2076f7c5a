"""A name of the spec defined twice, or also in another case, is a fejl naming both definitions
(issue 15): Excel's names are case-insensitive, so such a file is ambiguous."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dsi_xl.validation.engine import validate_file
from dsi_xl.workbook.reader import read
from validate_files import AS_OF, example


def _with_names(folder: Path, extra: bytes, drop_cvr: bool = False) -> Path:
    path = example(folder)
    with zipfile.ZipFile(path) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            if info.filename == "xl/workbook.xml":
                if drop_cvr:
                    data = data.replace(b"<definedName name=\"DSI_CVR\">'Stamdata'!$B$5</definedName>", b"")
                data = data.replace(b"</definedNames>", extra + b"</definedNames>")
            package.writestr(info, data)
    return path


def _findings(path: Path, rule: str):
    return [f for f in validate_file(str(path), as_of=AS_OF).findings if f.rule == rule]


def test_a_name_defined_twice_is_a_fejl_naming_both(tmp_path):
    path = _with_names(tmp_path, b"<definedName name=\"DSI_CVR\">'Stamdata'!$B$6</definedName>")
    assert read(path).name_clashes == (("DSI_CVR", "'Stamdata'!$B$5", "DSI_CVR", "'Stamdata'!$B$6"),)
    (finding,) = _findings(path, "STRUKTUR-06")
    assert finding.severity == "fejl" and "$B$5" in finding.message and "$B$6" in finding.message


def test_a_case_variant_is_a_fejl_naming_both(tmp_path):
    path = _with_names(tmp_path, b"<definedName name=\"dsi_cvr\">'Stamdata'!$B$6</definedName>")
    (finding,) = _findings(path, "STRUKTUR-06")
    assert finding.name == "DSI_CVR" and "to gange" in finding.message and "$B$6" in finding.message


def test_a_lone_case_variant_is_named_in_the_missing_name_finding(tmp_path):
    path = _with_names(tmp_path, b"<definedName name=\"dsi_cvr\">'Stamdata'!$B$5</definedName>", drop_cvr=True)
    missing = [f for f in _findings(path, "STRUKTUR-04") if f.name == "DSI_CVR"]
    assert missing and "dsi_cvr" in missing[0].message


def test_the_example_has_no_clash(tmp_path):
    assert read(example(tmp_path)).name_clashes == ()
    assert _findings(example(tmp_path, "b.xlsx"), "STRUKTUR-06") == []
