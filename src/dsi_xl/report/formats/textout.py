"""Findings as readable tables for a terminal: one table per file, Danish headings.

rich leaves out colour codes by itself when the output is not a terminal. Every text goes to rich
as :func:`dsi_xl.report.neutral.terminal` makes it (never as markup, no control character), so a
file name or a cell's text cannot change the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.table import Table

from dsi_xl.report.neutral import terminal as shown
from dsi_xl.report.report_sheet import STATUS_TEXT, counts_text, judged_text
from dsi_xl.report.summary import amounts_due
from dsi_xl.validation.result import Result

STATUS_STYLE = {"ok": "bold green", "advarsler": "bold yellow", "fejl": "bold red", "ulæselig": "bold red"}
SEVERITY_STYLE = {"fejl": "red", "advarsel": "yellow", "info": "cyan"}


BORDERS = 13  # a four-column table's rules and padding: five bars and one space either side of each cell


def table(result: Result, width: int = 80) -> Table:
    """The findings of one file in a table ``width`` characters wide at most.

    The messages are wrapped here, not by rich: rich breaks a line at any whitespace, also at the
    non-breaking space that binds "10,0" to its "%" (:data:`dsi_xl.format.NBSP`); :mod:`textwrap`
    breaks only at ordinary spaces."""
    rows = [(f.severity, f.rule, f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.name or ""), f.message)
            for f in result.findings]
    fixed = sum(max(len(head), *(len(row[i]) for row in rows)) for i, head in enumerate(("Alvor", "Regel", "Celle")))
    room = max(12, width - fixed - BORDERS)
    grid = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
    grid.add_column("Alvor", no_wrap=True)
    grid.add_column("Regel", no_wrap=True)
    grid.add_column("Celle", no_wrap=True)
    grid.add_column("Besked", overflow="fold", max_width=room)  # a long path breaks, it is never cut
    for severity, rule, where, message in rows:
        lines = textwrap.wrap(message, room, break_long_words=True, break_on_hyphens=False)
        grid.add_row(shown(severity, SEVERITY_STYLE[severity]), shown(rule), shown(where), shown("\n".join(lines)))
    return grid


def printed(show: Callable[[Console], object], *, terminal: bool, width: int | None, plain_width: int | None = None,
            strip: bool = False) -> bytes:
    """What ``show`` prints on a rich console in memory, as UTF-8 bytes (the text formats' render):
    coloured only for a terminal; ``width`` characters wide, else ``plain_width`` without a
    terminal, else the terminal's or rich's default; ``strip``: no line ends in spaces."""
    import io

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or (None if terminal else plain_width), force_terminal=terminal,
                      no_color=not terminal, color_system="auto" if terminal else None)
    show(console)
    text = buffer.getvalue()
    if strip:
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    return text.encode("utf-8")


def render(results: Sequence[Result], *, terminal: bool = False, width: int | None = None) -> bytes:
    """The tables as UTF-8 bytes (:mod:`dsi_xl.report.formats`); coloured only for a terminal."""
    return printed(lambda console: show(results, console), terminal=terminal, width=width)


def show(results: Sequence[Result], console: Console) -> None:
    """Print each file's status, counts, amounts due and findings; a summary for several files."""
    for result in results:
        console.print(shown(result.file, "bold"))
        console.print(shown("Status: " + STATUS_TEXT[result.status], STATUS_STYLE[result.status]))
        console.print(shown("Fund: " + counts_text(result)))
        console.print(shown(judged_text(result)))
        for label, amount in amounts_due(result):
            console.print(shown(f"{label}: {amount}"))
        if result.findings:
            console.print(table(result, console.width))
        console.print()
    if len(results) > 1:
        summary = Table(title="Oversigt", show_header=True, header_style="bold")
        summary.add_column("Fil", overflow="fold")
        for heading in ("Status", "Tælles med", "Fejl", "Advarsler", "Info"):
            summary.add_column(heading)
        for r in results:
            summary.add_row(shown(r.file), shown(r.status, STATUS_STYLE[r.status]), "ja" if r.counted else "nej",
                            str(r.count("fejl")), str(r.count("advarsel")), str(r.count("info")))
        console.print(summary)
