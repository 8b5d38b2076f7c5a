"""``dsi-xl portfolio FILE|FOLDER...``: DSI's portfolio over the files it has received.

Reads the files as ``dsi-xl validate`` does (the same usage checks, the same parallel validation
and cross-file comparison, :mod:`dsi_xl.cli.validate`), then answers per agreement what has been
paid out and spent, what the municipality owes, what it has repaid, what is due when, and what is
overdue or missing, on the judging day (``--as-of``, default today): :mod:`dsi_xl.portfolio`,
written through :data:`dsi_xl.report.formats.PORTFOLIO_FORMATS`.

Exit status: 0 nothing overdue and no accounts missing; 1 something overdue or missing; 2 a file
that could not be read as a template, or bad usage.
"""

from __future__ import annotations

import sys

import click

from dsi_xl.cli.validate import Command, output, planned
from dsi_xl.report.formats import PORTFOLIO_FORMATS


def exit_status(results, data) -> int:
    if any(r.unreadable for r in results):
        return 2
    totals = data.totals
    return 1 if totals.overdue > 0 or totals.missing else 0


@click.command(cls=Command)
@click.argument("files", nargs=-1, metavar="FIL|MAPPE...")
@click.option("--as-of", "as_of", metavar="DD.MM.ÅÅÅÅ", default=None,
              help="Dagen, porteføljen gøres op pr. (frister, overskredet, mangler); standard i dag; også ÅÅÅÅ-MM-DD.")
@click.option("--format", "fmt", default="text", metavar="|".join(PORTFOLIO_FORMATS),
              help="Uddata: tabeller (text), JSON (json), én række pr. post (csv, til Excel og pandas) eller en "
                   "projektmappe (xlsx, kræver --out).")
@click.option("--out", metavar="FIL", default=None, help="Skriv porteføljen til FIL i stedet for skærmen.")
@click.option("--jobs", default=None, metavar="N",
              help="Antal filer, der valideres samtidig (standard: antal kerner).")
def portfolio(files, as_of, fmt, out, jobs) -> None:
    """DSI's portefølje: pr. tilsagn hvad der er udbetalt og brugt, hvad kommunen skylder og har
    betalt tilbage, hvad der forfalder hvornår, og hvad der er overskredet eller mangler. Exitstatus:
    0 intet overskredet eller manglende, 1 noget er overskredet eller mangler, 2 ulæselig fil eller
    forkert brug."""
    from dsi_xl import portfolio as portfolios
    from dsi_xl.cli.progress import validate_files

    run = planned(files, fmt, out, None, as_of, jobs, "portfolio")
    results = validate_files(list(run.files), run.as_of, run.jobs)
    data = portfolios.of(results)  # judged on the results' run day, which is --as-of when given
    output(results, run, portfolio=data)
    sys.exit(exit_status(results, data))
