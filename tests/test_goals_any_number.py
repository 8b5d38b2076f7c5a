"""A fourth payment goal is a goal (issue 24, "Why"): an agreement with four goals gets a real Mål 4
block in its template, its missing inputs are found as Randers' are, and the repayment is
computed and judged as Randers' is, where before the goal was silently dropped (an empty ``Mål 4``
row, ``DSI_TILBAGEBETALING`` [[None, None]] and status ok).

The fourth goal is a share without named inputs, so its names are the defaults of TILSAGNSDATA.md:
``DSI_M4_TAELLER`` and ``DSI_M4_NAEVNER``, result ``DSI_M4_RESULTAT``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dsi_xl import template
from dsi_xl.agreement import DATA_DIR, load_file
from dsi_xl.template.example import INPUTS
from dsi_xl.template.render import render
from dsi_xl.validation.engine import validate_file

FOURTH = '''
[[goals]]
number = 4
title = "Flere borgere i beskæftigelse"
indicator = "share"
direction = "higher"
baseline = 20.0
baseline_period = "2024"
dkk_per_point = 50000
renegotiation_threshold = 3
'''
AS_OF = date(2028, 9, 1)
SIGNED = datetime(2028, 8, 15)  # after rate 1 was due to be paid (31.07.2028), so it is judged
GOAL_4 = {"DSI_M4_TAELLER": [[26, None]], "DSI_M4_NAEVNER": [[100, None]]}  # 26 %: 6 pp x 50.000 = 300.000


@pytest.fixture
def four_goals(tmp_path, monkeypatch):
    """Randers' agreement with a fourth goal, as DSI would write it: one more [[goals]] table."""
    text = (DATA_DIR / "randers-2026.toml").read_text(encoding="utf-8").replace('id = "randers-2026"',
                                                                                 'id = "fire-maal-2026"')
    folder = tmp_path / "tilsagn"
    folder.mkdir()
    path = folder / "fire-maal-2026.toml"
    path.write_text(text.replace("\n# 5.2 Afkastloftet", FOURTH + "\n# 5.2 Afkastloftet"), encoding="utf-8")
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(folder))
    return load_file(path)


def _filed(agreement, folder: Path, extra: dict) -> Path:
    """Randers' example for 2027, signed late (so rate 1's repayment is judged), in ``agreement``'s template."""
    more = len(agreement.goals) - 3  # Randers' example has three goals' 2025 results and forecasts
    padded = {name: grid + [[None, None]] * more for name, grid in INPUTS.items() if name.startswith("DSI_X_PROGNOSE")}
    padded["DSI_BASELINE_2025"] = [INPUTS["DSI_BASELINE_2025"][0] + [None] * more]
    inputs = INPUTS | padded | {"DSI_UNDERSKRIFT_DATO": [[SIGNED]]} | extra
    path = folder / f"{agreement.id}.xlsx"
    template.save(render(template.layout_for(agreement), inputs), path, cache=False)
    return path


def test_the_template_has_a_real_fourth_block(four_goals):
    layout = template.layout_for(four_goals)
    for name in ("DSI_M4_TAELLER", "DSI_M4_NAEVNER", "DSI_M4_RESULTAT"):
        assert layout.names[name][0] == "Betalingsmål", name
    sheet = layout.sheets["Betalingsmål"]
    result = layout.names["DSI_M4_RESULTAT"][1].split(":")[0]
    fourth = [cell.value for (r, c), cell in sheet.cells.items() if isinstance(cell.value, str)
              and cell.value.startswith("=IF(") and result in cell.value]
    assert fourth, "the fourth row of the results reads goal 4's result"
    assert '=""' not in {cell.value for cell in sheet.cells.values()}
    texts = {cell.value for cell in sheet.cells.values()}
    assert "Mål 4: Flere borgere i beskæftigelse" in texts


def test_randers_own_goals_judge_the_repayment(tmp_path, randers):
    result = validate_file(_filed(randers, tmp_path, {}), as_of=AS_OF)
    assert "MAAL-04" in {f.rule for f in result.findings if f.severity == "fejl"}
    assert result.computed["DSI_TILBAGEBETALING"][0][0] is not None


def test_the_fourth_goals_missing_inputs_are_a_fejl(four_goals, tmp_path):
    result = validate_file(_filed(four_goals, tmp_path, {}), as_of=AS_OF)
    missing = {f.name for f in result.findings if f.rule == "MAAL-01" and f.severity == "fejl"}
    assert missing == {"DSI_M4_TAELLER", "DSI_M4_NAEVNER"}
    assert result.status == "fejl"


def test_the_fourth_goal_counts_in_the_repayment(four_goals, tmp_path, randers):
    result = validate_file(_filed(four_goals, tmp_path, GOAL_4), as_of=AS_OF)
    randers_due = validate_file(_filed(randers, tmp_path, {}), as_of=AS_OF).computed["DSI_TILBAGEBETALING"][0][0]
    assert result.computed["DSI_M4_RESULTAT"] == [[26.0, None]]
    assert result.computed["DSI_BETALING"][3] == [300000, None]
    assert result.computed["DSI_TILBAGEBETALING"] == [[randers_due + 300000, None]]
    assert "MAAL-04" in {f.rule for f in result.findings if f.severity == "fejl"}  # not repaid, as for Randers
    assert not {f.rule for f in result.findings if f.rule == "MAAL-01"}
