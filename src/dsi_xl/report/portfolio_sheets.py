"""DSI's portfolio (:mod:`dsi_xl.portfolio`) as three sheets of a report workbook, the same in
``dsi-xl portfolio --format xlsx`` and ``dsi-xl validate --format xlsx``:

- ``Portefølje``: one row per agreement and municipality (who to write to, the grant, what is
  owed, repaid, outstanding and overdue, how many accounts are missing, and the 5.3 difference
  after the period), a totals row over the agreements (each once), and two native charts DSI can
  edit, each beside the small table it draws: budget against actual costs per year, and what is
  owed against what is repaid per rate;
- ``Regnskaber``: one row per agreement and accounts year, received or not, with its deadline,
  status, signature, budget, that year's own actual costs and grant received;
- ``Poster``: one row per amount owed, with its deadline, what was repaid and when, what is
  outstanding, the difference (reading 11: repaid minus owed) and its status.

Every total adds up only what may be added: each agreement, year and post once.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from dsi_xl.format import AMOUNT, day
from dsi_xl.portfolio.model import Portfolio, total
from dsi_xl.report import portfolio_table as pt
from dsi_xl.report.columns import Column
from dsi_xl.report.xlsx_table import number, write

PORTFOLIO_SHEET, YEARS_SHEET, POSTS_SHEET = "Portefølje", "Regnskaber", "Poster"
SHEETS = (PORTFOLIO_SHEET, YEARS_SHEET, POSTS_SHEET)
CONTACT = Column("kontakt", "Kontakt", "text", width=26)
SUMMED = ("tilskud", "skyldigt", "betalt", "saldo", "overskredet", "mangler", "forskel_5_3")
ACCOUNT_COLUMNS = (*pt.KEY, CONTACT, *(c for c in pt.ACCOUNT if c.key in SUMMED))
YEAR_COLUMNS = pt.TABLES["regnskaber"]
POST_COLUMNS = pt.KEY + pt.POST
TOTAL = "I alt (hvert tilsagn én gang)"
LABELS = pt.STATUS | pt.KIND


def _total_row(columns, rows: list[dict[str, Any]]) -> list[Any]:
    """The totals row of a sheet: each column whose total may be added, over ``rows``."""
    out: list[Any] = [TOTAL] + [None] * (len(columns) - 1)
    for c, column in enumerate(columns):
        if c and column.total == "all":
            out[c] = total(r.get(column.key) for r in rows)
    return out


def _sheet(book: Workbook, title: str, columns, rows: list[dict[str, Any]]) -> Any:
    sheet = book.create_sheet(title)
    body = [[row.get(c.key) for c in columns] for row in rows]
    write(sheet, columns, body, [_total_row(columns, rows)] if rows else [], labels=LABELS)
    return sheet


CHART_TABLE = 5  # the chart tables' first column: the amount columns are wide enough for their figures


def _chart_table(sheet, top: int, headings: list[str], rows: list[tuple]) -> None:
    for c, heading in enumerate(headings, start=CHART_TABLE):
        sheet.cell(row=top, column=c, value=heading).font = Font(bold=True)
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row, start=CHART_TABLE):
            cell = sheet.cell(row=r, column=c, value=number(value) if c > CHART_TABLE else value)
            if c > CHART_TABLE:
                cell.number_format = AMOUNT


def _bar(title: str, sheet, top: int, count: int) -> BarChart:
    chart = BarChart()
    chart.type, chart.grouping, chart.title = "col", "clustered", title
    chart.y_axis.title, chart.y_axis.numFmt = "kr.", "#,##0"
    chart.y_axis.delete = chart.x_axis.delete = False  # openpyxl hides both axes by default
    chart.add_data(Reference(sheet, min_col=CHART_TABLE + 1, max_col=CHART_TABLE + 2, min_row=top, max_row=top + count),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=CHART_TABLE, min_row=top + 1, max_row=top + count))
    chart.width, chart.height = 15, 7
    return chart


def by_year(data: Portfolio) -> list[tuple[int, Any, Any]]:
    """(year, budget, actual costs) over the agreements, counting a year's budget only where its
    costs are known (like against like)."""
    years = sorted({y.year for a in data.accounts for y in a.years})
    known = [(y.year, y.budget, y.costs) for a in data.accounts for y in a.years if y.costs is not None]
    return [(year, total(b for y, b, _ in known if y == year), total(c for y, _, c in known if y == year))
            for year in years if any(y == year for y, _, _ in known)]


def by_rate(data: Portfolio) -> list[tuple[int, Any, Any]]:
    """(rate, owed, repaid) over the agreements."""
    posts = [p for a in data.accounts for p in a.posts if p.kind == "tilbagebetaling"]
    rates = sorted({p.period for p in posts})
    return [(n, total(p.amount for p in posts if p.period == n), total(p.paid for p in posts if p.period == n))
            for n in rates]


def _charts(sheet, data: Portfolio, top: int) -> None:
    """Two native charts side by side under the small tables they draw, so DSI can edit both."""
    years, rates = by_year(data), by_rate(data)
    below = top + len(years) + len(rates) + 4
    if years:
        _chart_table(sheet, top, ["Regnskabsår", "Budget", "Faktiske udgifter"], [(str(y), b, c) for y, b, c in years])
        sheet.add_chart(_bar("Budget og faktiske udgifter pr. år", sheet, top, len(years)), f"A{below}")
        top += len(years) + 2
    if rates:
        _chart_table(sheet, top, ["Rate", "Skyldigt", "Betalt"], [(f"Rate {n}", o, p) for n, o, p in rates])
        sheet.add_chart(_bar("Tilbagebetaling pr. rate", sheet, top, len(rates)), f"F{below}")


def add(book: Workbook, data: Portfolio) -> None:
    """The three portfolio sheets, appended to ``book``."""
    accounts = [row | {"kontakt": "\n".join(v for v in (row["kontakt_navn"], row["kontakt_email"]) if v) or None}
                for row in pt.rows(data, "tilsagn")]
    sheet = _sheet(book, PORTFOLIO_SHEET, ACCOUNT_COLUMNS, accounts)
    note = f"Portefølje pr. {day(data.as_of)}: tilsagn med mindst én fil i kørslen."
    sheet.cell(row=len(accounts) + 4, column=1, value=note).font = Font(italic=True)
    _charts(sheet, data, len(accounts) + 6)
    _sheet(book, YEARS_SHEET, YEAR_COLUMNS, pt.rows(data, "regnskaber"))
    _sheet(book, POSTS_SHEET, POST_COLUMNS, pt.rows(data, "poster"))
