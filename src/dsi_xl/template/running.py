"""The line that names a printed page's accounts: municipality, agreement and accounts year.

A footer is fixed text in Excel (it cannot show a cell without a macro), and the accounts year is
the municipality's input, so the footer names the municipality and the agreement
(:func:`footer`), and every sheet that holds the accounts' figures carries this line at the right
of its first row, a plain formula that any program computes. Those sheets repeat their title rows
on every printed page, so every page names its accounts year.
"""

from __future__ import annotations

from dsi_xl.spec import DSI_KOMMUNE, DSI_REGNSKABSAAR, DSI_TILSAGN_ID
from dsi_xl.template.layout import Layout, quoted

SHEETS = ("Stamdata", "Regnskab", "Betalingsmål", "Prognose", "Sagsstamme", "Status")


def formula(layout: Layout) -> str:
    """``Randers Kommune · randers-2026 · regnskabsår 2027``, from the workbook's own fields."""
    name = quoted(layout.agreement.recipient.name)
    return (f'=IF({DSI_KOMMUNE}="",{name},{DSI_KOMMUNE})&" · "&{DSI_TILSAGN_ID}&" · "&'
            f'IF({DSI_REGNSKABSAAR}="","regnskabsår ikke udfyldt","regnskabsår "&{DSI_REGNSKABSAAR})')


def footer(layout: Layout) -> str:
    """The footer of every sheet: the recipient, the agreement, the sheet and the page."""
    return f"{layout.agreement.recipient.name} · tilsagn {layout.agreement.id} · &A · side &P af &N"


def lay(layout: Layout) -> None:
    for title in SHEETS:
        sheet = layout.sheets.get(title)
        if sheet is None:
            continue
        last = max(max(sheet.widths, default=1), max(c for _r, c in sheet.cells))
        sheet.put(1, last, formula(layout), "running")
