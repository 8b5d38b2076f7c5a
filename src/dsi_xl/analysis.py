"""A run's files, findings and portfolio as pandas DataFrames, for DSI's analyst.

    from dsi_xl.analysis import frames_of, portfolio_of
    files, findings = frames_of(["indkomne"], as_of=date(2029, 12, 31))
    files[files.taelles_med].pivot_table("ikke_anvendt_tilskud", "kommune", "regnskabsaar", "sum")
    posts = portfolio_of(["indkomne"], as_of=date(2029, 7, 1))["poster"]
    posts[posts.status == "overskredet"].groupby("kommune").udestaaende.sum()

``files`` has one row per file with the overview's columns (:mod:`dsi_xl.report.overview`, the
CSV's header: identification, whether the run counts the file and why, status, counts, amounts as
exact Decimals, dates as dates); ``findings`` one row per finding with the file it belongs to.
The portfolio (:mod:`dsi_xl.portfolio`) is three frames with the spec's keys
(:mod:`dsi_xl.report.portfolio_table`): ``tilsagn`` one row per agreement and CVR, ``regnskaber``
one per accounts year, ``poster`` one per amount owed. pandas is the optional extra
``dsi-xl[dsi]``: nothing else in dsi-xl imports this module, so neither the add-in nor the
command line needs pandas.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from dsi_xl.report import overview, portfolio_table
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


def portfolio_frames(results: Sequence[Result], as_of: date | None = None) -> dict[str, pandas.DataFrame]:
    """The portfolio of a run's results as ``{"tilsagn", "regnskaber", "poster"}`` DataFrames, the
    columns of :data:`dsi_xl.report.portfolio_table.TABLES`: amounts Decimals, days dates."""
    from dsi_xl import portfolio

    pd = _pandas()
    data = portfolio.of(results, as_of)
    return {table: pd.DataFrame([[row[c.key] for c in columns] for row in portfolio_table.rows(data, table)],
                                columns=[c.key for c in columns])
            for table, columns in portfolio_table.TABLES.items()}


def portfolio_of(paths: Iterable[str | os.PathLike[str]], as_of: date | None = None,
                 jobs: int | None = None) -> dict[str, pandas.DataFrame]:
    """Validate ``paths`` as one run, as ``dsi-xl portfolio`` does, and return its portfolio's frames."""
    from dsi_xl import batch

    return portfolio_frames(batch.validate_files(batch.workbooks(list(paths)), as_of=as_of, jobs=jobs), as_of)
