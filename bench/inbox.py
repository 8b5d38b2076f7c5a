"""Generated inboxes of returned templates, for the scale benchmark and the README's DSI run.

    python3 bench/inbox.py FOLDER            # the README's demo: three municipalities' agreements, 2026-2029
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


def agreement_file(folder: Path, agreement_id: str, name: str, number: str, amendments: str = "") -> Path:
    """A synthetic agreement: randers-2026's terms for another recipient (and ``amendments``, TOML)."""
    text = (AGREEMENT.read_text(encoding="utf-8").replace('id = "randers-2026"', f'id = "{agreement_id}"')
            .replace('name = "Randers Kommune"', f'name = "{name}"').replace('cvr = "29189668"', f'cvr = "{number}"'))
    text += amendments
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

WITHHELD = """
[[amendments]]
number = 1
date = 2028-03-20
clause = "6.1.1(iii)"
text = "Rate 3 tilbageholdes, fordi sagsstammen var over 65 i to kvartaler."
changes = [
  { term = "installments.3.withheld", value = true },
]
"""
"""DSI's decision for Odense: installment 3 (650.000 kr., due 31.03.2028) withheld (TILSAGNSDATA.md)."""


def _render(agreement_id: str, terms: Path, target: Path, changes: dict[str, Any], cache: bool = True) -> None:
    """The template of ``agreement_id`` filled with the example's inputs, ``changes`` by defined
    name (a value for a 1x1 name, ``{(row, col): value}`` for cells), saved to ``target``; with
    ``cache`` every formula cell holds the value dsi-xl computes (slower: the formulas engine)."""
    import os

    from dsi_xl import agreement as agreements
    from dsi_xl import template
    from dsi_xl.template.example import INPUTS
    from dsi_xl.template.render import render

    os.environ["DSI_XL_AGREEMENTS"] = str(terms)  # the cached values ask the functions for this agreement
    found = agreements.load(agreement_id)
    inputs = {name: [list(row) for row in grid] for name, grid in INPUTS.items()}
    for name, value in changes.items():
        if isinstance(value, dict):
            for (r, c), cell in value.items():
                inputs[name][r][c] = cell
        else:
            inputs[name] = [[value]]
    target.parent.mkdir(parents=True, exist_ok=True)
    template.save(render(template.layout_for(found), inputs), target, cache=cache)


def stories() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The demo's files by agreement: (folder label, changes to the example's inputs) each.

    Randers sends 2026, 2027, a corrected 2027 signed later (a 2026 cost restated), and 2028 (rate
    1 and 2027's unused grant repaid). Aarhus sends 2026 and 2028, never 2027. Odense sends 2026,
    2027 (twice, the same bytes: see :func:`demo`) and 2028, which does not show rate 1 repaid. In
    Aarhus' folder lies one more 2027 file in Randers' template, with Randers' CVR number and
    Aarhus' name: it is nobody's accounts and counts nowhere. DSI has withheld Odense's installment
    3 (:data:`WITHHELD`), and Odense's 2028 leaves it blank. Figures by hand in the README and in
    tests/test_portfolio.py."""
    from dsi_xl.agreement import load
    from dsi_xl.spec import (
        DSI_FAKTISK,
        DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
        DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
        DSI_KOMMUNE,
        DSI_KONTAKT_EMAIL,
        DSI_KONTAKT_NAVN,
        DSI_PERIODISERING,
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
    corrected = {DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 12), DSI_FAKTISK: {(1, 0): 551000}}
    randers_2028 = third_year | {  # the corrected cost, 2027's unused grant (2.000 kr.) repaid, a smaller accrual
        DSI_FAKTISK: third_year[DSI_FAKTISK] | corrected[DSI_FAKTISK], DSI_PERIODISERING: 100000,
        DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: {(0, 1): 2000},
        DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: {(0, 1): datetime(2028, 7, 28)}}
    odense_2028 = third_year | {  # rate 1 not repaid; 2027's unused grant (5.000 kr.) repaid
        DSI_TILBAGEBETALT_BELOEB: {(0, 0): None}, DSI_TILBAGEBETALT_DATO: {(0, 0): None}, DSI_PERIODISERING: 103333,
        DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: {(0, 1): 5000},
        DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: {(0, 1): datetime(2028, 7, 15)}}
    # installment 3 withheld (WITHHELD): left blank, and nothing is left to hold back as accrual
    odense_2028 |= {DSI_UDBETALT_DATO: {(2, 0): None}, DSI_UDBETALT_BELOEB: {(2, 0): None}, DSI_PERIODISERING: 0}
    spoof = {DSI_KOMMUNE: "Aarhus Kommune", DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 20),
             DSI_KONTAKT_NAVN: "Jonas Bak", DSI_KONTAKT_EMAIL: "jonas.bak@aarhus.dk"}
    return {
        "randers-2026": [("randers/2026", first_year), ("randers/2027", {}), ("randers/2027-rettet", corrected),
                         ("randers/2028", randers_2028), ("aarhus/2027-i-randers-skabelon", spoof)],
        "aarhus-2026": [("aarhus/2026", first_year), ("aarhus/2028", third_year)],
        "odense-2026": [("odense/2026", first_year), ("odense/2027", {}), ("odense/2028", odense_2028)],
    }


def demo(folder: Path, cache: bool = True) -> tuple[list[str], Path]:
    """The story of :func:`stories` in ``folder`` (every file called regnskabsskabelon.xlsx, one
    folder each), Odense's 2027 forwarded again under ``videresendt/``; returns the paths and the
    agreements' folder (``folder/tilsagn``)."""
    from dsi_xl.spec import DSI_CVR, DSI_KOMMUNE, DSI_KONTAKT_EMAIL, DSI_KONTAKT_NAVN

    terms = folder / "tilsagn"
    people = {"aarhus-2026": ("Aarhus Kommune", valid_cvr(0)), "odense-2026": ("Odense Kommune", valid_cvr(1))}
    contacts = {"randers-2026": ("Mette Holm Jensen", "mette.holm.jensen@randers.dk"),
                "aarhus-2026": ("Jonas Bak", "jonas.bak@aarhus.dk"),
                "odense-2026": ("Sara Lund Nielsen", "sara.lund.nielsen@odense.dk")}
    for agreement_id, (name, number) in people.items():
        agreement_file(terms, agreement_id, name, number, WITHHELD if agreement_id == "odense-2026" else "")
    paths = []
    for agreement_id, versions in stories().items():
        name, number = people.get(agreement_id, ("Randers Kommune", "29189668"))
        who, mail = contacts[agreement_id]
        for label, changes in versions:
            target = folder / label / NAME
            _render(agreement_id, terms, target, {DSI_KOMMUNE: name, DSI_CVR: number, DSI_KONTAKT_NAVN: who,
                                                  DSI_KONTAKT_EMAIL: mail} | changes, cache)
            paths.append(str(target))
    copy = folder / "videresendt" / "odense" / "2027" / NAME  # the same mail forwarded again
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes((folder / "odense" / "2027" / NAME).read_bytes())
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
