"""``dsi-xl portfolio --format csv``: every amount owed as one row, in the dialect of ``validate
--format csv``.

Each post with its agreement, municipality, CVR and contact; UTF-8 with BOM, semicolons, decimal
comma: Danish Excel opens it in columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from dsi_xl import portfolio as portfolios
from dsi_xl.portfolio.model import Portfolio
from dsi_xl.report import portfolio_table
from dsi_xl.report.formats.csvout import table
from dsi_xl.validation.result import Result


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None,
           portfolio: Portfolio | None = None) -> bytes:
    """The posts of the portfolio of ``results`` (``portfolio``, when built) as CSV bytes
    (:mod:`dsi_xl.report.formats`)."""
    columns = portfolio_table.TABLES["poster"]
    rows = portfolio_table.rows(portfolio or portfolios.of(results), "poster")
    return table([c.key for c in columns], ([row[c.key] for c in columns] for row in rows)).encode("utf-8")
