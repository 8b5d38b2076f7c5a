"""One identity: a CVR number is read the same way by the rules, the identity fields, the history,
the overview and the portfolio (python-stdnum's dk.cvr); the identity carries the contact person;
and a result's figures stay typed (dates, Decimals) until a writer turns them into text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from dsi_xl.spec import DSI_CVR, DSI_FAKTISK, DSI_KONTAKT_EMAIL, DSI_KONTAKT_NAVN, DSI_UNDERSKRIFT_DATO
from dsi_xl.validation import cvr
from dsi_xl.validation.history import compare
from test_history import file, hits

FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in "29189668")  # as a Japanese keyboard types digits
WRITTEN = ["29 18 96 68", "29-18-96-68", "DK29189668", "dk 29189668", FULL_WIDTH, 29189668, 29189668.0]


@pytest.mark.parametrize("written", WRITTEN, ids=repr)
def test_every_way_of_writing_randers_cvr_is_one_number_for_rules_and_identity(written):
    assert cvr.number(written) == cvr.valid(written) == "29189668"
    result = file(2027, **{DSI_CVR: written})
    assert result.identity["cvr"] == "29189668"
    assert not [f for f in result.findings if f.rule in ("STAM-02", "STAM-03")]


def test_an_invalid_or_missing_number_is_no_identity():
    assert cvr.number("2918966") is None and cvr.number(None) is None and cvr.number(True) is None
    assert cvr.number("29189669") == "29189669" and cvr.valid("29189669") is None  # stated, but the check digit fails


def test_a_correction_with_its_cvr_written_otherwise_replaces_the_file_it_corrects():
    """Today's identity accepted ASCII digits only: "DK29189668" gave an empty CVR, the file fell out
    of the history and a corrected file counted beside the one it corrects (costs twice, no
    HISTORIK-02)."""
    first = file(2027, "randers-2027.xlsx")
    corrected = file(2027, "rettet/randers-2027.xlsx", **{DSI_CVR: "DK 29 18 96 68",
                                                         DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 20)})
    results = compare([first, corrected])
    assert [r.counted for r in results] == [False, True]
    assert sorted(name for name, _ in hits(results, "HISTORIK-02")) == ["randers-2027.xlsx", "rettet/randers-2027.xlsx"]


def test_the_identity_names_the_contact_person():
    result = file(2027, **{DSI_KONTAKT_NAVN: " Anne Andersen ", DSI_KONTAKT_EMAIL: "anne@randers.dk"})
    assert result.identity["kontakt_navn"] == "Anne Andersen"
    assert result.identity["kontakt_email"] == "anne@randers.dk"


def test_a_result_stays_typed_from_the_engine_to_the_writers():
    result = file(2027, **{DSI_FAKTISK: {(0, 0): 399_999.5}})
    assert isinstance(result.identity["underskrift_dato"], date)
    assert isinstance(result.as_of, date) and isinstance(result.run_day, date)
    amounts = [v for grid in result.computed.values() for row in grid for v in row if v is not None]
    assert amounts and all(isinstance(v, Decimal) for v in amounts)
    assert all(isinstance(v, Decimal) for v in result.facts.values() if isinstance(v, (int, float, Decimal))
               and not isinstance(v, bool))
    data = result.as_dict()  # the spec's object, still typed: only the JSON writer makes text of it
    assert isinstance(data["underskrift_dato"], date) and isinstance(data["as_of"], date)
    assert isinstance(data["computed"]["DSI_IKKE_ANVENDT"][0][0], Decimal)


def test_the_json_writer_makes_iso_dates_and_numbers():
    import json

    from dsi_xl.report.formats import jsonout

    result = replace(file(2027), file="randers-2027.xlsx")
    item = json.loads(jsonout.text([result]))[0]
    assert item["underskrift_dato"] == "2028-05-15" and item["as_of"] == "2028-05-15"
    assert item["computed"]["DSI_M1_RESULTAT"] == [[28.0, None]]
    assert isinstance(item["computed"]["DSI_TILBAGEBETALING"][0][0], int)
    assert item["kontakt_navn"] == "Anne Andersen" and item["kontakt_email"] == "anne.andersen@kommune.dk"

