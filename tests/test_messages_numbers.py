"""Every message that shows a number shows what the cell holds (issue 29, case 10): Danish
notation, at most 15 significant digits (:func:`dsi_xl.format.held`, the one helper), never a
rounding that contradicts the sentence, "teksten" only for text; and the template commands give
one sentence, not a traceback, for a path they cannot write."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal

import pytest
from click.testing import CliRunner

from dsi_xl.cli import main
from dsi_xl.errors import describe
from dsi_xl.format import held
from dsi_xl.spec import DSI_FAKTISK, DSI_SAGER
from dsi_xl.validation.engine import validate
from submission_builder import build

LONG_NUMBER = re.compile(r"\d[\d.,]{25,}")  # more than 15 significant digits, however they are grouped


@pytest.mark.parametrize("value, shown", [
    (5e-324, "5E-324"), (1e308, "1E+308"), (100.0000001, "100,0000001"), (1234567.891, "1.234.567,891"),
    (0.1 + 0.2, "0,3"), (123456789012345678.0, "1,23456789012346E+17"), (-5, "-5"), (Decimal("0.005"), "0,005"),
    (999999999999999, "999.999.999.999.999"), (1 / 3, "0,333333333333333"), (0, "0"),
])
def test_held_is_what_the_cell_holds_in_danish_notation(value, shown):
    assert held(value) == shown
    assert len(re.sub(r"\D", "", shown.split("E")[0]).lstrip("0")) <= 15


def test_describe_calls_only_text_text():
    assert describe("abc") == 'teksten "abc"'
    assert describe(time(12, 30)) == "værdien 12:30:00" and describe(date(2027, 1, 2)) == "datoen 02.01.2027"
    assert "teksten" not in describe(Decimal("NaN")) and "teksten" not in describe(object())


def _messages(agreement, **changes) -> list[str]:
    return [f.message for f in validate(build(agreement, **changes), agreement=agreement,
                                        as_of=date(2028, 6, 1)).findings]


@pytest.mark.parametrize("value", [5e-324, 1e308, 1.0000000000000002, 123456789.123456789])
def test_no_rule_prints_a_number_longer_than_a_cell_shows(randers, value):
    messages = _messages(randers, **{DSI_FAKTISK: {(0, 0): value}, DSI_SAGER: {(0, 0): value}})
    assert messages
    for message in messages:
        assert not LONG_NUMBER.search(message), message
        assert "fandt 0." not in message and "fandt 0," not in message, message  # 5e-324 is not 0


def test_the_subnormal_amount_is_shown_as_it_is(randers):
    (message,) = [m for m in _messages(randers, **{DSI_FAKTISK: {(0, 0): 5e-324}}) if "brøkdele" in m]
    assert "5E-324 kr." in message


def test_template_and_example_to_a_path_that_cannot_be_written_say_so(tmp_path):
    for command in ("template", "example"):
        for out in ("/proc/x.xlsx", str(tmp_path / ("a" * 300 + ".xlsx")), str(tmp_path / command / "x.xlsx")):
            result = CliRunner().invoke(main, [command, "--out", out])
            if out.endswith(f"{command}/x.xlsx"):  # a missing folder is made, as before
                assert result.exit_code == 0, result.output
                continue
            assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
            assert "Traceback" not in result.output and "kan ikke skrives" in result.output, result.output
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".dsi-xl-tmp-")]
