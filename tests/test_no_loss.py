"""Nothing lost (issue 7): a batch survives broken files, and Ctrl-C leaves no half-written report."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import openpyxl

from conftest import EXAMPLE_FILE

CLI = shutil.which("dsi-xl") or "dsi-xl"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _batch(folder: Path, good: int, broken: int) -> tuple[list[Path], set[Path]]:
    files, bad = [], set()
    for i in range(good + broken):
        target = folder / f"regnskab-{i:03d}.xlsx"
        if i % ((good + broken) // broken) == 0 and len(bad) < broken:
            target.write_bytes(b"kommune;beloeb\nRanders;1050000\n" if i % 2 else b"")
            bad.add(target)
        else:
            shutil.copyfile(EXAMPLE_FILE, target)
        files.append(target)
    return files, bad


def test_fifty_files_with_five_broken_validates_the_45_and_reports_the_5(tmp_path):
    files, bad = _batch(tmp_path, good=45, broken=5)
    before = {f: _digest(f) for f in files}
    run = subprocess.run([CLI, "validate", "--format", "json", "--as-of", "2028-06-01", *map(str, files)],
                         capture_output=True, text=True)
    assert run.returncode == 2, run.stderr
    results = json.loads(run.stdout)
    assert [r["file"] for r in results] == [str(f) for f in files]
    unreadable = {Path(r["file"]) for r in results if r["status"] == "ulæselig"}
    assert unreadable == bad
    assert all(r["status"] in ("ok", "advarsler") for r in results if Path(r["file"]) not in bad)
    assert "Traceback" not in run.stderr
    assert {f: _digest(f) for f in files} == before  # no input touched


def test_ctrl_c_leaves_no_half_written_report(tmp_path):
    inputs = tmp_path / "ind"
    inputs.mkdir()
    files = []
    for i in range(600):  # long enough that the interrupt lands while files are validated
        files.append(inputs / f"kopi-{i:03d}.xlsx")
        shutil.copyfile(EXAMPLE_FILE, files[-1])
    out = tmp_path / "rapport.xlsx"
    process = subprocess.Popen([CLI, "validate", "--format", "xlsx", "--out", str(out), *map(str, files)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "ind")
    if process.returncode == 130:  # interrupted, as intended
        assert "Afbrudt" in err
        assert leftovers == []  # no report, no temporary file
    else:  # the run finished before the signal arrived: the report must then be whole
        assert process.returncode == 0 and leftovers == ["rapport.xlsx"]
        assert openpyxl.load_workbook(out).sheetnames
    assert sorted(p.name for p in inputs.iterdir()) == [f.name for f in files]
