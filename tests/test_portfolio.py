"""DSI's portfolio on a generated inbox (bench/inbox.py's story: three agreements over four budget
years) against figures worked out by hand; totals that add up only what may be added; the file
from Aarhus that states Randers' CVR counts nowhere; and no copy sent back holds DSI's folders
or another sender's files.

The story, judged on 01.07.2029 (every file rendered from the shipped example's inputs):

- Randers (randers-2026): 2026, 2027, a corrected 2027 signed later (2026's coordinator cost
  551.000 instead of 548.000 kr.) and 2028 (rate 1 repaid 25.07.2028, 2027's unused grant of
  2.000 kr. repaid 28.07.2028, accrual 100.000 kr.).
- Aarhus (aarhus-2026): 2026 and 2028; 2027 never sent (due 30.06.2028: missing).
- Odense (odense-2026): 2026, 2027 (and the same bytes again), 2028 without rate 1 repaid
  (due 31.07.2028: overdue), 2027's unused grant of 5.000 kr. repaid.
- In Aarhus' folder a 2027 file in Randers' template with Randers' CVR and Aarhus' name.
- DSI withheld Odense's installment 3 on 20.03.2028 (an amendment, TILSAGNSDATA.md): its grant as
  amended is 2.350.000 - 650.000 = 1.700.000, nothing is received in 2028, its 2028 accounts
  leave the installment blank and hold nothing back (accrual 0).

By hand (kr.):
- Each agreement's grant 2.350.000 (Odense's 1.700.000 as amended); received 1.050.000 (2026) + 650.000
  (2027) + 650.000 (2028; Odense 0).
- Costs 2026: 392.500 + 548.000 = 940.500; 2027: 0 + 645.000; 2028: 0 + 655.000; 2.240.500 in all.
- Unused grant 2026 (reading 5): 1.050.000 - 940.500 - accrual 108.333 = 1.167, repaid 20.07.2027.
- Randers 2027 (corrected): 1.700.000 - (392.500 + 551.000 + 645.000) - 108.333 - 1.167 = 2.000.
  Randers 2028: 2.350.000 - 2.243.500 - 100.000 - (1.167 + 2.000) = 3.333, due 31.07.2029.
- Odense 2027: 1.700.000 - 1.585.500 - 108.333 - 1.167 = 5.000; 2028 (installment 3 withheld):
  1.700.000 - 2.240.500 - 0 - 6.167 is below 0, so 0. Aarhus 2028: 2.350.000 - 2.240.500 - 108.333
  - 1.167 = 0.
- Rate 1 (measurement year 2, the example's): 656.297,30 + 332.800 + 144.300 = 1.133.397,30.
- Rate 2 (measurement year 3: turnover 5/25 = 20 %, 21/118 and 10/74 closed and moved): goal 1
  (33,7 - 20) x 70.000 = 959.000, capped at what is left of 900.000 after rate 1's 656.297,30:
  243.702,70; goal 2 (17,7966... - 12,4) x 128.000 = 690.766,10; goal 3 (13,5135... - 10,7) x
  111.000 = 312.300; in all 1.246.768,80 (the total cap of 3.000.000 is not reached), due 31.07.2029.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from dsi_xl import batch, portfolio
from dsi_xl.report import portfolio_table
from dsi_xl.report.annotate import annotate_all
from dsi_xl.report.copy_paths import copy_targets
from dsi_xl.report.formats import PORTFOLIO_FORMATS

sys.path.insert(0, str(ROOT / "bench"))
import inbox  # noqa: E402  (bench/inbox.py: the generator of the README's demo)

AS_OF = date(2029, 7, 1)
ODENSE = Decimal(1700000)  # Odense's grant as amended (installment 3 withheld), and what it received
INBOX = "post-fra-kommunerne"  # a folder name no copy may contain
D = Decimal


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """(inbox folder, results, portfolio) of the story, DSI_XL_AGREEMENTS set while it lasts."""
    folder = tmp_path_factory.mktemp("dsi") / INBOX
    before = os.environ.get("DSI_XL_AGREEMENTS")
    paths, terms = inbox.demo(folder, cache=False)
    os.environ["DSI_XL_AGREEMENTS"] = str(terms)
    try:
        results = batch.validate_files(batch.workbooks([folder]), as_of=AS_OF, jobs=1)
        yield folder, results, portfolio.of(results)
    finally:
        if before is None:
            os.environ.pop("DSI_XL_AGREEMENTS", None)
        else:
            os.environ["DSI_XL_AGREEMENTS"] = before


def _account(data, agreement):
    return next(a for a in data.accounts if a.agreement == agreement)


def _posts(account):
    return {p.short: (p.amount, p.paid, p.paid_on, p.outstanding, p.status) for p in account.posts}


RATE_1, RATE_2 = D("1133397.30"), D("1246768.80")


def test_three_agreements_four_years_each(run):
    _, _, data = run
    assert data.as_of == AS_OF
    assert [(a.municipality, a.agreement) for a in data.accounts] == [
        ("Aarhus Kommune", "aarhus-2026"), ("Odense Kommune", "odense-2026"), ("Randers Kommune", "randers-2026")]
    for account in data.accounts:
        assert [y.year for y in account.years] == [2026, 2027, 2028, 2029]
        assert [p.short for p in account.posts] == ["Ikke-anvendt 2026", "Ikke-anvendt 2027", "Ikke-anvendt 2028",
                                                    "Ikke-anvendt 2029", "Rate 1", "Rate 2"]
        grant = ODENSE if account.agreement == "odense-2026" else D(2350000)
        assert account.grant == grant and account.received == grant and account.costs == D(2240500)


def test_randers_by_hand(run):
    _, _, data = run
    randers = _account(data, "randers-2026")
    assert [(y.status, y.signed, y.on_time) for y in randers.years] == [
        ("modtaget", date(2027, 5, 20), True), ("modtaget", date(2028, 6, 12), True),
        ("modtaget", date(2029, 5, 10), True), ("ikke_forfalden", None, None)]
    assert "2027-rettet" in randers.years[1].file  # the corrected 2027 counts, signed later
    assert [(y.costs, y.received) for y in randers.years] == [
        (D(940500), D(1050000)), (D(645000), D(650000)), (D(655000), D(650000)), (None, None)]
    assert _posts(randers) == {
        "Ikke-anvendt 2026": (D(1167), D(1167), date(2027, 7, 20), D(0), "betalt"),
        "Ikke-anvendt 2027": (D(2000), D(2000), date(2028, 7, 28), D(0), "betalt"),
        "Ikke-anvendt 2028": (D(3333), D(0), None, D(3333), "ikke_forfalden"),
        "Ikke-anvendt 2029": (None, D(0), None, None, "ukendt"),
        "Rate 1": (RATE_1, RATE_1, date(2028, 7, 25), D(0), "betalt"),
        "Rate 2": (RATE_2, D(0), None, RATE_2, "ikke_forfalden"),
    }
    assert randers.owed == D(1167) + D(2000) + D(3333) + RATE_1 + RATE_2 == D("2386666.10")
    assert randers.paid == D(1167) + D(2000) + RATE_1 == D("1136564.30")
    assert randers.balance == D(3333) + RATE_2 == D("1250101.80") and randers.overdue == 0 and randers.missing == 0
    assert (randers.contact, randers.email) == ("Mette Holm Jensen", "mette.holm.jensen@randers.dk")
    assert randers.reconciliation is None  # the period's last deadline (31.07.2030) has not passed


def test_aarhus_missing_year_and_a_repaid_unused_grant(run):
    _, _, data = run
    aarhus = _account(data, "aarhus-2026")
    assert [y.status for y in aarhus.years] == ["modtaget", "mangler", "modtaget", "ikke_forfalden"]
    assert aarhus.missing == 1 and aarhus.years[1].file is None
    # the missing year's money is still counted: 2028's accounts restate 2027's costs and installment
    assert (aarhus.years[1].costs, aarhus.years[1].received) == (D(645000), D(650000))
    posts = _posts(aarhus)
    assert posts["Ikke-anvendt 2026"] == (D(1167), D(1167), date(2027, 7, 20), D(0), "betalt")
    assert posts["Ikke-anvendt 2027"] == (None, D(0), None, None, "ukendt")  # no 2027 accounts state it
    assert posts["Ikke-anvendt 2028"][0] == D(0) and posts["Ikke-anvendt 2028"][4] == "betalt"
    assert posts["Rate 1"] == (RATE_1, RATE_1, date(2028, 7, 25), D(0), "betalt")
    assert aarhus.owed == D(1167) + RATE_1 + RATE_2 and aarhus.balance == RATE_2 and aarhus.overdue == 0
    assert (aarhus.contact, aarhus.email) == ("Jonas Bak", "jonas.bak@aarhus.dk")


def test_odense_overdue_rate(run):
    _, _, data = run
    odense = _account(data, "odense-2026")
    posts = _posts(odense)
    assert posts["Rate 1"] == (RATE_1, D(0), None, RATE_1, "overskredet")
    assert posts["Ikke-anvendt 2027"] == (D(5000), D(5000), date(2028, 7, 15), D(0), "betalt")
    assert posts["Ikke-anvendt 2028"][0] == D(0)
    assert odense.overdue == RATE_1 and odense.balance == RATE_1 + RATE_2 == D("2380166.10")
    assert odense.paid == D(6167) and next(p for p in odense.posts if p.short == "Rate 1").difference == -RATE_1


def test_a_withheld_installment_is_the_grant_as_amended(run):
    """DSI withheld Odense's installment 3: the grant is 1.700.000 kr., 2028 received nothing, and
    the 2028 accounts that leave it blank are judged against the agreement as amended, not as the
    municipality's mistake (reading 12)."""
    _, results, data = run
    odense = _account(data, "odense-2026")
    assert odense.grant == D(1700000) and [y.received for y in odense.years][:3] == [D(1050000), D(650000), D(0)]
    assert odense.years[2].costs == D(655000)
    odense_2028 = next(r for r in results if r.file.endswith("odense/2028/regnskabsskabelon.xlsx"))
    assert [f.rule for f in odense_2028.findings if f.severity == "fejl"] == ["MAAL-04"]  # the rate alone


