"""A run over thousands of files (issue 29, case 7): the outputs' pre-check looks at each path a
bounded number of times (it compared every output with every input: 1,000 files took 49.6 s before
anything was validated), and ``--jobs`` never starts more workers than there are cores. Speed
itself is measured by bench/annotate_scale.py, not asserted here."""

from __future__ import annotations

import os
from pathlib import Path

from dsi_xl import batch
from dsi_xl.report import copy_paths
from validate_files import AS_OF, example


def _lookups(monkeypatch, tmp_path: Path, count: int) -> int:
    """How many stat and lstat calls the pre-check makes for ``count`` inputs in four folders."""
    files = [str(tmp_path / f"k{n % 4}" / f"{n}.xlsx") for n in range(count)]
    copies = copy_paths.copy_targets(files, str(tmp_path / "retur"))
    calls = 0
    stat, lstat = os.stat, os.lstat

    def counted(original):
        def call(*args, **kwargs):
            nonlocal calls
            calls += 1
            return original(*args, **kwargs)
        return call

    monkeypatch.setattr(os, "stat", counted(stat))
    monkeypatch.setattr(os, "lstat", counted(lstat))
    try:
        copy_paths.check_outputs(files, str(tmp_path / "oversigt.xlsx"), copies)
    finally:
        monkeypatch.undo()
    return calls


def test_the_outputs_check_is_linear_in_the_files(tmp_path, monkeypatch):
    small, large = _lookups(monkeypatch, tmp_path, 100), _lookups(monkeypatch, tmp_path, 400)
    assert 0 < small and large <= 4.5 * small, (small, large)  # quadratic would be 16 times


def test_the_linear_check_still_refuses_every_collision(tmp_path):
    (tmp_path / "ind").mkdir()
    a = example(tmp_path / "ind", "a.xlsx")
    (tmp_path / "link").symlink_to(tmp_path / "ind")
    for out, copies, expected in (
        (str(a), {}, "er en af inputfilerne"),
        (str(tmp_path / "link" / "a.xlsx"), {}, "er en af inputfilerne"),
        (None, {str(a): tmp_path / "link" / "a.xlsx"}, "inputfilen"),
        (str(tmp_path / "r.xlsx"), {str(a): tmp_path / "r.xlsx"}, "begge"),
    ):
        try:
            copy_paths.check_outputs([str(a)], out, copies)
        except ValueError as error:
            assert expected in str(error)
        else:
            raise AssertionError((out, copies))


def test_jobs_never_start_more_workers_than_cores(tmp_path, monkeypatch):
    started = []

    def pool(workers):
        started.append(workers)
        return None  # run in this process; only the number asked for matters here

    monkeypatch.setattr(batch, "_pool", pool)
    files = [str(example(tmp_path, f"{n}.xlsx")) for n in range(batch.cores() + batch.IN_PROCESS_BELOW)]
    results = batch.validate_files(files, jobs=64, as_of=AS_OF)
    assert len(results) == len(files) and started == [batch.cores()]
