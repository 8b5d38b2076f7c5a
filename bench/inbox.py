"""Generated inboxes of returned templates, for the scale benchmark and the README's DSI run.

    python3 bench/inbox.py FOLDER            # the README's demo: three municipalities, 2026-2028
    python3 bench/inbox.py FOLDER --files N  # the benchmark's inbox of N files

Only one real agreement ships (randers-2026), so other municipalities get synthetic agreements:
copies of randers-2026 with their own id and recipient, written to ``FOLDER/tilsagn`` for
``DSI_XL_AGREEMENTS``. Each demo file is the template rendered for its agreement by dsi-xl's own
generator with the shipped example's inputs, changed by defined name where the story needs it.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from stdnum.dk import cvr

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbook_templates" / "eksempel-2027.xlsx"
AGREEMENT = ROOT / "src" / "dsi_xl" / "agreement" / "data" / "randers-2026.toml"
MUNICIPALITIES = ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Horsens", "Kolding", "Silkeborg",
                  "Herning", "Viborg"]
YEARS = (2026, 2027, 2028, 2029)
COPY_EVERY = 20  # in the benchmark's inbox one file in twenty is sent twice
NAME = "regnskabsskabelon.xlsx"  # what every municipality calls the file it sends


def valid_cvr(n: int) -> str:
    """The ``n``-th of a spread of valid CVR numbers from 30000000 on (stdnum checks modulus 11)."""
    found = [c for c in (str(30000000 + i) for i in range(2000)) if cvr.is_valid(c)]
    return found[n * 7]


def agreement_file(folder: Path, agreement_id: str, name: str, number: str) -> Path:
    """A synthetic agreement: randers-2026's terms for another recipient."""
    text = (AGREEMENT.read_text(encoding="utf-8").replace('id = "randers-2026"', f'id = "{agreement_id}"')
            .replace('name = "Randers Kommune"', f'name = "{name}"').replace('cvr = "29189668"', f'cvr = "{number}"'))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{agreement_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the benchmark's inbox: many files, made fast by replacing strings in the example's package ----

def _patched(source: dict[str, bytes], target: Path, agreement_id: str, name: str, number: str, year: int) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for member, data in source.items():
            if member.startswith("xl/worksheets/"):
                data = (data.replace(b"randers-2026", agreement_id.encode())
                        .replace(b"Randers Kommune", name.encode()).replace(b"29189668", number.encode()))
                if member.endswith("sheet2.xml"):  # Stamdata: the accounts year
                    data = data.replace(b"<v>2027</v>", f"<v>{year}</v>".encode(), 1)
            out.writestr(member, data)


def many(folder: Path, files: int) -> tuple[list[str], Path]:
    """``files`` submissions: agreements for ten municipalities in turn, four accounts years each
    (the example's figures with the year changed, so later years get findings, as early files
    do), and one file in twenty a byte copy under another folder. Returns the paths and the
    agreements' folder."""
    terms = folder / "tilsagn"
    copies = files // COPY_EVERY
    with zipfile.ZipFile(EXAMPLE) as zf:
        source = {m: zf.read(m) for m in zf.namelist()}
    paths = []
    for n in range((files - copies) // len(YEARS)):
        town = MUNICIPALITIES[n % len(MUNICIPALITIES)]
        agreement_id, name, number = f"bench-{n:03d}", f"{town} Kommune", valid_cvr(n % len(MUNICIPALITIES))
        agreement_file(terms, agreement_id, name, number)
        for year in YEARS:
            target = folder / town.lower() / f"{agreement_id}-{year}" / NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            _patched(source, target, agreement_id, name, number, year)
            paths.append(str(target))
    originals = len(paths)
    for n in range(files - originals):  # the copies (and any rest): the same bytes under another folder
        original = Path(paths[n * COPY_EVERY % originals])
        target = folder / f"igen-{n // originals}" / original.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(original.read_bytes())
        paths.append(str(target))
    return paths, terms


# -- the README's demo: a small inbox that tells a story ----------------------------------------

def _render(agreement_id: str, terms: Path, target: Path, changes: dict[str, Any]) -> None:
    from dsi_xl import agreement as agreements
    from dsi_xl import template
    from dsi_xl.template.example import INPUTS
    from dsi_xl.template.render import render

    found = (
        agreements.load_file(terms / f"{agreement_id}.toml") if agreement_id != "randers-2026" else agreements.load()
    )
    inputs = {name: [list(row) for row in grid] for name, grid in INPUTS.items()}
    for name, value in changes.items():
        if isinstance(value, dict):
            for (r, c), cell in value.items():
                inputs[name][r][c] = cell
        else:
            inputs[name] = [[value]]
    target.parent.mkdir(parents=True, exist_ok=True)
    template.save(render(template.layout_for(found), inputs), target)


def demo(folder: Path) -> tuple[list[str], Path]:
    """Randers 2026-2027 with a corrected 2027 sent later that restates a 2026 cost; Aarhus 2026
    and 2028 (2027 missing); Odense 2027 sent twice. Every file is called regnskabsskabelon.xlsx."""
    from dsi_xl.agreement import load
    from dsi_xl.spec import (
        DSI_CVR,
        DSI_FAKTISK,
        DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
        DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
        DSI_KOMMUNE,
        DSI_RAADGIVERE,
        DSI_REGNSKABSAAR,
        DSI_SAGER,
        DSI_TILBAGEBETALT_BELOEB,
        DSI_TILBAGEBETALT_DATO,
        DSI_UDBETALT_BELOEB,
        DSI_UDBETALT_DATO,
        DSI_UNDERSKRIFT_DATO,
        goals,
    )

    # Randers' goals' own names: departures and headcounts, cases closed and all, citizens moved and all
    (left, staff), (closed, cases), (moved, citizens) = ([s.name for s in g.inputs] for g in goals(load()))
    terms = folder / "tilsagn"
    people = {"aarhus-2026": ("Aarhus Kommune", valid_cvr(0)), "odense-2026": ("Odense Kommune", valid_cvr(1))}
    for agreement_id, (name, number) in people.items():
        agreement_file(terms, agreement_id, name, number)
    first_year = {DSI_REGNSKABSAAR: 2026, DSI_UNDERSKRIFT_DATO: datetime(2027, 5, 20),
                  DSI_FAKTISK: {(0, 1): None, (1, 1): None}, DSI_UDBETALT_DATO: {(1, 0): None},
                  DSI_UDBETALT_BELOEB: {(1, 0): None}, DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: {(0, 0): None},
                  DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: {(0, 0): None}}
    third_year = {
        DSI_REGNSKABSAAR: 2028,
        DSI_UNDERSKRIFT_DATO: datetime(2029, 5, 10),
        DSI_FAKTISK: {(0, 2): 0, (1, 2): 655000},
        DSI_UDBETALT_DATO: {(2, 0): datetime(2028, 3, 28)},
        DSI_UDBETALT_BELOEB: {(2, 0): 650000},
        # measurement year 3 (March 2028 - February 2029), the 2028 quarters, rate 1 repaid
        left: {(0, 1): 5},
        staff: {(r, 1): 25 for r in range(12)},
        closed: {(0, 1): 21},
        cases: {(0, 1): 118},
        moved: {(0, 1): 10},
        citizens: {(0, 1): 74},
        DSI_SAGER: {(0, c): 124 for c in range(8, 12)},
        DSI_RAADGIVERE: {(0, c): 2 for c in range(8, 12)},
        DSI_TILBAGEBETALT_BELOEB: {(0, 0): 1133397.30},
        DSI_TILBAGEBETALT_DATO: {(0, 0): datetime(2028, 7, 25)},
    }
    files = {
        "randers-2026": [("2026", first_year), ("2027", {}),
                         ("2027-rettet", {DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 12), DSI_FAKTISK: {(1, 0): 551000}})],
        "aarhus-2026": [("2026", first_year), ("2028", third_year)],
        "odense-2026": [("2027", {})],
    }
    paths = []
    for agreement_id, versions in files.items():
        name, number = people.get(agreement_id, ("Randers Kommune", "29189668"))
        town = name.split()[0].lower()
        for label, changes in versions:
            target = folder / town / label / NAME
            _render(agreement_id, terms, target, {DSI_KOMMUNE: name, DSI_CVR: number} | changes)
            paths.append(str(target))
    copy = folder / "videresendt" / "odense" / "2027" / NAME  # the same mail forwarded again
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(Path(paths[-1]).read_bytes())
    return [*paths, str(copy)], terms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=None, help="the benchmark's inbox of this many files")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    paths, terms = many(args.folder, args.files) if args.files else demo(args.folder)
    print(f"{len(paths)} filer i {args.folder}; tilsagnene i {terms} (DSI_XL_AGREEMENTS={terms})", file=sys.stderr)


if __name__ == "__main__":
    main()