def test_totals_are_the_sum_over_the_agreements_each_once(run):
    _, _, data = run
    t = data.totals
    assert (t.grant, t.received, t.costs) == (2 * D(2350000) + ODENSE, 2 * D(2350000) + ODENSE, D(6721500))
    assert t.owed == D("7154332.30") and t.paid == D("2277295.60")
    assert t.balance == D("4877036.70") == t.owed - t.paid and t.overdue == RATE_1 and t.missing == 1
    for field, attribute in (("grant", "grant"), ("received", "received"), ("costs", "costs"), ("owed", "owed"),
                             ("paid", "paid"), ("balance", "balance"), ("overdue", "overdue"),
                             ("missing", "missing")):
        assert getattr(t, field) == sum(getattr(a, attribute) for a in data.accounts), field


def test_the_spoofed_file_counts_nowhere(run):
    _, results, data = run
    spoof = next(r for r in results if "2027-i-randers-skabelon" in r.file)
    assert not spoof.counted and "Aarhus Kommune" in spoof.why and spoof.status == "fejl"
    counted = [r.file for r in results if r.counted]
    assert spoof.file not in counted and all(spoof.file != y.file for a in data.accounts for y in a.years)
    assert not any(f.rule.startswith("HISTORIK-") for f in spoof.findings)


