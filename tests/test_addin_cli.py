"""dsi-xl addin build / status / install as a user runs them (Linux here: no Excel)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dsi_xl.addin import ADDIN_FILE, paths
from dsi_xl.cli import main
from test_addin import committed_matches_installed_xlwings

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "addin" / ADDIN_FILE
linux_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="checks the message on systems without Excel")


def test_build_writes_the_committed_bytes(tmp_path):
    committed_matches_installed_xlwings()
    out = tmp_path / "sub" / ADDIN_FILE
    result = CliRunner().invoke(main, ["addin", "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == COMMITTED.read_bytes()


def test_build_refuses_another_file_name(tmp_path):
    result = CliRunner().invoke(main, ["addin", "build", "--out", str(tmp_path / "andet.xlam")])
    assert result.exit_code == 2
    assert "skal hedde dsi_xl.xlam" in result.output
    assert not (tmp_path / "andet.xlam").exists()


@linux_only
def test_install_on_linux_exits_2_with_a_danish_sentence():
    result = CliRunner().invoke(main, ["addin", "install"])
    assert result.exit_code == 2
    assert "virker kun på Windows" in result.output and "xlwings Lite" in result.output


@linux_only
def test_status_on_linux_says_what_it_can(monkeypatch):
    committed_matches_installed_xlwings()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["addin", "status"])
    assert result.exit_code == 0, result.output
    import xlwings

    import dsi_xl

    assert f"xlwings (Python-pakken): {xlwings.__version__}" in result.output
    assert f"dsi-xl: {dsi_xl.__version__}" in result.output
    assert "installeres kun på Windows" in result.output
    assert "samme bytes som en ny build" in result.output


def test_windows_locations_follow_the_environment():
    environ = {"APPDATA": "/home/u/AppData/Roaming", "USERPROFILE": "/home/u"}
    assert paths.xlstart(environ) == Path("/home/u/AppData/Roaming/Microsoft/Excel/XLSTART")
    assert paths.installed_addin(environ).name == ADDIN_FILE
    assert paths.xlwings_addin(environ).name == "xlwings.xlam"
    assert paths.user_config(environ) == Path("/home/u/.myaddin/myaddin.conf")
    assert paths.xlstart({}) is None


def test_status_reports_an_installed_addin(monkeypatch, tmp_path):
    """The Windows branch of status, pointed at a fake APPDATA holding a built add-in."""
    from dsi_xl.addin import build, status

    appdata = tmp_path / "Roaming"
    build.build(appdata / "Microsoft" / "Excel" / "XLSTART" / ADDIN_FILE, interpreter=r"C:\Python311\python.exe")
    monkeypatch.setattr(paths, "is_windows", lambda: True)
    monkeypatch.setattr(paths, "trust_vba_object_model", lambda: False)
    monkeypatch.chdir(tmp_path)
    text = "\n".join(status.lines({"APPDATA": str(appdata), "USERPROFILE": str(tmp_path)}))
    assert f"{ADDIN_FILE}: installeret i" in text
    assert r"INTERPRETER_WIN = C:\Python311\python.exe (findes: nej)" in text
    assert "UDF MODULES = dsi_xl.udfs" in text
    assert "xlwings.xlam (xlwings' eget tilføjelsesprogram): ikke installeret" in text
    assert "ikke tilladt" in text


def test_install_builds_for_this_python_and_explains_a_missing_trust_setting(monkeypatch, tmp_path):
    """install's own logic, with only the Excel step (COM) replaced: the copy in XLSTART names this
    Python, and a refused VBA import leaves the add-in installed with the Trust Center advice."""
    from dsi_xl.addin import contents, install

    monkeypatch.setattr(paths, "is_windows", lambda: True)

    def refused(path):
        raise RuntimeError("Programmatic access to Visual Basic Project is not trusted")

    monkeypatch.setattr(install, "_import_functions", refused)
    installed = install.install(tmp_path / "XLSTART")
    assert installed.path == tmp_path / "XLSTART" / ADDIN_FILE and not installed.functions_imported
    assert contents.read(installed.path).settings["INTERPRETER_WIN"] == sys.executable
    assert "objektmodellen for VBA-projekter" in installed.message and "dsi-xl addin install igen" in installed.message

    monkeypatch.setattr(install, "_import_functions", lambda path: None)
    assert install.install(tmp_path / "XLSTART").functions_imported
