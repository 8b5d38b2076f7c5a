"""Which file counts (readings 7 and 8): of the files for one agreement, CVR and accounts year, the
one signed last on a possible date; never a file that is not the recipient's; and the run says
why each file counts or not."""

from __future__ import annotations

from datetime import datetime

from dsi_xl.spec import DSI_CVR, DSI_KOMMUNE, DSI_TILSAGN_ID, DSI_UNDERSKRIFT_DATO
from dsi_xl.validation.history import compare
from test_history import file, hits


def test_a_typo_in_the_year_never_beats_a_correction_signed_on_a_possible_date():
    """Today the later date wins, "15.05.2082" included: the typo beats the correction of 20.06.2028."""
    typo = file(2027, "randers-2027.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2082, 5, 15)})
    corrected = file(2027, "rettet/randers-2027.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 20)})
    for order in ([typo, corrected], [corrected, typo]):
        results = compare(order)
        counted = [r.file for r in results if r.counted]
        assert counted == ["rettet/randers-2027.xlsx"], order
        chosen = next(r for r in results if r.counted)
        assert "mulig" in chosen.why and "20.06.2028" in chosen.why
        other = next(r for r in results if not r.counted)
        assert "rettet/randers-2027.xlsx tælles" in other.why
        message = dict(hits(results, "HISTORIK-02"))["randers-2027.xlsx"].message
        assert "underskrevet 20.06.2028" in message and "mulig" in message


def test_a_date_before_the_years_end_never_wins_either():
    early = file(2028, "randers-2028.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2026, 1, 1)})
    signed = file(2028, "igen/randers-2028.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2029, 3, 1)})
    assert [r.counted for r in compare([signed, early])] == [True, False]


def test_two_impossible_dates_the_file_given_last_counts():
    a = file(2027, "a.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2082, 5, 15)})
    b = file(2027, "b.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2026, 1, 1)})
    results = compare([a, b])
    assert [r.counted for r in results] == [False, True] and "angivet sidst" in results[1].why


def test_a_file_stating_another_recipients_cvr_counts_nowhere_and_is_compared_with_nothing():
    """Aarhus' accounts under Randers' agreement with Randers' CVR number, signed later: today it
    becomes the counted Randers 2027 file and its findings quote Randers' own files."""
    randers = [file(2026), file(2027)]
    spoof = file(2027, "aarhus/randers-2027.xlsx", **{DSI_KOMMUNE: "Aarhus Kommune",
                                                      DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 20)})
    results = compare([*randers, spoof])
    assert [r.counted for r in results] == [True, True, False]
    assert ("STAM-08", "fejl") in {(f.rule, f.severity) for f in results[2].findings}
    assert "Aarhus Kommune" in results[2].why and "ikke tilsagnsmodtageren" in results[2].why
    assert not [f for f in results[2].findings if f.rule.startswith("HISTORIK-")]
    assert not [f for r in results[:2] for f in r.findings if f.rule.startswith("HISTORIK-")]


def test_a_file_of_another_agreement_stating_randers_cvr_is_an_error_and_counts_nowhere():
    other = file(2027, "aarhus/2027.xlsx", **{DSI_CVR: "29189668", DSI_KOMMUNE: "Aarhus Kommune"})
    results = compare([file(2027), other])
    assert [r.counted for r in results] == [True, False]
    assert results[1].status == "fejl"


def test_why_each_file_counts_or_not():
    from dataclasses import replace

    from dsi_xl.validation.engine import _unreadable

    alone = file(2026)
    copy = replace(alone, file="kopi/randers-2026.xlsx")
    foreign = file(2027, "aarhus.xlsx", **{DSI_CVR: "55133018"})
    unknown = file(2027, "ukendt.xlsx", **{DSI_TILSAGN_ID: "ukendt-2026"})
    broken = _unreadable("x.xlsx", "Filen kan ikke læses.", "abc")
    results = compare([alone, copy, foreign, unknown, broken])
    assert [r.counted for r in results] == [True, False, False, False, False]
    why = [r.why for r in results]
    assert why[0] == "eneste fil for regnskabsåret 2026"
    assert why[1].startswith("kopi") and "randers-2026.xlsx" in why[1]
    assert "CVR-nummeret 55133018 er ikke tilsagnsmodtagerens" in why[2]
    assert "intet tilsagn" in why[3] and why[4].startswith("ulæselig")
