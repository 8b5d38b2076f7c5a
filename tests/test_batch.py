"""dsi_xl.batch: parallel validation in input order; a bad file never stops the others."""

from __future__ import annotations

import pytest

from dsi_xl import batch
from validate_files import AS_OF, broken, example


@pytest.mark.parametrize("jobs", [1, 3])
def test_results_in_input_order_with_a_broken_file(tmp_path, jobs):
    files = [str(example(tmp_path, f"k{i}.xlsx")) for i in range(4)]
    files.insert(1, str(broken(tmp_path)))
    seen = []
    results = batch.validate_files(files, as_of=AS_OF, jobs=jobs, done=seen.append)
    assert [r.file for r in results] == files
    # the later copies of the same bytes are warned about (HISTORIK-01) and not counted twice
    assert [r.status for r in results] == ["ok", "ulæselig", "advarsler", "advarsler", "advarsler"]
    assert all([f.rule for f in r.findings].count("HISTORIK-01") == 1 for r in results[2:])
    assert not any(f.rule == "HISTORIK-01" for f in results[0].findings)
    assert [r.counted for r in results] == [True, False, False, False, False]
    assert sorted(r.file for r in seen) == sorted(files)


def test_a_crash_inside_one_file_marks_only_that_file(tmp_path, monkeypatch):
    files = [str(example(tmp_path, "a.xlsx")), str(example(tmp_path, "b.xlsx"))]
    real = batch.validate_one

    def crash_on_a(path, as_of=None):
        if path.endswith("a.xlsx"):
            raise MemoryError
        return real(path, as_of)

    monkeypatch.setattr(batch, "validate_one", crash_on_a)
    results = batch.validate_files(files, as_of=AS_OF, jobs=1)
    assert [r.status for r in results] == ["ulæselig", "ok"]
    assert "MemoryError" in results[0].findings[0].message


def test_without_processes_a_large_batch_runs_in_this_process(tmp_path, monkeypatch):
    """Pyodide (xlwings Lite) has no processes: no pool is made, every file is still validated."""
    monkeypatch.setattr(batch.sys, "platform", "emscripten")
    seen = []
    monkeypatch.setattr(
        batch, "validate_one", lambda path, as_of=None: seen.append(path) or batch._crashed(path, OSError())
    )
    paths = [str(tmp_path / f"{i}.xlsx") for i in range(batch.IN_PROCESS_BELOW + 2)]
    results = batch.validate_files(paths, jobs=4)
    assert seen == paths  # the patched function ran here, so no worker process was used
    assert [r.file for r in results] == paths


def test_batch_module_does_not_import_the_process_pool():
    import subprocess
    import sys

    code = "import sys, dsi_xl.batch; print('concurrent.futures.process' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
