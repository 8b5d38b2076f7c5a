"""A folder of submissions as DSI receives it (issue 29, case 6): walked without following links
out of it and without a recursion limit; a FIFO, a device, a dangling link, a second link to the
same file and a folder that cannot be read are each reported as their own ``ulæselig`` line while
every other file is validated; nothing outside the folder is read or hashed."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dsi_xl import batch
from validate_files import AS_OF, example

HANG_GUARD = 120  # seconds: a read of a FIFO used to wait forever


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dsi_xl", "validate", *map(str, args), "--format", "json",
                           "--as-of", AS_OF.isoformat()], capture_output=True, text=True, timeout=HANG_GUARD)


def by_file(done: subprocess.CompletedProcess) -> dict[str, dict]:
    assert "Traceback" not in done.stderr, done.stderr
    return {Path(item["file"]).name: item for item in json.loads(done.stdout)}


def reason(item: dict) -> str:
    assert item["status"] == "ulæselig", item
    (finding,) = item["findings"]
    return finding["message"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_special_files_and_links_are_each_reported_and_the_rest_validated(tmp_path):
    inbox = tmp_path / "indbakke"
    inbox.mkdir()
    good = example(inbox, "god.xlsx")
    os.mkfifo(inbox / "roer.xlsx")
    (inbox / "nul.xlsx").symlink_to("/dev/zero")
    (inbox / "passwd.xlsx").symlink_to("/etc/passwd")
    (inbox / "væk.xlsx").symlink_to(inbox / "findes-ikke.xlsx")
    (inbox / "igen.xlsx").symlink_to(good)
    (inbox / "ude").symlink_to("/etc")
    done = run(inbox)
    assert done.returncode == 2, done.stderr
    items = by_file(done)
    assert items["god.xlsx"]["status"] in ("ok", "advarsler") and items["god.xlsx"]["sha256"]
    assert "almindelig fil" in reason(items["roer.xlsx"])
    assert "uden for mappen" in reason(items["nul.xlsx"]) and "uden for mappen" in reason(items["passwd.xlsx"])
    assert "uden for mappen" in reason(items["ude"])
    assert items["passwd.xlsx"]["sha256"] is None  # nothing outside the folder is read, not even hashed
    assert "ikke findes" in reason(items["væk.xlsx"])
    assert "den samme som" in reason(items["igen.xlsx"]) and "god.xlsx" in reason(items["igen.xlsx"])
    assert len(items) == 7


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_device_given_by_name_is_unreadable_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "roer.xlsx")
    (tmp_path / "nul.xlsx").symlink_to("/dev/zero")
    items = by_file(run(tmp_path / "roer.xlsx", tmp_path / "nul.xlsx"))
    assert "almindelig fil" in reason(items["roer.xlsx"]) and "almindelig fil" in reason(items["nul.xlsx"])
    assert items["roer.xlsx"]["sha256"] is None and items["nul.xlsx"]["sha256"] is None


def test_a_folder_that_cannot_be_read_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "lukket").mkdir()
    example(tmp_path / "a", "x.xlsx")
    scandir = os.scandir

    def refusing(path):
        if Path(path).name == "lukket":  # root reads a mode-000 folder, so the refusal is simulated
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(batch.os, "scandir", refusing)
    found = batch.workbooks([tmp_path])
    assert [Path(p).name for p in found] == ["x.xlsx", "lukket"]
    assert isinstance(found[1], batch.Skipped) and "Mappen kan ikke læses (Permission denied)" in found[1].reason
    (result,) = batch.validate_files([found[1]], jobs=1)
    assert result.unreadable and "Mappen kan ikke læses" in result.findings[0].message


def test_folders_nested_deeper_than_python_recurses_are_walked(tmp_path):
    """The walk keeps its own stack: with Python's recursion limit set just above the caller's
    depth, a folder 200 levels deep is still walked (os.walk of Python 3.11 recursed once per
    level: 1,100 nested folders ended in a RecursionError). No deeper tree is made, as pytest's
    own clean-up of tmp_path recurses."""
    deep = tmp_path.joinpath(*["d"] * 200)
    deep.mkdir(parents=True)
    example(deep, "bund.xlsx")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 60)
    try:
        found = batch.workbooks([tmp_path])
    finally:
        sys.setrecursionlimit(limit)
    assert [Path(p).name for p in found] == ["bund.xlsx"] and found[0].count(os.sep + "d") == 200


def test_skipped_entries_survive_the_process_pool(tmp_path):
    skipped = batch.Skipped(str(tmp_path / "x.xlsx"), "Stien er ikke en almindelig fil.")
    paths = [skipped] + [str(example(tmp_path, f"{n}.xlsx")) for n in range(batch.IN_PROCESS_BELOW)]
    results = batch.validate_files(paths, jobs=2, as_of=AS_OF)
    assert results[0].unreadable and results[0].findings[0].message == "Stien er ikke en almindelig fil."
    assert not any(r.unreadable for r in results[1:])