def _copies(run, tmp_path):
    folder, results, _ = run
    targets = copy_targets([r.file for r in results], tmp_path / "retur")
    assert list(annotate_all(results, targets)) == []
    return {r.file: targets[r.file] for r in results}


def _text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xml"))


def test_no_copy_names_dsis_folders_or_another_senders_files(run, tmp_path):
    folder, results, _ = run
    copies = _copies(run, tmp_path)
    others = ("videresendt", "2027-rettet", "2027-i-randers-skabelon", INBOX, str(folder), "/randers/", "/aarhus/",
              "/odense/")
    for source, copy in copies.items():
        text = _text(copy)
        assert "Fil: regnskabsskabelon.xlsx" in text, source
        for name in others:
            assert name not in text, (source, name)
    spoof = next(f for f in copies if "2027-i-randers-skabelon" in f)
    text = _text(copies[spoof])
    randers = [r for r in results if r.identity.get("kontakt_navn") == "Mette Holm Jensen"]
    for other in randers:  # nothing of Randers' own files: their signing dates, their contact
        assert other.identity["underskrift_dato"].strftime("%d.%m.%Y") not in text
    assert "Mette Holm Jensen" not in text and "HISTORIK-" not in text
    corrected = next(f for f in copies if "2027-rettet" in f)  # Randers' own other 2027 file, by its date
    assert "en anden fil for regnskabsåret 2027 med andet indhold (underskrevet 15.05.2028)" in _text(copies[corrected])


