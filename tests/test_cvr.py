"""The one CVR reading (dsi_xl.validation.cvr) answers as python-stdnum does, for every spelling: a
plain number is answered without importing stdnum (its imports cost every start), the rest by
stdnum."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from stdnum.dk import cvr
from stdnum.exceptions import ValidationError

from dsi_xl.validation.cvr import number, valid

_cvr = valid

DIGITS = st.text("0123456789", min_size=7, max_size=9)
SPELLINGS = st.one_of(
    DIGITS,
    DIGITS.map(lambda d: f"DK{d}"),
    DIGITS.map(lambda d: " ".join(d[i:i + 2] for i in range(0, len(d), 2))),
    DIGITS.map(lambda d: f" {d}-"),
    st.text(max_size=12),
    st.integers(min_value=0, max_value=10**9),
    st.floats(allow_nan=True),
)


def _stdnum(value: object) -> str | None:
    """What the check said before it had a plain path: stdnum's answer for the cell's text."""
    if value is None or isinstance(value, bool):
        return None
    raw = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    if not raw:
        return None
    try:
        return cvr.validate(raw)
    except (ValidationError, ValueError):
        return None


@given(SPELLINGS)
def test_the_check_answers_as_stdnum_does(value):
    assert _cvr(value) == _stdnum(value)


def test_valid_and_invalid_numbers_in_every_spelling():
    assert _cvr("29189668") == _cvr(29189668) == _cvr(29189668.0) == "29189668"
    assert _cvr("DK 29 18 96 68") == _cvr("29-18-96-68") == "29189668"
    assert _cvr("29189667") is None and _cvr("09189668") is None and _cvr("2918966") is None
    assert _cvr("") is None and _cvr(True) is None and _cvr("٢٩١٨٩٦٦٨") == _stdnum("٢٩١٨٩٦٦٨")


@given(SPELLINGS)
def test_the_identity_reads_a_number_as_stdnum_compacts_it(value):
    """Valid or not, the number a file states is what stdnum's compact makes of it, eight digits."""
    raw = _stdnum_text(value)
    try:
        expected = cvr.compact(raw) if raw is not None else None
    except (ValidationError, ValueError):
        expected = None
    assert number(value) == (expected if expected and len(expected) == 8 and expected.isascii()
                             and expected.isdigit() else None)


def _stdnum_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    raw = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    return raw or None


def test_a_plain_valid_number_does_not_import_stdnum():
    code = ("import sys\nfrom dsi_xl.validation.cvr import number, valid\n"
            "assert valid('29189668') == number('29189668') == '29189668' and valid('29189667') is None\n"
            "print('stdnum' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
