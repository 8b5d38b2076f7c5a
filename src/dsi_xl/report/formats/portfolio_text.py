"""``dsi-xl portfolio`` as text for a terminal (and the README): what is overdue or missing first,
then each agreement's accounts years and amounts owed, then the totals over the agreements.

Amounts as Danish kroner, in the tables to the øre without the unit (the heading says kr.), days
as ``31.07.2028``; the tables fit 104 columns; coloured only for a terminal (rich leaves the codes
out otherwise). Without a terminal and without a width the lines are 104 wide. What the files
say (the municipality, the agreement id, the contact) goes to rich through
:func:`dsi_xl.report.neutral.terminal`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dsi_xl import portfolio as portfolios
from dsi_xl.format import count, day, kr, number
from dsi_xl.portfolio.model import Account, Portfolio
from dsi_xl.report.formats.textout import printed
from dsi_xl.report.neutral import terminal as shown
from dsi_xl.report.portfolio_table import STATUS
from dsi_xl.validation.result import Result

STYLE = {"overskredet": "bold red", "mangler": "bold red", "ikke_forfalden": "yellow", "ukendt": "dim",
         "betalt": "green", "modtaget": "green"}
WIDTH = 104  # characters, without a terminal
AMOUNTS = ("Skyldigt", "Betalt", "Udestående", "Faktiske udgifter", "Modtaget tilskud", "Beløb")


def _kr(value: Any) -> str:
    """An amount in a table's column: to the øre, no unit (the heading says kr.)."""
    return "" if value is None else number(value, 2)


def _day(value: Any) -> str:
    return "" if value is None else day(value)


def _status(status: str) -> Text:
    return Text(STATUS[status], style=STYLE.get(status, ""))


def _table(title: str | None, *headings: str) -> Table:
    caption = "Beløb i kr." if any(h in AMOUNTS for h in headings) else None
    grid = Table(title=title, title_justify="left", show_header=True, header_style="bold", box=box.SIMPLE_HEAD,
                 pad_edge=False, collapse_padding=True, caption=caption, caption_justify="left")
    for heading in headings:
        amount = heading in AMOUNTS
        grid.add_column(heading, justify="right" if amount else "left", no_wrap=heading != "Hvad")
    return grid


def attention(data: Portfolio) -> Table | None:
    """Every post past its deadline with something outstanding, and every accounts year missing,
    by deadline; ``None`` when there is none."""
    items = [(p.due, a, p.label, p.outstanding, "overskredet") for a in data.accounts for p in a.posts
             if p.status == "overskredet"]
    items += [(y.due, a, f"Regnskab {y.year}", None, "mangler") for a in data.accounts for y in a.years
              if y.status == "mangler"]
    if not items:
        return None
    grid = _table("Overskredet og mangler", "Kommune", "Tilsagn", "Hvad", "Frist", "Udestående", "Status")
    for due, account, what, outstanding, status in sorted(items, key=lambda i: (i[0], i[1].municipality)):
        grid.add_row(shown(account.municipality), shown(account.agreement), shown(what), day(due), _kr(outstanding),
                     _status(status))
    return grid


def _account(console: Console, account: Account) -> None:
    console.print(shown(f"{account.municipality} · {account.agreement} · CVR {account.cvr}", "bold"))
    reach = ", ".join(v for v in (account.contact, account.email) if v)  # the files' own text: never markup
    console.print(shown(f"Kontakt: {reach or 'ikke angivet'}"))
    console.print(f"Tilskud {kr(account.grant)}, modtaget {kr(account.received)}, faktiske udgifter "
                  f"{kr(account.costs)}")
    console.print(f"Skyldigt {kr(account.owed)}, betalt {kr(account.paid)}")
    console.print(f"Udestående {kr(account.balance)}, heraf overskredet {kr(account.overdue)}")
    if account.reconciliation is not None:
        console.print(f"Afstemning efter perioden (5.3): betalt minus skyldigt er {kr(account.reconciliation)}")
    years = _table(None, "Regnskab", "Frist", "Status", "Underskrevet", "Til tiden", "Faktiske udgifter",
                   "Modtaget tilskud")
    for y in account.years:
        on_time = "" if y.on_time is None else ("ja" if y.on_time else "nej")
        years.add_row(str(y.year), day(y.due), _status(y.status), _day(y.signed), on_time, _kr(y.costs),
                      _kr(y.received))
    console.print(years)
    posts = _table(None, "Post", "Frist", "Skyldigt", "Betalt", "Betalt den", "Udestående", "Status")
    for p in account.posts:
        posts.add_row(p.short, day(p.due), _kr(p.amount), _kr(p.paid), _day(p.paid_on), _kr(p.outstanding),
                      _status(p.status))
    console.print(posts)
    console.print()


def show(data: Portfolio, console: Console) -> None:
    """The portfolio, overdue and missing first."""
    console.print(Text(f"DSI's portefølje pr. {day(data.as_of)}: "
                       f"{count(len(data.accounts), 'tilsagn', 'tilsagn')}", style="bold"))
    console.print()
    first = attention(data)
    console.print(first if first is not None else "Intet er overskredet, og intet regnskab mangler.")
    console.print()
    for account in data.accounts:
        _account(console, account)
    t = data.totals
    totals = _table(f"I alt over {count(len(data.accounts), 'tilsagn', 'tilsagn')}", "I alt",
                    "Beløb")
    for label, value in (("Tilskud", t.grant), ("Modtaget tilskud", t.received), ("Faktiske udgifter", t.costs),
                         ("Skyldigt", t.owed), ("Betalt", t.paid), ("Udestående", t.balance),
                         ("Heraf overskredet", t.overdue)):
        totals.add_row(label, _kr(value))
    totals.add_row("Manglende regnskaber", str(t.missing))
    totals.show_header = False
    console.print(totals)


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None,
           portfolio: Portfolio | None = None) -> bytes:
    """The portfolio of ``results`` (``portfolio``, when built) as UTF-8 text (:mod:`dsi_xl.report.formats`);
    coloured only for a terminal."""
    data = portfolio or portfolios.of(results)
    return printed(lambda console: show(data, console), terminal=terminal, width=width, plain_width=WIDTH, strip=True)
