"""``dsi-xl terms``: the agreement's terms and a worked repayment example, in Danish."""

from __future__ import annotations

import click

from dsi_xl.cli.options import agreement_option


@click.command()
@agreement_option
def terms(agreement_id: str | None) -> None:
    """Vis tilsagnets vilkår og et regneeksempel."""
    from rich.console import Console
    from rich.table import Table

    from dsi_xl.agreement import load
    from dsi_xl.agreement.terms import kind
    from dsi_xl.agreement.terms import terms as all_terms
    from dsi_xl.clauses import repayment
    from dsi_xl.errors import DSIError
    from dsi_xl.format import render

    try:
        agreement = load(agreement_id)
    except DSIError as error:
        click.echo(error.message, err=True)
        raise SystemExit(2) from None
    console = Console()
    table = Table(title=f"Tilsagn {agreement.id}", show_header=True)
    table.add_column("Nøgle")
    table.add_column("Værdi", justify="right")
    for key, value in all_terms(agreement).items():
        table.add_row(key, render(kind(key, agreement), value))
    console.print(table)

    results = [
        [max(g.baseline - 1, 0) if g.direction == "lower" else g.baseline + 1 for _ in agreement.repayment_rates]
        for g in agreement.goals
    ]
    units = " (et mål med egen enhed: 1 enhed)" if any(not g.in_percent for g in agreement.goals) else ""
    example = Table(title=f"Regneeksempel: hvert mål 1 procentpoint bedre end baseline{units}", show_header=True)
    example.add_column("Rate")
    for goal in agreement.goals:
        example.add_column(f"Mål {goal.number} før loft", justify="right")
    example.add_column("Til betaling efter loft", justify="right")
    for rate in repayment.schedule(agreement, results):
        example.add_row(rate.rate.label, *(render("amount", a) for a in rate.before_caps), render("amount", rate.due))
    console.print(example)
