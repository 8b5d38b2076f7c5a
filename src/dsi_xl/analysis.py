"""A run's files and findings as two pandas DataFrames, for DSI's analyst.

    from dsi_xl.analysis import frames_of
    files, findings = frames_of(["indkomne"], as_of=date(2029, 12, 31))
    files[files.taelles_med].pivot_table("ikke_anvendt_tilskud", "kommune", "regnskabsaar", "sum")

``files`` has one row per file with the overview's columns (:mod:`dsi_xl.report.overview`, the
CSV's header: identification, whether the run counts the file, status, counts, amounts as exact
Decimals, dates as dates); ``findings`` one row per finding with the file it belongs to. pandas
is the optional extra ``dsi-xl[dsi]``: nothing else in dsi-xl imports this module, so neither the
add-in nor the command line needs pandas.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from dsi_xl.report import overview
from dsi_xl.validation.result import Result

if TYPE_CHECKING:
    import pandas

FINDING_COLUMNS = ["fil", "status", "taelles_med", "regel", "alvor", "ark", "celle", "navn", "besked"]


def _pandas():
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - exercised by a subprocess test without pandas
        raise ImportError("dsi_xl.analysis needs pandas: pip install 'dsi-xl[dsi]'") from error
    return pandas


def frames(results: Sequence[Result]) -> tuple[pandas.DataFrame, pandas.DataFrame]:
    """(files, findings) of a run's results, in input order."""
    pd = _pandas()
    columns = [column.key for column in overview.columns(results)]
    files = pd.DataFrame(overview.rows(results), columns=columns)
    rows = [[r.file, r.status, r.counted, f.rule, f.severity, f.sheet, f.cell, f.name, f.message]
            for r in results for f in r.findings]
    return files, pd.DataFrame(rows, columns=FINDING_COLUMNS)


def frames_of(paths: Iterable[str | os.PathLike[str]], as_of: date | None = None,
              jobs: int | None = None) -> tuple[pandas.DataFrame, pandas.DataFrame]:
    """Validate ``paths`` (files, or folders of them, as on the command line) as one run,
    cross-file findings included, and return its frames."""
    from dsi_xl import batch

    return frames(batch.validate_files(batch.workbooks(list(paths)), as_of=as_of, jobs=jobs))
