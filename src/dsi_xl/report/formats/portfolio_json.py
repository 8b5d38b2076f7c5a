"""``dsi-xl portfolio --format json``: the spec's portfolio object (REGNSKABSSKABELON, "DSI's
portfolio, machine-readable").

``as_of``, ``dsi_xl_version``, one object per agreement and CVR with its accounts years and posts,
and the totals; amounts as numbers rounded to øre, days ISO.
"""

from __future__ import annotations

from collections.abc import Sequence

from dsi_xl import __version__
from dsi_xl import portfolio as portfolios
from dsi_xl.portfolio.model import Portfolio
from dsi_xl.report import portfolio_table
from dsi_xl.report.formats.jsonout import dumps
from dsi_xl.validation.result import Result


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None,
           portfolio: Portfolio | None = None) -> bytes:
    """The portfolio of ``results`` (``portfolio``, when built) as UTF-8 JSON (:mod:`dsi_xl.report.formats`)."""
    return dumps(portfolio_table.document(portfolio or portfolios.of(results), __version__)).encode("utf-8")
