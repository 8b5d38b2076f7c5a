"""Colours, fonts and Danish number formats of the template, one per cell kind.

openpyxl is imported only by :func:`apply`, so listing the formulas stays light."""

from __future__ import annotations

from dsi_xl.format import AMOUNT, COUNT, DATE, DECIMAL, PERCENT, TEXT, YEAR  # noqa: F401  (formats live in one place)

INPUT_FILL = "FFF2CC"  # light yellow: type here
FORMULA_FILL = "DDEBF7"  # light blue: computed
TERM_FILL = "E7E6E6"  # grey: the agreement's terms, locked

LEGEND = (
    ("input", "Indtastning: udfyldes af kommunen (ulåst)"),
    ("formula", "Formel: beregnes af skabelonen med DSI_-funktionerne (låst)"),
    ("term", "Tilsagnets vilkår: hentet fra tilsagnet (låst)"),
)

def apply(cell, kind: str, fmt: str | None, wrap: bool) -> None:
    """Style one openpyxl cell by its kind; ``legend:<kind>`` is a locked colour sample."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # only when rendering

    thin = Side(style="thin", color="BFBFBF")
    sample = kind.startswith("legend:")
    kind = kind.removeprefix("legend:")
    fill = {"input": INPUT_FILL, "formula": FORMULA_FILL, "term": TERM_FILL}.get(kind)
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    if kind == "title":
        cell.font = Font(bold=True, size=14, color="1F3864")
    elif kind == "total":
        cell.font = Font(bold=True)
    elif kind in ("header", "section"):
        cell.font = Font(bold=True, color="1F3864" if kind == "section" else "000000")
    elif kind == "running":
        cell.font = Font(italic=True, color="595959", size=9)
    elif kind == "clause" or kind == "note":
        cell.font = Font(italic=True, color="595959", size=9 if kind == "clause" else 10)
    elif kind == "formula":
        cell.font = Font(color="1F3864")
    if fmt:
        cell.number_format = fmt
    horizontal = {"header": "center", "running": "right"}.get(kind)
    cell.alignment = Alignment(wrap_text=wrap or kind == "header", vertical="top", horizontal=horizontal)
    cell.protection = Protection(locked=sample or kind != "input")
