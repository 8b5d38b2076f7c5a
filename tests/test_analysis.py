"""The analyst's DataFrames, and that pandas stays off the add-in's and the command line's path."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from dsi_xl.report import overview
from no_pandas import WITHOUT_PANDAS
from validate_files import AS_OF, broken, example

pd = pytest.importorskip("pandas")



def test_files_and_findings_frames_have_the_overviews_columns_and_a_row_each(tmp_path):
    from dsi_xl import batch
    from dsi_xl.analysis import FINDING_COLUMNS, frames, frames_of

    paths = [example(tmp_path, "a.xlsx"), example(tmp_path, "b.xlsx"), broken(tmp_path)]
    files, findings = frames_of(paths, as_of=AS_OF, jobs=1)
    results = batch.validate_files([str(p) for p in paths], as_of=AS_OF, jobs=1)
    assert list(files.columns) == [c.key for c in overview.columns(results)]
    assert len(files) == 3 and list(files.fil) == [str(p) for p in paths]
    assert list(files.taelles_med) == [True, False, False]
    assert list(findings.columns) == FINDING_COLUMNS
    assert len(findings) == sum(len(r.findings) for r in results) > 3
    assert (findings.regel == "HISTORIK-01").sum() == 1 and findings[findings.regel == "HISTORIK-01"].fil.item() == str(
        paths[1]
    )
    assert files.faktiske_udgifter[0] == Decimal("645000") and isinstance(files.tilbagebetaling_rate_1[0], Decimal)
    assert files[files.taelles_med].modtaget_tilskud.sum() == Decimal("650000")  # 2027's own installment, once
    assert pd.isna(files.kommune[2]) and files.status[2] == "ulæselig"
    again, _ = frames(results)
    assert again.equals(files)


def _python(code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("XLWINGS_ON_SERVER", "XLWINGS_LICENSE_KEY")}
    return subprocess.run([sys.executable, "-c", WITHOUT_PANDAS + code], capture_output=True, text=True,
                          env=env, check=False, timeout=120)


def test_without_pandas_the_udfs_import_and_the_command_line_runs(tmp_path):
    probe = _python("import dsi_xl.udfs, xlwings; print('pandas' in sys.modules, xlwings.__version__)")
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split()[0] == "False"
    path = example(tmp_path)
    cli = _python(f"import runpy; sys.argv = ['dsi-xl', 'validate', {str(path)!r}, '--format', 'csv', "
                  f"'--as-of', '{AS_OF.isoformat()}']; runpy.run_module('dsi_xl', run_name='__main__')")
    assert cli.returncode == 0, cli.stderr
    assert "Randers Kommune" in cli.stdout and "pandas" not in cli.stderr
    analysis = _python("import dsi_xl.analysis as a\ntry:\n    a.frames([])\nexcept ImportError as e:\n    print(e)")
    assert "pip install 'dsi-xl[dsi]'" in analysis.stdout, analysis.stderr


def test_the_portfolio_as_three_frames_with_the_specs_keys(tmp_path):
    from dsi_xl import batch
    from dsi_xl.analysis import portfolio_frames, portfolio_of
    from dsi_xl.report import portfolio_table

    paths = [example(tmp_path, "a.xlsx"), broken(tmp_path)]
    frames = portfolio_of(paths, as_of=AS_OF, jobs=1)
    assert set(frames) == {"tilsagn", "regnskaber", "poster"}
    for table, frame in frames.items():
        assert list(frame.columns) == [c.key for c in portfolio_table.TABLES[table]], table
    posts = frames["poster"]
    assert len(posts) == 4 + 2 and set(posts.kommune) == {"Randers Kommune"}
    rate = posts[(posts.art == "tilbagebetaling") & (posts.periode == 1)]
    assert rate.beloeb.item() == Decimal("1133397.30") and rate.status.item() == "ikke_forfalden"
    assert frames["tilsagn"].kontakt_email.item() == "mette.holm.jensen@randers.dk"
    results = batch.validate_files([str(p) for p in paths], as_of=AS_OF, jobs=1)
    assert portfolio_frames(results, AS_OF)["poster"].equals(posts)
