"""xlwings Lite on CPython: addin/lite/main.py, the `dsi-xl lite` command and the Lite wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dsi_xl.addin import wheel
from dsi_xl.cli.lite import MAIN

LITE = Path(__file__).resolve().parents[1] / "addin" / "lite"
MOVED_OUT = ("openpyxl", "click", "rich", "olefile", "defusedxml")  # not on the Lite path (defusedxml: files only)

PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import xlwings.server
import main, dsi_xl.udfs
print(json.dumps({
    "functions": sorted(f["name"] for f in xlwings.server.custom_functions_meta(main)["functions"]),
    "udfs": sorted(f["name"] for f in xlwings.server.custom_functions_meta(dsi_xl.udfs)["functions"]),
    "scripts": sorted(s["function_name"] for s in xlwings.server.custom_scripts_meta(main)),
    "modules": sorted({m.split(".")[0] for m in sys.modules}),
}))
"""


@pytest.fixture(scope="module")
def probed():
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(LITE)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_main_registers_every_dsi_function_and_the_validate_script(probed):
    assert probed["functions"] == probed["udfs"]
    assert len(probed["functions"]) >= 16 and all(n.startswith("DSI_") for n in probed["functions"])
    assert probed["scripts"] == ["validate"]


def test_the_lite_path_imports_none_of_the_moved_out_dependencies(probed):
    assert "dsi_xl" in probed["modules"] and "xlwings" in probed["modules"]
    assert not set(probed["modules"]) & set(MOVED_OUT), sorted(set(probed["modules"]) & set(MOVED_OUT))


def test_the_committed_main_py_is_what_the_command_writes():
    assert (LITE / "main.py").read_text(encoding="utf-8") == MAIN
    assert (LITE / "requirements.txt").read_text(encoding="utf-8").strip().endswith("/" + wheel.name())


def test_two_builds_are_byte_identical_and_the_epoch_is_honoured():
    assert wheel.build(epoch=1_700_000_000) == wheel.build(epoch=1_700_000_000)
    assert wheel.build(epoch=1_700_000_000) != wheel.build(epoch=1_800_000_000)


def test_the_wheel_is_pure_and_asks_only_for_the_lite_dependencies(tmp_path):
    path = tmp_path / wheel.name()
    path.write_bytes(wheel.build())
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        metadata = archive.read(f"dsi_xl-{wheel.dsi_xl.__version__}.dist-info/METADATA").decode()
        assert archive.testzip() is None
    assert "dsi_xl/udfs/__init__.py" in names and "dsi_xl/agreement/data/randers-2026.toml" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    requires = [line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist")]
    assert [r.split(">")[0] for r in requires] == ["python-stdnum", "defusedxml"]
    assert wheel.name().endswith("-py3-none-any.whl")


def test_the_command_writes_the_three_files(tmp_path):
    out = tmp_path / "lite"
    done = subprocess.run(["dsi-xl", "lite", "--out", str(out), "--url", "https://eksempel.dk/dsi-xl/"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(["main.py", "requirements.txt", wheel.name()])
    assert (out / "requirements.txt").read_text() == f"https://eksempel.dk/dsi-xl/{wheel.name()}\n"
    assert (out / "main.py").read_text(encoding="utf-8") == MAIN
    assert "Skrevet i" in done.stdout


def test_the_command_refuses_a_plain_http_address(tmp_path):
    done = subprocess.run(["dsi-xl", "lite", "--out", str(tmp_path), "--url", "http://eksempel.dk"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "https://" in done.stderr and "Traceback" not in done.stderr


def test_source_date_epoch_sets_the_entry_times(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert wheel.build() == wheel.build(epoch=1_700_000_000)
    with zipfile.ZipFile(__import__("io").BytesIO(wheel.build())) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