def test_json_is_the_specs_object(run):
    _, results, _ = run
    data = json.loads(PORTFOLIO_FORMATS["json"].render(results))
    assert data["as_of"] == "2029-07-01" and data["dsi_xl_version"]
    assert data["i_alt"] == {"tilskud": int(2 * D(2350000) + ODENSE), "modtaget_tilskud": int(2 * D(2350000) + ODENSE),
                             "faktiske_udgifter": 6721500,
                             "skyldigt": 7154332.3, "betalt": 2277295.6, "saldo": 4877036.7,
                             "overskredet": 1133397.3, "mangler": 1}
    odense = next(a for a in data["tilsagn"] if a["tilsagn"] == "odense-2026")
    assert {"tilsagn", "cvr", "kommune", "kontakt_navn", "kontakt_email", "tilskud", "regnskaber", "poster", "saldo",
            "overskredet", "forskel_5_3"} <= set(odense)
    assert odense["kontakt_email"] == "sara.lund.nielsen@odense.dk" and odense["forskel_5_3"] is None
    rate = next(p for p in odense["poster"] if p["art"] == "tilbagebetaling" and p["periode"] == 1)
    assert rate == {"art": "tilbagebetaling", "periode": 1, "beloeb": 1133397.3, "frist": "2028-07-31", "betalt": 0,
                    "betalt_dato": None, "udestaaende": 1133397.3, "forskel": -1133397.3, "status": "overskredet"}
    year = odense["regnskaber"][1]
    assert {k: year[k] for k in ("regnskabsaar", "frist", "status", "underskrift_dato", "til_tiden",
                                 "faktiske_udgifter", "modtaget_tilskud")} == {
        "regnskabsaar": 2027, "frist": "2028-06-30", "status": "modtaget", "underskrift_dato": "2028-05-15",
        "til_tiden": True, "faktiske_udgifter": 645000, "modtaget_tilskud": 650000}


def test_csv_has_a_row_per_post(run):
    import csv
    import io

    _, results, data = run
    text = PORTFOLIO_FORMATS["csv"].render(results).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows) == sum(len(a.posts) for a in data.accounts) == 18
    assert list(rows[0]) == [c.key for c in portfolio_table.TABLES["poster"]]
    overdue = [r for r in rows if r["status"] == "overskredet"]
    assert [(r["kommune"], r["art"], r["udestaaende"], r["kontakt_email"]) for r in overdue] == [
        ("Odense Kommune", "tilbagebetaling", "1133397,30", "sara.lund.nielsen@odense.dk")]


