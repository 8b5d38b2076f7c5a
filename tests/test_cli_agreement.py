"""``dsi-xl agreement check`` on agreement files as DSI writes them: each broken file gets its own
Danish sentence naming the field or the amendment, and exit status 2; a sound file exit 0. And
``dsi-xl terms --on``: the terms in force on a day, amendments marked.

The broken files are the shipped Randers file with one edit each (so they stay in step with it),
written to a temporary folder as DSI would save them.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import amended
from dsi_xl.agreement import DATA_DIR, examine_file, load_file
from dsi_xl.cli import main
from dsi_xl.errors import AgreementError

RANDERS = amended.RANDERS_TEXT


def _edit(old: str, new: str, count: int = 1) -> str:
    assert RANDERS.count(old) >= count, old
    return RANDERS.replace(old, new, count)


def _amend(*amendments: str) -> str:
    return RANDERS + "".join(amendments)  # as written: numbers and dates as the amendments give them


TWICE = amended.amendment(1, date(2026, 9, 15), "Bilag 5.1, pkt. 2.5", "Baseline.", goals__2__baseline=14.0)

# name -> (the file's text, what its one sentence must say)
BROKEN = {
    "rater-summer-forkert": (_edit("amount = 1050000", "amount = 1050001"),
                             "feltet installments.amount: raterne summer til 2.350.001 kr., men tilskuddet er "
                             "2.350.000 kr."),
    "budget-summer-forkert": (_edit("amounts = [400000, 0, 0, 0]", "amounts = [400001, 0, 0, 0]"),
                              "feltet budget.lines: budgettet summer til 2.350.001 kr., men tilskuddet er "
                              "2.350.000 kr."),
    "periode-baglaens": (_edit("start = 2027-03-01\nend = 2028-02-29", "start = 2027-03-01\nend = 2027-01-31"),
                         "feltet installments[1].end: perioden slutter før den begynder"),
    "ukendt-indikator": (_edit('indicator = "share"', 'indicator = "ratio"'),
                         "feltet goals[1].indicator"),
    "ukendt-vilkaar": (_amend(amended.amendment(1, date(2026, 9, 15), "Bilag 5.1, pkt. 2.5", "Baseline.",
                                                goals__7__baseline=14.0)),
                       "tillæg 1 af 15.09.2026: vilkåret goals.7.baseline findes ikke: der er intet mål 7 "
                       "(tilsagnet har 1, 2, 3)"),
    "senere-nummer-tidligere-dato": (_amend(TWICE, amended.amendment(2, date(2026, 9, 1), "4.2", "Rate 3 nedsat.",
                                                                     installments__3__amount=600000)),
                                     "tillæg 2 af 01.09.2026: et tillæg med et senere nummer må ikke have en tidligere "
                                     "dato; tillæg 1 af 15.09.2026 er senere"),
    "to-maal-samme-navn": (_edit('title = "Flere borgere fra niveau 4-5 til niveau 1-3"',
                                 'title = "Flere §85-sager (niveau 1-3) afsluttet"'),
                           'feltet goals[2].title: mål 3 hedder det samme som mål 2 ("Flere §85-sager (niveau 1-3) '
                           'afsluttet"); to mål må ikke dele navn'),
    "ikke-toml": (_edit("grant = 2350000", "grant 2350000"), "er ikke gyldig TOML i linje"),
    "mangler-tilskud": (_edit("grant = 2350000\n", ""), "Tilsagnsfilen mangler feltet grant."),
    "forkert-vaerdi": (_amend(amended.amendment(1, date(2027, 3, 20), "6.1.1(iii)", "Rate 2.",
                                                installments__2__withheld="ja")),
                       "tillæg 1 (amendments[0]), vilkåret installments.2.withheld: forventede sand eller falsk "
                       "(true eller false), fandt 'ja'"),
    "samme-vilkaar-to-gange": (_amend(amended.amendment(1, date(2027, 3, 20), "4.2", "Rate 2.",
                                                        changes={"installments.2.amount": 600000}).replace(
        "},\n]", '},\n  { term = "installments.2.amount", value = 550000 },\n]')),
                               "vilkåret installments.2.amount ændres to gange i samme tillæg"),
    "frist-efter-tillaeg": (_amend(amended.amendment(1, date(2027, 1, 1), "Bilag 5.1", "Frist flyttet.",
                                                     repayment_rates__1__statement_due=date(2028, 8, 31))),
                            "efter tillæg 1 af 01.01.2027, feltet repayment_rates[0].statement_due: fristen for "
                            "opgørelse skal ligge efter måleåret og senest på betalingsfristen"),
}


def _write(folder: Path, name: str, content: str) -> Path:
    """The file under the id it names (so only the deliberate mistake is found), else under ``name``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("randers-2026.toml" if 'id = "randers-2026"' in content else f"{name}.toml")
    path.write_text(content, encoding="utf-8")
    return path


