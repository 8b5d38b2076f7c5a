"""``dsi-xl terms``: the agreement's terms in force on a day and a worked repayment example, in Danish.

``--on DATO`` shows the terms as they stand that day: every amendment dated on or before it
applied (reading 12). A term an amendment changed is marked with the amendment and its value
before; the amendments are listed last, each with whether it is in force that day.
"""

from __future__ import annotations

from datetime import date

import click

from dsi_xl.cli.options import agreement_option, on_option


@click.command()
@agreement_option
@on_option
def terms(agreement_id: str | None, on: date | None) -> None:
    """Vis tilsagnets vilkår, som de gælder på en dag (tillæg markeret), og et regneeksempel."""
    from rich.console import Console
    from rich.table import Table

    from dsi_xl.agreement import in_force, load, today
    from dsi_xl.agreement import terms as keys
    from dsi_xl.agreement.amendments import described, shown
    from dsi_xl.clauses import repayment
    from dsi_xl.errors import DSIError
    from dsi_xl.format import day, render

    try:
        written = load(agreement_id)
    except DSIError as error:
        click.echo(error.message, err=True)
        raise SystemExit(2) from None
    on = on or today()
    agreement = in_force(written, on)
    console = Console()

    def mark(*terms: str) -> str:
        changes = [c for c in agreement.amended if c.term in terms]
        if not changes:
            return ""
        last = changes[-1]
        return f"{last.amendment.title} (var {shown(agreement, last.term, changes[0].old)})"

    amended = bool(agreement.amended)
    table = Table(title=f"Tilsagn {agreement.id}: vilkårene pr. {day(on)}", show_header=True)
    table.add_column("Nøgle")
    table.add_column("Værdi", justify="right")
    if amended:
        table.add_column("Ændret ved")
    for key, value in keys.terms(agreement).items():
        path = keys.path(key)
        table.add_row(key, render(keys.kind(key, agreement), value), *([mark(path) if path else ""] if amended else []))
    console.print(table)

    plan = Table(title=f"Udbetalingsplan{agreement.cite('installments')}", show_header=True)
    for head in ("Rate", "Periode", "Frist", "Beløb"):
        plan.add_column(head, justify="right" if head == "Beløb" else "left")
    if amended:
        plan.add_column("Ændret ved")
    for i in agreement.installments:
        amount = "tilbageholdt" if i.withheld else render("amount", i.amount)
        changeable = tuple(f"installments.{i.number}.{k}" for k in ("amount", "due", "withheld"))
        plan.add_row(str(i.number), f"{day(i.start)}-{day(i.end)}", day(i.due), amount,
                     *([mark(*changeable)] if amended else []))
    console.print(plan)

    budget = Table(title=f"Budget{agreement.cite('budget')}", show_header=True)
    budget.add_column("Linje")
    for year in agreement.budget_years:
        budget.add_column(str(year), justify="right")
    for n, line in enumerate(agreement.budget_lines, start=1):
        cells = [render("amount", amount) + (" *" if mark(f"budget.{n}.{year}") else "")
                 for amount, year in zip(line.amounts, agreement.budget_years)]
        budget.add_row(f"{n} {line.name}", *cells)
    console.print(budget)
    if any(c.term.startswith("budget.") for c in agreement.amended):
        console.print("* ændret ved et tillæg (se nedenfor)")

    if written.amendments:
        listed = Table(title="Tillæg og DSI's afgørelser", show_header=True)
        for head in ("Tillæg", "Pkt.", "Tekst", "Ændrer", "I kraft"):
            listed.add_column(head)
        for amendment in written.amendments:
            force = "ja" if amendment.date <= on else f"nej, fra {day(amendment.date)}"
            changes = [c for c in in_force(written, amendment.date).amended if c.amendment == amendment]
            what = "\n".join(described(agreement, c) for c in changes)
            listed.add_row(amendment.title, amendment.clause, amendment.text, what, force)
        console.print(listed)

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