def test_text_lists_overdue_and_missing_first(run):
    _, results, _ = run
    text = PORTFOLIO_FORMATS["text"].render(results).decode("utf-8")
    first = text.index("Overskredet og mangler")
    assert first < text.index("Aarhus Kommune · aarhus-2026")
    block = text[first:text.index("Aarhus Kommune · aarhus-2026")]
    assert "Regnskab 2027" in block and "mangler" in block and "Tilbagebetaling rate 1" in block
    assert "1.133.397,30" in block and "overskredet" in block and "Randers" not in block
    assert "Kontakt: Sara Lund Nielsen, sara.lund.nielsen@odense.dk" in text
    assert "4.877.036,70" in text.split("I alt over 3 tilsagn")[1]


def test_the_command_line_writes_the_portfolio_and_says_whether_anything_is_overdue(run, tmp_path):
    from click.testing import CliRunner

    from dsi_xl.cli import main

    folder, _, _ = run
    out = tmp_path / "portefolje.json"
    runner = CliRunner()
    done = runner.invoke(main, ["portfolio", str(folder), "--as-of", "01.07.2029", "--format", "json", "--out",
                                str(out), "--jobs", "1"])
    assert done.exit_code == 1, done.output  # Odense's rate 1 is overdue, Aarhus' 2027 missing
    assert json.loads(out.read_text(encoding="utf-8"))["i_alt"]["overskredet"] == 1133397.3
    early = runner.invoke(main, ["portfolio", str(folder / "randers"), "--as-of", "01.06.2028", "--jobs", "1"])
    assert early.exit_code == 0, early.output  # before any deadline Randers has passed: nothing overdue or missing
    assert "Intet er overskredet, og intet regnskab mangler." in early.output
    assert runner.invoke(main, ["portfolio", str(folder), "--format", "xlsx"]).exit_code == 2  # needs --out


def test_a_rate_is_owed_only_as_files_whose_accounts_year_covers_it_state_it():
    """Reading 8: 2026 accounts filled early with measurement year 2's figures compute a rate 1
    on the sheet, but they cannot know it; the portfolio leaves rate 1 unknown until accounts that
    cover it (2027's, due 30.06.2028 after rate 1's statement 31.05.2028) state it."""
    from datetime import datetime

    from dsi_xl.agreement import load
    from dsi_xl.portfolio.accounts import account
    from dsi_xl.validation.engine import validate
    from submission_builder import build

    randers = load()
    early = {"DSI_M1_FRATRAEDELSER": {(0, 0): 7}, "DSI_M1_ANSATTE": {(r, 0): 25 for r in range(12)},
             "DSI_M2_AFSLUTTEDE": {(0, 0): 15}, "DSI_M2_SAGER": {(0, 0): 100},
             "DSI_M3_OVERGAAET": {(0, 0): 15}, "DSI_M3_BORGERE": {(0, 0): 100}}
    first = validate(build(randers, 2026, DSI_UNDERSKRIFT_DATO=datetime(2028, 4, 1), **early),
                     agreement=randers, as_of=date(2028, 4, 2))
    assert first.computed["DSI_TILBAGEBETALING"][0][0] is not None  # the sheet computes it
    rate_1 = next(p for p in account(randers, "29189668", {2026: first}, date(2028, 4, 2)).posts
                  if p.kind == "tilbagebetaling" and p.period == 1)
    assert rate_1.amount is None and rate_1.status == "ukendt"
    second = validate(build(randers, 2027), agreement=randers, as_of=date(2028, 6, 1))
    rate_1 = next(p for p in account(randers, "29189668", {2026: first, 2027: second}, date(2028, 6, 1)).posts
                  if p.kind == "tilbagebetaling" and p.period == 1)
    assert rate_1.amount == second.computed["DSI_TILBAGEBETALING"][0][0] is not None
