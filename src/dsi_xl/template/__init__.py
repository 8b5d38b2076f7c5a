"""The regnskabsskabelon workbook, generated from the agreement data.

``layout_for(agreement)`` lays every sheet out as pure data (:mod:`.layout`); ``formulas`` reads
the formula cells from it without building a workbook; ``build`` and ``build_example`` render it
with openpyxl (:mod:`.render`). One module per sheet; the example's inputs are in :mod:`.example`.

Extra defined names, besides the spec's (:func:`dsi_xl.spec.names`), all start ``DSI_X_``:
``DSI_X_RESULTATER`` (Betalingsmål), ``DSI_X_PROGNOSE_*`` and ``DSI_X_FORPLIGTELSE_*``
(Prognose), ``DSI_X_SAGSSTAMME_BRUD`` (Sagsstamme).

A template shows the terms in force on the day it is built for (``on``, default today: reading
12); its formulas are the same whatever amendments are in force, so a filled copy of a template
built before an amendment keeps formulas the validator accepts.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from dsi_xl.agreement import Agreement, in_force, load, today
from dsi_xl.template import (
    betalingsmaal,
    prognose,
    regnskab,
    running,
    sagsstamme,
    stamdata,
    status,
    tilsagn,
    vejledning,
)
from dsi_xl.template.layout import Layout

SHEET_MODULES = (vejledning, stamdata, tilsagn, regnskab, betalingsmaal, prognose, sagsstamme, status)
SHEETS: tuple[str, ...] = tuple(m.SHEET for m in SHEET_MODULES)


def layout_for(agreement: Agreement, *, fitted: bool = True) -> Layout:
    """The whole template for ``agreement`` as data; ``fitted``: each row as high as its wrapped
    text needs in print (the workbook needs that, a list of formulas does not)."""
    layout = Layout(agreement)
    for module in SHEET_MODULES:
        module.lay(layout)
    layout.stamp()
    running.lay(layout)
    if fitted:
        from dsi_xl.template.fit import fit_rows, pages

        for sheet in layout.sheets.values():
            fit_rows(sheet)
            if sheet.breaks:  # a page of its own after each break: the pages the parts take
                edges = [0, *sheet.breaks, max(r for r, _c in sheet.cells)]
                sheet.pages = sum(pages(sheet, top + 1, bottom) for top, bottom in zip(edges, edges[1:]))
    return layout


Formulas = tuple[tuple[tuple[str, str], str], ...]


@lru_cache(maxsize=32)
def _formulas(agreement_id: str, source: str) -> tuple[Formulas, Formulas]:
    """The template's formula cells and their earlier formulas, from one layout per agreement."""
    layout = layout_for(_AGREEMENTS[(agreement_id, source)], fitted=False)
    return tuple(layout.formulas().items()), tuple(layout.earlier().items())


_AGREEMENTS: dict[tuple[str, str], Agreement] = {}


def _cached(agreement: Agreement | None) -> tuple[Formulas, Formulas]:
    agreement = agreement or load()
    key = (agreement.id, agreement.source)
    _AGREEMENTS[key] = agreement
    return _formulas(*key)


def formulas(agreement: Agreement | None = None) -> dict[tuple[str, str], str]:
    """Every formula cell of the template: (sheet, cell ref without $) -> formula with ``=``."""
    return dict(_cached(agreement)[0])


def earlier_formulas(agreement: Agreement | None = None) -> dict[tuple[str, str], str]:
    """(sheet, ref) -> the formula an earlier template of the same version had in a cell that
    now refers to the Tilsagn sheet (see :meth:`Layout.earlier`); both show the same value."""
    return dict(_cached(agreement)[1])


def formulas_for(agreement: Agreement, version: str | None) -> tuple[dict[tuple[str, str], str],
                                                                   dict[tuple[str, str], str]] | None:
    """(formula cells, earlier formulas) that a filled copy of template ``version`` is compared
    with: this layout's for the current version (or a version no template ever had, which the
    structure rules report), the released map for an earlier one (:mod:`.released`); ``None``
    when this dsi-xl holds no map of that earlier version for the agreement."""
    from dsi_xl.spec import KNOWN_VERSIONS, TEMPLATE_VERSION
    from dsi_xl.template import released

    if version is None or version == TEMPLATE_VERSION or version not in KNOWN_VERSIONS:
        return formulas(agreement), earlier_formulas(agreement)
    return released.formulas(agreement.id, version)


def _built(agreement: Agreement | None, on: date | None):
    """The terms in force on ``on`` (default today), and the day."""
    day = on or today()
    return in_force(agreement or load(), day), day


def build(agreement: Agreement | None = None, on: date | None = None):
    """The blank template as an openpyxl workbook, with the terms in force on ``on`` (default today)."""
    from dsi_xl.template.render import render

    terms, day = _built(agreement, on)
    return render(layout_for(terms), day=day)


def build_example(agreement: Agreement | None = None, on: date | None = None):
    """The filled example (the agreement's second budget year; Randers: 2027) as an openpyxl workbook,
    with the terms in force on ``on``; by default the day the example is signed, so the example is
    the same whenever it is built and its saved values are those the validator computes."""
    from dsi_xl.template.example import inputs, signed
    from dsi_xl.template.render import render

    terms, day = _built(agreement, on or signed(agreement or load()))
    return render(layout_for(terms), inputs(terms), day=day)


def save(book, path: str | Path, cache: bool = True) -> Path:
    """Write ``book`` reproducibly: openpyxl stamps the save time into docProps/core.xml and the
    zip entries; both are replaced by the fixed time, so a rebuild gives the same bytes.

    With ``cache`` (and the ``formulas`` engine installed: :func:`.cached.available`) every
    formula cell carries the value dsi-xl computes, so any program shows the numbers; the
    DSI_ functions compute them with the terms in force on the day the book was built for."""
    import io
    import re
    import zipfile

    from dsi_xl.openpyxl_schema import schema_order
    from dsi_xl.template import cached
    from dsi_xl.template.render import CREATED

    buffer = io.BytesIO()
    with schema_order():
        book.save(buffer)
    stamp = CREATED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as source:
        files = {item.filename: source.read(item.filename) for item in source.infolist()}
    files["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(),
                                        files["docProps/core.xml"])
    if cache and cached.available():
        from dsi_xl.agreement.clock import on

        with on(getattr(book, "dsi_xl_day", None)):
            files = cached.add(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=CREATED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    from dsi_xl.atomic import write_bytes

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, out.getvalue())  # through a temporary file: never half a template
    return path
