"""``dsi-xl portfolio --format xlsx``: the portfolio's three sheets (:mod:`dsi_xl.report.portfolio_sheets`)
as a workbook of their own."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from dsi_xl import portfolio as portfolios
from dsi_xl.portfolio.model import Portfolio
from dsi_xl.report import portfolio_sheets
from dsi_xl.report.formats.xlsxout import workbook_bytes
from dsi_xl.validation.result import Result


def build(results: Sequence[Result], portfolio: Portfolio | None = None) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    portfolio_sheets.add(book, portfolio or portfolios.of(results))
    return book


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None,
           portfolio: Portfolio | None = None) -> bytes:
    """The workbook's bytes (:mod:`dsi_xl.report.formats`); ``portfolio``: the results', when built."""
    return workbook_bytes(build(results, portfolio))
