"""Exact money: floats through their shortest representation, øre rounding half up."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsi_xl.errors import MissingValue, NotANumber, OutOfRange
from dsi_xl.money import round_ore, to_count, to_decimal, to_excel


def test_float_from_excel_keeps_what_was_typed():
    assert to_decimal(33.6, "x") == Decimal("33.6")
    assert to_decimal(0.1, "x") + to_decimal(0.2, "x") == Decimal("0.3")


def test_round_half_up_to_ore():
    assert round_ore(Decimal("0.005")) == Decimal("0.01")
    assert round_ore(Decimal("2.345")) == Decimal("2.35")
    assert round_ore(Decimal("-2.345")) == Decimal("-2.35")


def test_to_excel_gives_clean_numbers():
    assert to_excel(Decimal("399000.00")) == 399000 and isinstance(to_excel(Decimal("399000.00")), int)
    assert repr(to_excel(Decimal("7000.50"))) == "7000.5"
    assert to_excel(None) is None


@pytest.mark.parametrize(
    ("value", "error", "text"),
    [
        (None, MissingValue, "en tom celle"),
        ("  ", MissingValue, "en tom celle"),
        ("tolv", NotANumber, 'teksten "tolv"'),
        (True, NotANumber, "SAND"),
        (float("nan"), NotANumber, "endeligt"),
        (float("inf"), NotANumber, "endeligt"),
    ],
)
def test_bad_values_raise_the_projects_error(value, error, text):
    with pytest.raises(error) as caught:
        to_decimal(value, "Antal")
    assert caught.value.message.startswith("Antal: forventede") and text in caught.value.message


def test_counts_are_whole_and_not_negative():
    assert to_count(12.0, "n") == 12
    with pytest.raises(OutOfRange, match="helt tal"):
        to_count(12.5, "n")
    with pytest.raises(OutOfRange, match="0 eller derover"):
        to_count(-1, "n")


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2))
def test_to_excel_round_trips_every_ore_amount(amount):
    assert to_decimal(to_excel(amount), "x") == amount


def test_counts_take_the_danish_singular_and_plural():
    from dsi_xl.format import count

    assert count(1, "advarsel", "advarsler") == "1 advarsel"
    assert count(0, "advarsel", "advarsler") == "0 advarsler"
    assert count(1200, "advarsel", "advarsler") == "1.200 advarsler"


def test_a_huge_ratio_in_a_message_is_a_number_not_an_internal_error():
    """Found by the fuzzer: 118 cases over 1,8E-25 advisors is a caseload of 28 digits and more."""
    from dsi_xl.format import decimal

    assert decimal(Decimal(118) / Decimal("1.776248009946703e-25")).startswith("664.321.645.058.679.812.801.981.665")