def _check(*paths) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["agreement", "check", *(str(p) for p in paths)])
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_agreement_file_gets_its_own_sentence_and_exit_2(tmp_path, name):
    content, sentence = BROKEN[name]
    path = _write(tmp_path / name, name, content)
    status, output = _check(path)
    assert status == 2, output
    problems = [line.strip() for line in output.splitlines() if line.startswith("  ") and "Bemærk:" not in line]
    assert len(problems) == 1, output  # one deliberate mistake, one sentence
    assert sentence in problems[0], output
    assert problems[0].endswith(".") and "Traceback" not in output
    with pytest.raises(AgreementError):  # loading still refuses it
        load_file(path)


def test_the_broken_files_have_sentences_of_their_own():
    assert len(BROKEN) >= 10 and len({sentence for _, sentence in BROKEN.values()}) == len(BROKEN)


def test_a_sound_file_exits_0(tmp_path):
    status, output = _check(DATA_DIR / "randers-2026.toml")
    assert status == 0 and "i orden (randers-2026, ingen tillæg)" in output


def test_an_amendment_leaving_installments_and_budget_apart_is_accepted_with_both_sums(tmp_path):
    path = _write(tmp_path, "x", amended.text(amended.BASELINE, amended.WITHHELD))
    status, output = _check(path)
    assert status == 0, output
    assert "i orden (randers-2026, 2 tillæg)" in output
    assert ("Bemærk: Tilsagnet 'randers-2026': efter tillæg 2 af 20.03.2027 summer udbetalingsraterne til "
            "1.700.000 kr. (rate 2 tilbageholdt), men budgettet til 2.350.000 kr.; tilskuddet er 2.350.000 kr.") \
        in output


def test_the_terms_after_an_amendment_are_checked_beside_the_amendments_own_problems(tmp_path):
    content = _amend(amended.amendment(1, date(2027, 3, 15), "Bilag 5.1, pkt. 2.5", "Baseline.",
                                       goals__2__baseline=112.4),
                     amended.amendment(2, date(2027, 1, 20), "4.2", "Rate 3.", installments__3__amount=600000))
    problems = examine_file(_write(tmp_path, "x", content)).problems
    assert len(problems) == 2, problems
    assert "tillæg 2 af 20.01.2027: et tillæg med et senere nummer må ikke have en tidligere dato" in problems[0]
    assert "efter tillæg 1 af 15.03.2027, feltet goals[1].baseline: en andel skal ligge mellem 0 og 100" \
        in problems[1]


def test_every_problem_of_a_file_is_collected(tmp_path):
    content = RANDERS.replace("amount = 1050000", "amount = 1050001").replace(
        'indicator = "turnover"\ndirection = "lower"', 'indicator = "turnover"\ndirection = "lavere"').replace(
        "start = 2026-03-01\nend = 2029-02-28", "start = 2026-03-01\nend = 2029-02-28") + amended.amendment(
        1, date(2026, 9, 15), "x", "y", caps__totalt=1)
    reading = examine_file(_write(tmp_path, "x", content))
    assert len(reading.problems) == 1 and "goals[0].direction" in reading.problems[0]  # read first: stops there
    content = content.replace('direction = "lavere"', 'direction = "lower"')
    reading = examine_file(_write(tmp_path, "x", content))
    assert len(reading.problems) == 2, reading.problems  # the sum and the amendment's term, both
    with pytest.raises(AgreementError) as refused:
        load_file(tmp_path / "randers-2026.toml")
    assert str(refused.value) == reading.problems[0] and refused.value.problems == reading.problems


def test_a_folder_is_checked_file_by_file_and_one_broken_file_gives_2(tmp_path):
    _write(tmp_path / "tilsagn", "ok", amended.text(amended.BASELINE))
    (tmp_path / "tilsagn" / "andet-2031.toml").write_text(RANDERS.replace('id = "randers-2026"', 'id = "andet"'),
                                                          encoding="utf-8")
    done = subprocess.run(["dsi-xl", "agreement", "check", str(tmp_path / "tilsagn")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done
    assert "andet-2031.toml: 1 problem" in done.stdout and "randers-2026.toml: i orden" in done.stdout
    assert "Feltet id er 'andet', men filen hedder andet-2031.toml" in done.stdout
    assert done.stderr.strip() == "1 fil af 2 har problemer."


def test_a_missing_file_is_one_sentence(tmp_path):
    status, output = _check(tmp_path / "mangler.toml")
    assert status == 2 and f"Tilsagnsfilen {tmp_path / 'mangler.toml'} findes ikke." in output


def test_terms_on_a_day_marks_the_amendments(tmp_path, monkeypatch):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path, amended.BASELINE, amended.WITHHELD)))
    monkeypatch.setenv("COLUMNS", "200")  # rich's tables, unwrapped
    before = CliRunner().invoke(main, ["terms", "--on", "14.09.2026"])
    assert before.exit_code == 0 and "Ændret ved" not in before.output and "nej, fra 15.09.2026" in before.output
    after = CliRunner().invoke(main, ["terms", "--on", "2027-03-20"])
    assert after.exit_code == 0, after.output
    assert "tillæg 1 af 15.09.2026 (var 12,4\u00a0%)" in after.output
    assert "tilbageholdt" in after.output and "tillæg 2 af 20.03.2027 (var udbetales)" in after.output
    wrong = CliRunner().invoke(main, ["terms", "--on", "i morgen"])
    assert wrong.exit_code == 2 and "--on skal være en dato som 30.06.2028" in wrong.output
