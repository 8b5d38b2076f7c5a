"""Formula integrity: the template's formulas are intact, their saved values are the engine's, and
nothing hidden, linked or active has been added.

Excel saves a call of an add-in function in several spellings (``[1]!DSI_X(``, a workbook path
or name before ``!``, ``_xludf.DSI_X(``, ``_xldudf_DSI_X(``); :func:`normalise` maps them all, and
case, ``$`` signs and spaces outside strings, to one form before comparing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache

from dsi_xl.addin import CONFIG_SHEET
from dsi_xl.agreement.amendments import applied, versions
from dsi_xl.errors import describe
from dsi_xl.format import apart, count, excel_error, excel_formula
from dsi_xl.spec import AMOUNT_NAMES, DSI_SKABELON_VERSION, NAMES, REPORT_SHEET, by_name, formula_names
from dsi_xl.validation.computed import Computed, compute
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar
from dsi_xl.validation.values import text
from dsi_xl.workbook.submission import Cell, ExcelError

rule = registrar("Formler")

_PREFIX = re.compile(r"(?:'(?:[^']|'')*'|\[\d+\]|[A-Z0-9_.\\:\[\]~-]+)!(?=(?:_XLUDF\.|_XLDUDF_)?DSI_\w*\()")
_FUNCTION_PREFIX = re.compile(r"_XLUDF\.|_XLDUDF_|_XLFN\.|_XLWS\.")
_QUOTED_SHEET = re.compile(r"'(\w+)'!")
_LOGICAL = re.compile(r"(?<![A-Z0-9_.])(TRUE|FALSE)\(\)")
AMOUNT_TOLERANCE = Decimal("0.005")
RATIO_TOLERANCE = Decimal("1e-9")
FormulaCells = dict[tuple[str, str], str]  # (sheet, ref) -> formula


def normalise(formula: str) -> str:
    """One spelling of a formula: no ``=``, no ``$``, no spaces, upper case, add-in prefixes gone,
    ``FALSE()`` as ``FALSE`` (LibreOffice's spelling); text inside double quotes is kept exactly."""
    body = formula.strip().removeprefix("=")
    parts = re.split(r'("(?:[^"]|"")*")', body)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
            continue
        part = re.sub(r"[\s$]", "", part).upper()
        part = _LOGICAL.sub(r"\1", part)  # LibreOffice saves FALSE as FALSE()
        part = _QUOTED_SHEET.sub(r"\1!", part)  # 'Betalingsmål'!C3 and Betalingsmål!C3 are one reference
        part = _PREFIX.sub("", part)
        out.append(_FUNCTION_PREFIX.sub("", part))
    return "".join(out)


@cache
def _normalised(formula: str) -> str:
    """:func:`normalise` of a template's formula: the same few hundred per agreement and template
    version, for every file of a run, so each is normalised once."""
    return normalise(formula)


def _version(ctx: Context) -> str | None:
    return text(ctx.value(DSI_SKABELON_VERSION)) if ctx.has(DSI_SKABELON_VERSION) else None


def expected(ctx: Context) -> tuple[FormulaCells, FormulaCells] | None:
    """(formula cells, earlier formulas) of the template version the file states, for its
    agreement: a copy of an earlier version is compared with that version's formulas. The
    template's layout is imported here, when a formula rule runs, not with the rules."""
    from dsi_xl import template

    return template.formulas_for(ctx.agreement, _version(ctx))


def template_formulas(ctx: Context) -> FormulaCells:
    """The formula cells the file is compared with; empty when its version's are unknown here."""
    found = expected(ctx)
    return found[0] if found else {}


def _name_at(ctx: Context) -> dict[tuple[str, str], tuple[str, Cell]]:
    where_ = {}
    for name in ctx.usable:
        for row in ctx.range(name).cells:
            for cell in row:
                where_[(cell.sheet, cell.ref)] = (name, cell)
    return where_


def _formula_cells(ctx: Context, formulas: FormulaCells) -> Iterator[tuple[tuple[str, str], str, str | None, Cell]]:
    """((sheet, ref), template formula, defined name or None, cell) for every formula cell of the
    template (``formulas``: empty when the template's formulas are unavailable)."""
    names = _name_at(ctx)
    for key, formula in formulas.items():
        name, cell = names.get(key, (None, Cell(*key)))
        yield key, formula, name, cell


RESTORE = ("Skriv formlen igen, eller kopiér cellen fra en tom skabelon fra DSI (eller fra dsi-xl template); "
           "fundne værdier skrives i de gule celler.")
FORMULA_SHELLS = ("fil", "excel")  # Office.js sends no formula text


def _by_name(found: list[tuple[str | None, Cell, str]]) -> dict[tuple[str | None, str], list[tuple[Cell, str]]]:
    """Findings grouped per defined name (or per sheet, for formula cells outside a name)."""
    groups: dict[tuple[str | None, str], list[tuple[Cell, str]]] = {}
    for name, cell, message in found:
        groups.setdefault((name, cell.sheet), []).append((cell, message))
    return groups


def _one_per_name(found: list[tuple[str | None, Cell, str]], what: str) -> Iterator[Hit]:
    for (name, _sheet), cells in _by_name(found).items():
        first = cells[0][1]
        if len(cells) == 1:
            message = f"{what}: {first}. {RESTORE}"
        else:
            message = f"{what} i {count(len(cells), 'celle', 'celler')}; den første: {first}. {RESTORE}"
        yield Hit(message, name, cells=tuple(cell for cell, _ in cells))


@rule("FORMEL-01", "fejl", "Hver formelcelle i skabelonen har stadig en formel (den er ikke overskrevet med en værdi); "
      "én besked pr. navn.", shells=FORMULA_SHELLS)
def not_typed_over(ctx: Context) -> Iterator[Hit]:
    found = []
    for key, formula, name, cell in _formula_cells(ctx, template_formulas(ctx)):
        if key not in ctx.submission.formulas:
            seen = f"fandt {describe(cell.value)}" if name else "fandt ingen formel"
            found.append((name, cell, f"forventede skabelonens formel {excel_formula(formula)}, {seen}"))
    yield from _one_per_name(found, "Formlen er overskrevet eller slettet")


@rule("FORMEL-02", "fejl", "Hver formelcelle har skabelonens formel (ændret formel); én besked pr. navn.",
      shells=FORMULA_SHELLS)
def unchanged(ctx: Context) -> Iterator[Hit]:
    found = []
    formulas, earlier = expected(ctx) or ({}, {})  # a copy of an earlier build of the version keeps earlier
    for key, formula, name, cell in _formula_cells(ctx, formulas):
        saved = ctx.submission.formulas.get(key)
        accepted = (formula, earlier.get(key, formula))
        if saved is not None and saved not in accepted and normalise(saved) not in map(_normalised, accepted):
            found.append((name, cell, f"forventede skabelonens formel {excel_formula(formula)}, "
                                      f"fandt {excel_formula(saved)}"))
    yield from _one_per_name(found, "Formlen er ændret")


def _cached(ctx: Context) -> Iterator[tuple[str, int, int, Cell, Decimal | None]]:
    """(name, row, column, cell, computed) for every formula cell of a usable formula name."""
    if not ctx.submission.has_cached_values:
        return
    for name in formula_names(ctx.agreement):
        if name not in ctx.usable:
            continue
        grid = ctx.computed.grid(name)
        for r, row in enumerate(ctx.range(name).cells):
            for c, cell in enumerate(row):
                yield name, r, c, cell, grid[r][c]


def _agrees(name: str, saved, computed: Decimal) -> bool:
    """The saved value is the computed one: an amount to half an øre, a ratio to its precision."""
    if isinstance(saved, bool) or not isinstance(saved, (int, float)):
        return False
    tolerance = AMOUNT_TOLERANCE if name in AMOUNT_NAMES else RATIO_TOLERANCE * max(Decimal(1), abs(computed))
    return abs(Decimal(repr(float(saved))) - computed) <= tolerance


def _earlier_terms(ctx: Context) -> list[tuple[str, Computed]]:
    """(amendment's title, the values the terms before that amendment give) for each amendment in
    force, the latest first: what a workbook computed before an amendment, and not recalculated
    since, holds."""
    earlier = versions(ctx.agreement)[:-1]
    return [(amendment.title, compute(replace(ctx, agreement=version)))
            for version, amendment in reversed(list(zip(earlier, applied(ctx.agreement))))]


def _predates(earlier: list[tuple[str, Computed]], name: str, r: int, c: int, saved) -> str | None:
    """The amendment the saved value predates, when it is what the terms before that amendment
    give; else ``None``."""
    for title, values in earlier:
        value = values.grid(name)[r][c]
        if value is not None and _agrees(name, saved, value):
            return title
    return None


@rule("FORMEL-03", "fejl", "De værdier, Excel har gemt i formelcellerne, er dem, dsi-xl selv beregner (beløb på en "
      "halv øre nær).")
def values_agree(ctx: Context) -> Iterator[Hit]:
    earlier = None  # the values before each amendment, computed once, when a saved value first differs
    for name, r, c, cell, computed in _cached(ctx):
        if computed is None or isinstance(cell.value, ExcelError) or _agrees(name, cell.value, computed):
            continue
        if earlier is None:
            earlier = _earlier_terms(ctx) if ctx.agreement.amended else []
        before = _predates(earlier, name, r, c, cell.value)
        spec = by_name(ctx.agreement)[name]
        if before is not None:
            now, then = apart(spec.holds, computed, Decimal(repr(float(cell.value))))
            yield Hit(f"{spec.label} er gemt med vilkårene fra før {before} ({then}); med vilkårene efter tillægget "
                      f"er den {now}. Genberegn projektmappen i Excel med "
                      "tilføjelsesprogrammet (Ctrl+Alt+F9), og gem den igen.", name, cell)
            continue
        found = describe(cell.value) if isinstance(cell.value, bool) or not isinstance(cell.value, (int, float)) else ""
        shown, saved_text = apart(spec.holds, computed, None if found else cell.value)
        yield Hit(f"{spec.label} skulle efter dsi-xl's beregning være {shown}, men "
                  f"den gemte værdi er {found or saved_text}. Er formlen eller tallene ændret, eller er "
                  "projektmappen ikke genberegnet?", name, cell)


@rule("FORMEL-04", "advarsel", "Ingen formelcelle har en gemt fejlværdi (fx #NAVN?, når tilføjelsesprogrammet ikke "
      "var indlæst); én sætning pr. navn.")
def no_error_values(ctx: Context) -> Iterator[Hit]:
    errors: dict[str, list[Cell]] = {}
    for name, _r, _c, cell, _computed in _cached(ctx):
        if isinstance(cell.value, ExcelError):
            errors.setdefault(name, []).append(cell)
    for name, cells in errors.items():
        values = sorted({excel_error(c.value) for c in cells})
        shown = " og ".join(values)
        why = ", fordi tilføjelsesprogrammet dsi-xl ikke var indlæst, da filen blev gemt" if "#NAVN?" in values else ""
        what = "fejlværdien" if len(values) == 1 else "fejlværdierne"
        yield Hit(f"{by_name(ctx.agreement)[name].label} viser {what} {shown}{why}.", name, cells=tuple(cells))


ADDIN_FILE = "dsi_xl.xlam"


def is_addin_link(target: str) -> bool:
    """True for the link Excel saves to the dsi-xl add-in itself when a workbook calls its
    functions (formulas then read ``[1]!DSI_...``); that link is expected, not a hazard."""
    return target.replace("\\", "/").rsplit("/", 1)[-1].lower() == ADDIN_FILE


@rule(
    "FORMEL-05",
    "advarsel",
    "Projektmappen har ingen eksterne kæder (links til andre projektmapper) ud over tilføjelsesprogrammet dsi_xl.xlam.",
)
def external_links(ctx: Context) -> Iterator[Hit]:
    for target in ctx.submission.external_links:
        if is_addin_link(target):
            continue
        yield Hit(f"Projektmappen har en ekstern kæde til {target}; skabelonen har ingen. Den følges ikke.")


def _template_sheets(ctx: Context) -> set[str]:
    from dsi_xl import template

    sheets = {spec.sheet for spec in NAMES} | {REPORT_SHEET} | set(template.SHEETS)
    return sheets | {sheet for sheet, _ in template_formulas(ctx)}


@rule("FORMEL-06", "advarsel", "Ingen skjulte ark, som skabelonen ikke har.")
def hidden_sheets(ctx: Context) -> Iterator[Hit]:
    known = _template_sheets(ctx)
    for sheet in ctx.submission.sheets:
        if sheet.state in ("hidden", "veryHidden") and sheet.name not in known:
            how = "meget skjult (veryHidden)" if sheet.state == "veryHidden" else "skjult"
            yield Hit(f'Arket "{sheet.name}" er {how} og findes ikke i skabelonen.')


@rule("FORMEL-07", "advarsel", "Beregning står på automatisk (ikke manuel), så de gemte værdier er opdaterede.")
def calculation_mode(ctx: Context) -> Iterator[Hit]:
    if ctx.submission.calc_mode == "manual":
        yield Hit(
            "Projektmappen er gemt med manuel beregning; forventede automatisk. De gemte værdier kan være forældede."
        )


@rule("FORMEL-08", "fejl", "Projektmappen har intet aktivt indhold (VBA-makroer, DDE-formler, webforespørgsler).")
def active_content(ctx: Context) -> Iterator[Hit]:
    for what in ctx.submission.active_content:
        yield Hit(f"Projektmappen har aktivt indhold: {what}. Skabelonen har intet; indholdet køres ikke.")


# Sheets xlwings' VBA reads settings from in the *active* workbook before the add-in's own (its
# GetConfig): the DSI add-in's, and the xlwings add-in's. Excel matches sheet names case-blind.
XLWINGS_CONFIG_SHEETS = (CONFIG_SHEET.casefold(), "xlwings.conf")


@rule(
    "FORMEL-09", "fejl", f"Projektmappen har intet ark med xlwings-indstillinger ({', '.join(XLWINGS_CONFIG_SHEETS)})."
)
def settings_sheets(ctx: Context) -> Iterator[Hit]:
    for sheet in ctx.submission.sheets:
        if sheet.name.casefold() in XLWINGS_CONFIG_SHEETS:
            yield Hit(f'Arket "{sheet.name}" er et indstillingsark for xlwings: i Excel går det forud for '
                      "tilføjelsesprogrammets indstillinger og kan bestemme, hvilket program knappen Validér regnskab "
                      "starter. Skabelonen har det ikke; slet arket. Det køres ikke her.")


@rule("FORMEL-10", "advarsel", "Skabelonens formler for filens version kendes, så formlerne kan sammenlignes "
      "med den skabelon, kommunen fik.", shells=FORMULA_SHELLS)
def version_known(ctx: Context) -> Iterator[Hit]:
    if expected(ctx) is None:
        yield Hit(f"Filen er skabelon {_version(ctx)} af tilsagnet {ctx.agreement.id}, og den version af skabelonen "
                  "kender denne dsi-xl ikke; formlerne er ikke sammenlignet med skabelonen (de gemte værdier er "
                  "kontrolleret). DSI kan sende en ny skabelon.", DSI_SKABELON_VERSION)
