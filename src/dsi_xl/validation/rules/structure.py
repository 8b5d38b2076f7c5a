"""Structure: the file is a template, of a known version, for a known agreement, with every name.

A missing name, or one with the wrong shape, is reported here once; the engine then skips the
rules that need it, quietly.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl import agreement as agreements
from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import DSIError, describe
from dsi_xl.spec import DSI_SKABELON_VERSION, DSI_TILSAGN_ID, KNOWN_VERSIONS, NAMES, TEMPLATE_VERSION, names
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import UNREADABLE, Hit, registrar, skipped  # noqa: F401 (re-exported)
from dsi_xl.validation.values import text
from dsi_xl.workbook.submission import Submission

rule = registrar("Struktur")

AGREEMENT = "STRUKTUR-02"
NAME_MISSING = "STRUKTUR-04"
NAME_TWICE = "STRUKTUR-06"


def resolve(submission: Submission) -> tuple[Agreement | None, list[Hit]]:
    """The agreement named by DSI_TILSAGN_ID, or the hits that say why there is none."""
    named = submission.names.get(DSI_TILSAGN_ID)
    if named is None or not named.cells or not named.cells[0]:
        return None, [Hit("Navnet for tilsagnets id findes ikke i projektmappen, så det kan ikke "
                          "afgøres, hvilket tilsagn regnskabet hører til.", DSI_TILSAGN_ID)]
    cell = named.cells[0][0]
    agreement_id = text(cell.value)
    if agreement_id is None:
        return None, [Hit("forventede et tilsagns-id, fandt en tom celle.",
                          DSI_TILSAGN_ID, cell)]
    try:
        return agreements.load(agreement_id), []
    except DSIError as error:
        return None, [Hit(f"tilsagnet kendes ikke. {error.message}",
                          DSI_TILSAGN_ID, cell)]


@rule(AGREEMENT, "fejl", f"{DSI_TILSAGN_ID} er et kendt tilsagn (og det, der valideres imod).")
def agreement_matches(ctx: Context) -> Iterator[Hit]:
    if not ctx.has(DSI_TILSAGN_ID):
        return
    cell = ctx.cell(DSI_TILSAGN_ID)
    if text(cell.value) != ctx.agreement.id:
        yield Hit(f"forventede tilsagnet \"{ctx.agreement.id}\", "
                  f"fandt {describe(cell.value)}.", DSI_TILSAGN_ID, cell)


@rule("STRUKTUR-03", "fejl", f"{DSI_SKABELON_VERSION} er en version, dsi-xl kender "
      f"({', '.join(KNOWN_VERSIONS)}).", needs=(DSI_SKABELON_VERSION,))
def version(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(DSI_SKABELON_VERSION)
    if text(cell.value) not in KNOWN_VERSIONS:
        yield Hit(f"forventede skabelonversion {TEMPLATE_VERSION}, "
                  f"fandt {describe(cell.value)}.", DSI_SKABELON_VERSION, cell)


def file_version(submission: Submission) -> str:
    """The template version the file states; the current one when it states none we know."""
    named = submission.names.get(DSI_SKABELON_VERSION)
    found = text(named.cells[0][0].value) if named is not None and named.cells and named.cells[0] else None
    return found if found in KNOWN_VERSIONS else TEMPLATE_VERSION


def missing(submission: Submission, agreement: Agreement | None = None) -> Iterator[Hit]:
    """Every name of the spec (with ``agreement``'s goals' own names) that is not one range of the
    workbook (a name newer than the file's template version is not missing: an older file never had it)."""
    version = file_version(submission)
    for spec in NAMES if agreement is None else names(agreement):
        if spec.name in submission.names or KNOWN_VERSIONS.index(spec.since) > KNOWN_VERSIONS.index(version):
            continue
        text_ = submission.defined_names.get(spec.name)
        variant = next((n for n in submission.defined_names if n.casefold() == spec.name.casefold() and n != spec.name),
                       None)
        if text_:
            found = f'navnet peger på "{text_}", ikke på ét område'
        elif variant:
            found = f'navnet findes kun skrevet som {variant}, og skabelonens navne staves med store bogstaver'
        else:
            found = "navnet findes ikke"
        yield Hit(f"Navnet for {spec.noun} skulle pege på et område på arket {spec.sheet}; {found}. "
                  + skipped("bruger navnet"), spec.name)


@rule(NAME_MISSING, "fejl", "Hvert definerede navn i skabelonens specifikation findes og peger på ét område.")
def names_present(ctx: Context) -> Iterator[Hit]:
    return missing(ctx.submission, ctx.agreement)


@rule("STRUKTUR-05", "fejl", "Hvert definerede navn har den form (rækker x kolonner), tilsagnet giver.")
def shapes(ctx: Context) -> Iterator[Hit]:
    for spec in names(ctx.agreement):
        named = ctx.submission.names.get(spec.name)
        expected = spec.shape_for(ctx.agreement)
        if named is not None and named.shape != expected:
            yield Hit(f"Navnet for {spec.noun} skulle dække {expected[0]} × {expected[1]} celler, men dækker "
                      f"{named.shape[0]} × {named.shape[1]}. " + skipped("bruger navnet"), spec.name,
                      named.first if named.cells and named.cells[0] else None)


@rule(NAME_TWICE, "fejl", "Hvert definerede navn i skabelonens specifikation er defineret én gang (Excel skelner ikke "
      "mellem store og små bogstaver i navne).")
def names_once(ctx: Context) -> Iterator[Hit]:
    spec_names = {spec.name.casefold(): spec for spec in names(ctx.agreement)}
    for first, first_text, _later, later_text in ctx.submission.name_clashes:
        spec = spec_names.get(first.casefold())
        if spec is None:
            continue
        yield Hit(f'Navnet for {spec.noun} er defineret to gange, stavet med forskellige store og små '
                  f'bogstaver, og de to navne peger på "{first_text}" og "{later_text}". Excel kan kun have ét af '
                  "dem, så det er uklart, hvilket område regnskabet mener; slet det ene under Formler > Navnestyring.",
                  spec.name)
