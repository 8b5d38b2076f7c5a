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
from dsi_xl.agreement.bundle import describe
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


DATA = Path(__file__).with_name("data")


def _carried(wheel_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel_path) as archive:
        return {n.rsplit("/", 1)[1]: archive.read(n) for n in archive.namelist()
                if n.startswith("dsi_xl/agreement/data/") and n.endswith(".toml")}


#: the agreement files a wheel built with tests/data carries: tests/data's and the shipped one
TEST_AGREEMENTS = sorted({p.name for p in DATA.glob("*.toml")} | {"randers-2026.toml"})


@pytest.mark.parametrize("how", ["--agreements", "DSI_XL_AGREEMENTS"])
def test_the_wheel_carries_every_agreement_of_the_folder(tmp_path, how):
    out = tmp_path / "lite"
    args = ["dsi-xl", "lite", "--out", str(out), "--url", "https://eksempel.dk/dsi-xl"]
    env = dict(os.environ)
    if how == "--agreements":
        args += ["--agreements", str(DATA)]
    else:
        env["DSI_XL_AGREEMENTS"] = str(DATA)
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    carried = _carried(out / wheel.name())
    assert sorted(carried) == TEST_AGREEMENTS
    assert carried["made-up-2030.toml"] == (DATA / "made-up-2030.toml").read_bytes()
    assert carried["fjordby-2027.toml"] == (DATA / "fjordby-2027.toml").read_bytes()
    assert describe(dict.fromkeys(Path(name).stem for name in TEST_AGREEMENTS)) in done.stdout


def test_without_a_folder_the_wheel_carries_the_shipped_agreements(tmp_path):
    out = tmp_path / "lite"
    env = {k: v for k, v in os.environ.items() if k != "DSI_XL_AGREEMENTS"}
    done = subprocess.run(["dsi-xl", "lite", "--out", str(out), "--url", "https://eksempel.dk/dsi-xl"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(_carried(out / wheel.name())) == ["randers-2026.toml"]
    assert (out / wheel.name()).read_bytes() == wheel.build()


def test_a_folder_agreement_replaces_a_shipped_one_of_the_same_id(tmp_path):
    from dsi_xl.agreement.bundle import collect

    (tmp_path / "randers-2026.toml").write_bytes((DATA.parent.parent / "src/dsi_xl/agreement/data/randers-2026.toml")
                                                 .read_bytes() + b"\n# DSI's own copy\n")
    assert collect(tmp_path)["randers-2026"].endswith(b"# DSI's own copy\n")


def test_a_broken_agreement_stops_the_build_in_one_danish_sentence(tmp_path):
    (tmp_path / "forkert.toml").write_text((DATA / "made-up-2030.toml").read_text(encoding="utf-8"))
    done = subprocess.run(["dsi-xl", "lite", "--out", str(tmp_path / "lite"), "--url", "https://eksempel.dk/x",
                           "--agreements", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "forkert.toml" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "lite").exists()


@pytest.mark.parametrize("url, words", [
    ("https://eksempel.dk/dsi-xl/dsi_xl-0.1.0-py3-none-any.whl", ["mappe", "https://eksempel.dk/dsi-xl."]),
    ("https://", ["værtsnavn"]),
    ("https:///dsi-xl", ["værtsnavn"]),
    ("http://eksempel.dk/dsi-xl", ["https://"]),
    ("ftp://eksempel.dk/dsi-xl", ["https://"]),
    ("https://eksempel.dk/dsi-xl?v=1", ["?"]),
    ("https://eksempel.dk/requirements.txt", ["ikke på en fil"]),
])
def test_the_command_refuses_an_address_that_is_no_folder(tmp_path, url, words):
    done = subprocess.run(["dsi-xl", "lite", "--out", str(tmp_path / "lite"), "--url", url],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert all(w in done.stderr for w in words), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "lite").exists()


@pytest.mark.parametrize("url", ["https://eksempel.dk", "https://eksempel.dk/", "https://eksempel.dk/a/v1.2/",
                                 "http://localhost:8000/dsi-xl", "http://127.0.0.1/x"])
def test_folder_addresses_are_taken(tmp_path, url):
    done = subprocess.run(["dsi-xl", "lite", "--out", str(tmp_path / "lite"), "--url", url],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "lite" / "requirements.txt").read_text() == f"{url.rstrip('/')}/{wheel.name()}\n"
