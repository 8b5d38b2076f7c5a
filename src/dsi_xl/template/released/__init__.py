"""Formula maps of template versions already in the field, per agreement: what a filled copy of
an earlier template is compared with.

A municipality keeps filling the template it was given, for years. When a new version of dsi-xl
moves or adds formula cells (a new template version), a copy of the earlier version must still be
judged against the formulas it was built with, not the new layout. Before a layout change, the
current version's map is frozen here (``python -m dsi_xl.template.released randers-2026``
writes ``released/<agreement>/<version>.json``); :func:`formulas` reads it back.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent
SAME_LAYOUT = {"1.0": "1.1"}  # a 1.0 copy has 1.1's formula cells; 1.1 only added input names

Formulas = dict[tuple[str, str], str]


def _cells(mapping: dict[str, str]) -> Formulas:
    return {tuple(key.rsplit("!", 1)): formula for key, formula in mapping.items()}  # type: ignore[misc]


@cache
def _read(agreement_id: str, version: str) -> tuple[tuple[tuple[tuple[str, str], str], ...], ...] | None:
    path = FOLDER / agreement_id / f"{version}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(_cells(data["formulas"]).items()), tuple(_cells(data.get("earlier", {})).items())


def formulas(agreement_id: str, version: str) -> tuple[Formulas, Formulas] | None:
    """(formula cells, earlier formulas) of ``version`` of the template for ``agreement_id``, as
    released; ``None`` when this dsi-xl holds no map of that version for that agreement."""
    found = _read(agreement_id, SAME_LAYOUT.get(version, version))
    return None if found is None else (dict(found[0]), dict(found[1]))


def freeze(agreement_id: str) -> Path:
    """Write the current template version's formula map for ``agreement_id`` (a developer's step
    before changing the layout) and return its path."""
    from dsi_xl import template
    from dsi_xl.agreement import load
    from dsi_xl.spec import TEMPLATE_VERSION

    agreement = load(agreement_id)
    data = {
        "agreement": agreement_id,
        "version": TEMPLATE_VERSION,
        "formulas": {f"{sheet}!{ref}": f for (sheet, ref), f in sorted(template.formulas(agreement).items())},
        "earlier": {f"{sheet}!{ref}": f for (sheet, ref), f in sorted(template.earlier_formulas(agreement).items())},
    }
    path = FOLDER / agreement_id / f"{TEMPLATE_VERSION}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover - a developer's command
    for name in sys.argv[1:]:
        print(freeze(name))
