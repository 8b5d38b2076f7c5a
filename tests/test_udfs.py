"""The DSI_ functions through xlwings' own Office.js dispatch, as the add-in calls them.

xlwings picks its decorators when it is first imported (``XLWINGS_ON_SERVER=true`` selects
``xlwings.server``'s), and other test modules may import xlwings first in the same process.
So the dispatch runs once, in a fresh interpreter with the environment set before xlwings
is imported: it registers ``dsi_xl.udfs`` with ``custom_functions_meta`` and answers every
call below with ``custom_functions_call``, given the body the Office.js add-in posts.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import dsi_xl

DATA = Path(__file__).with_name("data")
MADE_UP = "made-up-2030"
FJORDBY = "fjordby-2027"  # the second agreement: four goals, goal 4 measured in days
# The functions compute with the terms in force on their day (the clock's); the cases compute on one
# fixed day, after both of Fjordby's amendments, so they give the same answers whenever they run.
DAY = date(2028, 6, 1)

DISPATCH = r"""
import asyncio, datetime, json, sys
import xlwings, xlwings.server
import dsi_xl.agreement.clock, dsi_xl.udfs

def body(func_name, args):
    # The body xlwings' custom-functions code posts from Office.js (xlwings 0.37).
    return {
        "client": "Office.js", "func_name": func_name, "args": args,
        "caller_address": "[regnskab.xlsx]Betalingsmål!D20", "session_id": "test",
        "culture_info_name": "da-DK", "date_format": "dd-mm-åååå",
        "version": xlwings.__version__, "runtime": "1.4",
    }

async def main(calls):
    answers = []
    for func_name, args in calls:
        try:
            answers.append({"result": await xlwings.server.custom_functions_call(body(func_name, args), dsi_xl.udfs)})
        except Exception as error:
            answers.append({"error": type(error).__name__, "message": str(error),
                            "xlwings_error": isinstance(error, xlwings.XlwingsError)})
    return answers

calls, day = json.load(sys.stdin)
with dsi_xl.agreement.clock.on(datetime.date.fromisoformat(day)):  # the day the functions compute on
    answers = asyncio.run(main(calls))
print(json.dumps({"meta": xlwings.server.custom_functions_meta(dsi_xl.udfs), "answers": answers}))
"""


def excel_date(year: int, month: int, day: int) -> int:
    """Excel's serial number of a day (1900 date system, counted from 1899-12-30)."""
    return (date(year, month, day) - date(1899, 12, 30)).days


def cell(value):
    """One cell as Office.js passes it to a parameter of dimensionality "matrix"."""
    return [[value]]


def error_value(code: str, kind: str):
    return [[{"type": "Error", "basicValue": code, "errorType": kind}]]


BLANK = [[None]]  # an empty cell (Office.js sends JS null)
EMPTY_TEXT = [[""]]  # a cell whose formula shows ""
MONTHS_25 = [[25]] * 12  # a column of 12 monthly headcounts
ROW_25 = [[25] * 12]

# (id, function, Office.js args, expected cell values)
RESULTS = [
    ("goal1 example", "DSI_PAYMENT_GOAL1", [cell(28)], [[399000]]),
    ("goal2 example", "DSI_PAYMENT_GOAL2", [cell(15)], [[332800]]),
    ("goal1 0.1 pp", "DSI_PAYMENT_GOAL1", [cell(33.6)], [[7000]]),
    ("goal3", "DSI_PAYMENT_GOAL3", [cell(12.7)], [[222000]]),
    ("goal3 worse than baseline", "DSI_PAYMENT_GOAL3", [cell(9.5)], [[0]]),
    ("goal by number", "DSI_PAYMENT", [cell(2), cell(15)], [[332800]]),
    ("goal1 blank", "DSI_PAYMENT_GOAL1", [BLANK], [[""]]),
    ("goal1 of a cell showing blank", "DSI_PAYMENT_GOAL1", [EMPTY_TEXT], [[""]]),
    ("turnover column", "DSI_TURNOVER", [cell(7), MONTHS_25], [[28]]),
    ("turnover row", "DSI_TURNOVER", [cell(7), ROW_25], [[28]]),
    ("turnover blank departures", "DSI_TURNOVER", [BLANK, MONTHS_25], [[""]]),
    ("turnover no headcounts yet", "DSI_TURNOVER", [cell(7), [[None]] * 12], [[""]]),
    ("share", "DSI_SHARE", [cell(3), cell(12)], [[25]]),
    ("share blank", "DSI_SHARE", [EMPTY_TEXT, cell(12)], [[""]]),
    ("repayment goal-1 cap", "DSI_REPAYMENT", [[[20, None], [12.4, None], [10.7, None]]], [[900000, ""]]),
    ("repayment goal-1 cap used up", "DSI_REPAYMENT", [[[20, 20], [12.4, 12.4], [10.7, 10.7]]], [[900000, 0]]),
    ("repayment total cap", "DSI_REPAYMENT", [[[20, 20], [30, 30], [30, 30]]], [[3000000, 0]]),
    (
        "repayment total cap across rates",
        "DSI_REPAYMENT",
        [[[33.7, 33.7], [25, 25], [10.7, 10.7]]],
        [[1612800, 1387200]],
    ),
    ("repayment nothing yet", "DSI_REPAYMENT", [[[None, None], [None, None], [None, None]]], [["", ""]]),
    ("unused grant", "DSI_UNUSED_GRANT", [cell(1700000), cell(1591667), cell(100000)], [[8333]]),
    ("unused grant without accrual", "DSI_UNUSED_GRANT", [cell(1050000), cell(1000000.5)], [[49999.5]]),
    ("caseload", "DSI_CASELOAD", [cell(130), cell(2)], [[65]]),
    ("caseload breach", "DSI_CASELOAD_BREACH", [[[60, 66, 50, 70, 50, 66, 67, 10, 10, 10, 10, 10, 10]]], [["2027K3"]]),
    ("caseload breaches, newest first (reading 10)", "DSI_CASELOAD_BREACH",
     [[[66, 67, 50, 70, 71, 72, 10, 10, 10, 10, 10, 10, 10]]], [["2027K1; 2026K2"]]),
    ("caseload no breach", "DSI_CASELOAD_BREACH", [[[66, 60, 66, None, 66] + [None] * 8]], [[False]]),
    ("renegotiate", "DSI_RENEGOTIATE", [cell(1), cell(38.7)], [[True]]),
    ("renegotiate not", "DSI_RENEGOTIATE", [cell(2), cell(15.3)], [[False]]),
    ("renegotiate at a cell's precision: =33,7-5", "DSI_RENEGOTIATE", [cell(1), cell(33.7 - 5)], [[True]]),
    ("renegotiate just inside", "DSI_RENEGOTIATE", [cell(1), cell(28.71)], [[False]]),
    ("budget", "DSI_BUDGET", [cell(2), cell(2026)], [[541667]]),
    ("budget to date (7.2)", "DSI_BUDGET_TO_DATE", [cell(2), cell(excel_date(2027, 6, 30))], [[866667]]),
    ("deadlines ahead (7.2)", "DSI_DEADLINES_AHEAD", [cell(excel_date(2027, 12, 31))],
     [[excel_date(2028, 3, 31), "DSI udbetaler rate 3 (Bilag 3.2)"],
      [excel_date(2028, 5, 31), "Tilbagebetalingsrate 1 (måleår 2) opgøres"],
      [excel_date(2028, 6, 30), "Regnskabet for 2027 afleveres (7.4)"],
      [excel_date(2028, 7, 31), "Ikke-anvendt tilskud for 2027 tilbagebetales (4.3)"],
      [excel_date(2028, 7, 31), "Tilbagebetalingsrate 1 (måleår 2) betales"]]),
    ("unused grant terms (reading 5)", "DSI_UNUSED_GRANT_TERMS",
     [[[1050000], [650000], [None]], [[400000, 0, None, None], [540500, 645000, None, None]], cell(108333),
      cell(2027), [[excel_date(2026, 3, 27)], [excel_date(2028, 1, 5)], [None]], [[1167, None, None, None]]],
     [[1050000], [1585500], [108333], [1167], [645000], [0]]),  # rate 2 came after 31.12.
    ("installment amount", "DSI_INSTALLMENT", [cell(2), cell("beløb")], [[650000]]),
    ("installment due (serial)", "DSI_INSTALLMENT", [cell(1), cell("frist")], [[excel_date(2026, 3, 31)]]),
    ("deadline accounts 2027 (serial)", "DSI_DEADLINE", [cell("regnskab"), cell(2027)], [[excel_date(2028, 6, 30)]]),
    ("deadline repayment rate 1", "DSI_DEADLINE", [cell("tilbagebetaling"), cell(1)], [[excel_date(2028, 7, 31)]]),
    ("term grant", "DSI_TERM", [cell("tilskud")], [[2350000]]),
    ("term baseline", "DSI_TERM", [cell("baseline_maal1")], [[33.7]]),
    ("term text", "DSI_TERM", [cell("kommune")], [["Randers Kommune"]]),
    ("version", "DSI_VERSION", [], [[dsi_xl.__version__]]),
    ("made-up goal1 (share, higher)", "DSI_PAYMENT_GOAL1", [cell(25), cell(MADE_UP)], [[50000]]),
    ("made-up goal2 (turnover, lower)", "DSI_PAYMENT_GOAL2", [cell(38), cell(MADE_UP)], [[10000]]),
    ("made-up repayment caps", "DSI_REPAYMENT", [[[40, 40, 40], [10, 10, 10]], cell(MADE_UP)], [[250000, 0, 0]]),
    (
        "made-up caseload breach (3 quarters)",
        "DSI_CASELOAD_BREACH",
        [[[51, 51, 10, 51, 51, 51] + [None] * 10], cell(MADE_UP)],
        [["2031K2"]],
    ),
    ("made-up deadline", "DSI_DEADLINE", [cell("regnskab"), cell(2030), cell(MADE_UP)], [[excel_date(2031, 4, 30)]]),
    ("fjordby value goal, days", "DSI_PAYMENT", [cell(4), cell(35.5), cell(FJORDBY)], [[78000]]),
    ("fjordby value goal, worse", "DSI_PAYMENT", [cell(4), cell(43), cell(FJORDBY)], [[0]]),
    ("fjordby share goal, lower", "DSI_PAYMENT", [cell(3), cell(20), cell(FJORDBY)], [[70000]]),
    ("fjordby turnover goal", "DSI_PAYMENT", [cell(1), cell(22.5), cell(FJORDBY)], [[60000]]),
    # on DAY, tillæg 1 (goal 2's baseline 38 -> 35) and tillæg 2 (rate 2 withheld) are in force
    ("fjordby goal 2 by its named function, renegotiated", "DSI_PAYMENT_GOAL2", [cell(40), cell(FJORDBY)],
     [[225000]]),
    ("fjordby renegotiated baseline", "DSI_TERM", [cell("baseline_maal2"), cell(FJORDBY)], [[35]]),
    ("fjordby withheld installment", "DSI_INSTALLMENT", [cell(2), cell("beløb"), cell(FJORDBY)], [[0]]),
    ("fjordby installment not withheld", "DSI_INSTALLMENT", [cell(3), cell("beløb"), cell(FJORDBY)], [[980000]]),
    (
        "fjordby repayment, both goal caps",
        "DSI_REPAYMENT",
        [[[4.5] * 3, [35] * 3, [22] * 3, [0] * 3], cell(FJORDBY)],
        [[1000000, 0, 0]],
    ),
    ("fjordby renegotiate the value goal", "DSI_RENEGOTIATE", [cell(4), cell(49), cell(FJORDBY)], [[True]]),
    ("fjordby unit", "DSI_TERM", [cell("enhed_maal4"), cell(FJORDBY)], [["gennemsnitlig ventetid i dage"]]),
    ("fjordby accounts deadline", "DSI_DEADLINE", [cell("regnskab"), cell(2028), cell(FJORDBY)],
     [[excel_date(2029, 5, 31)]]),
]

# (id, function, Office.js args, words the Danish message must contain)
ERRORS = [
    ("text", "DSI_PAYMENT_GOAL1", [cell("abc")], ["Resultat for betalingsmål 1", 'teksten "abc"']),
    ("truth value", "DSI_PAYMENT_GOAL2", [cell(True)], ["forventede et tal", "SAND"]),
    ("negative", "DSI_PAYMENT_GOAL1", [cell(-1)], ["0 eller derover", "-1"]),
    ("share above 100", "DSI_PAYMENT_GOAL2", [cell(101)], ["andel mellem 0 og 100"]),
    ("part larger than whole", "DSI_SHARE", [cell(13), cell(12)], ["højst nævneren"]),
    ("whole zero", "DSI_SHARE", [cell(0), cell(0)], ["nævner", "mere end 0"]),
    ("11 headcounts", "DSI_TURNOVER", [cell(7), [[25]] * 11], ["12 månedstal", "11 værdier"]),
    ("headcounts in a block", "DSI_TURNOVER", [cell(7), [[25] * 4] * 3], ["én række eller kolonne", "3 x 4"]),
    ("a month missing", "DSI_TURNOVER", [cell(7), [[25]] * 11 + [[None]]], ["måned 12", "tom celle"]),
    ("negative departures", "DSI_TURNOVER", [cell(-2), MONTHS_25], ["fratrædelser", "0 eller derover"]),
    ("negative caseload", "DSI_CASELOAD", [cell(-5), cell(2)], ["sager", "0 eller derover"]),
    ("no advisors", "DSI_CASELOAD", [cell(10), cell(0)], ["rådgiverstillinger", "mere end 0"]),
    ("unknown goal", "DSI_PAYMENT", [cell(4), cell(20)], ["Betalingsmål", "1, 2, 3", "4"]),
    ("wrong repayment shape", "DSI_REPAYMENT", [[[20, 20], [12.4, 12.4]]], ["3 rækker", "2 målinger"]),
    ("unknown agreement", "DSI_PAYMENT_GOAL1", [cell(28), cell("ukendt-2099")], ["ukendt-2099", "findes ikke"]),
    ("agreement id as a number", "DSI_TERM", [cell("tilskud"), cell(5)], ["tilsagns-id som tekst"]),
    ("goal 3 of a two-goal agreement", "DSI_PAYMENT_GOAL3", [cell(12), cell(MADE_UP)], ["Betalingsmål", "1, 2", "3"]),
    ("goal 5 of a four-goal agreement", "DSI_PAYMENT", [cell(5), cell(12), cell(FJORDBY)],
     ["Betalingsmål", "1, 2, 3, 4", "5"]),
    ("fjordby negative days", "DSI_PAYMENT", [cell(4), cell(-3), cell(FJORDBY)], ["0 eller derover", "-3"]),
    ("fjordby days as text", "DSI_PAYMENT", [cell(4), cell("ca. 40"), cell(FJORDBY)], ['teksten "ca. 40"']),
    ("year outside the budget", "DSI_BUDGET", [cell(1), cell(2031)], ["Budgetår", "2026"]),
    ("installment what", "DSI_INSTALLMENT", [cell(1), cell("dato")], ['"beløb" eller "frist"', "dato"]),
    ("unknown term", "DSI_TERM", [cell("loft")], ["Nøgle", "tilskud"]),
    # issue 29: a range's shape rows x columns, numbers as the cell holds them, every quarter checked
    ("term given a row", "DSI_TERM", [[["tilskud", "afkastloft"]]], ["område på 1 x 2 celler"]),
    ("term given a column", "DSI_TERM", [[["tilskud"], ["afkastloft"]]], ["område på 2 x 1 celler"]),
    ("negative caseload in a quarter", "DSI_CASELOAD_BREACH", [[[-70] + [None] * 12]], ["0 eller derover", "-70"]),
    ("text after a breach", "DSI_CASELOAD_BREACH", [[[66, 66, 66, 66, 66, "x"] + [None] * 7]],
     ["2027K2", 'teksten "x"']),
    ("a subnormal as a count", "DSI_CASELOAD", [cell(5e-324), cell(2)], ["helt tal", "fandt 5E-324"]),
    ("the largest double", "DSI_CASELOAD", [cell(1e308), cell(2)], ["fandt 1E+308"]),
    ("a share just above 100", "DSI_PAYMENT_GOAL2", [cell(100.0000001)], ["fandt 100,0000001"]),
    ("unknown deadline kind", "DSI_DEADLINE", [cell("snart"), cell(1)], ["Fristtype", "regnskab"]),
    ("error value in a cell", "DSI_PAYMENT_GOAL1", [error_value("#DIV/0!", "Div0")], ["resultat", "#DIV/0!"]),
    (
        "error value in a range",
        "DSI_TURNOVER",
        [cell(7), [[25]] * 11 + error_value("#N/A", "NotAvailable")],
        ["ansatte", "#N/A"],
    ),
]


@pytest.fixture(scope="module")
def officejs():
    """Meta data and one answer per call, from a fresh interpreter set up as the server."""
    calls = [[name, args] for _, name, args, _ in RESULTS + ERRORS]
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial", DSI_XL_AGREEMENTS=str(DATA))
    done = subprocess.run([sys.executable, "-c", DISPATCH], input=json.dumps([calls, DAY.isoformat()]),
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    answers = output["answers"]
    return {
        "meta": {f["id"]: f for f in output["meta"]["functions"]},
        "results": dict(zip([case[0] for case in RESULTS], answers[: len(RESULTS)])),
        "errors": dict(zip([case[0] for case in ERRORS], answers[len(RESULTS):])),
    }


def _public_functions():
    import dsi_xl.udfs

    return {name: obj for name, obj in vars(dsi_xl.udfs).items() if name.startswith("DSI_") and callable(obj)}


def test_every_function_is_registered_with_danish_help(officejs):
    functions = _public_functions()
    assert set(officejs["meta"]) == set(functions)
    assert {"DSI_PAYMENT_GOAL1", "DSI_PAYMENT_GOAL2", "DSI_PAYMENT_GOAL3", "DSI_REPAYMENT", "DSI_VERSION"} <= set(
        functions
    )
    for name, meta in officejs["meta"].items():
        assert meta["name"] == name
        assert meta["description"] == inspect.getdoc(functions[name])
        assert not meta["description"].startswith("Python function")
        names = [p["name"] for p in meta["parameters"]]
        assert names == list(inspect.signature(functions[name]).parameters)
        for parameter in meta["parameters"]:
            assert not parameter["description"].startswith("Positional argument"), (name, parameter)
        if name != "DSI_VERSION":
            assert names[-1] == "tilsagn" and meta["parameters"][-1].get("optional") is True
            assert not any(p.get("optional") for p in meta["parameters"][:-1] if p["name"] not in UNUSED_OPTIONAL)


#: DSI_UNUSED_GRANT's optional arguments before tilsagn: the documented 2-3 argument form still works.
UNUSED_OPTIONAL = ("periodisering", "regnskabsaar", "modtaget_dato", "tilbagebetalt")


def test_danish_words_in_the_help(officejs):
    text = json.dumps(officejs["meta"], ensure_ascii=False)
    assert "Betalingsmål 1: beløbet i kr." in text
    assert "Antal ansatte i hver af årets 12 måneder" in text


@pytest.mark.parametrize("case", RESULTS, ids=[case[0] for case in RESULTS])
def test_result(officejs, case):
    label, _, _, expected = case
    answer = officejs["results"][label]
    assert "result" in answer, answer
    assert answer["result"] == expected
    # Exact: whole amounts come back as integers, never 399000.0000000002.
    for got, want in zip(answer["result"][0], expected[0]):
        assert type(got) is type(want)


def test_date_serials_are_excels():
    # Excel shows the serial number 45658, formatted as a date, as 1 January 2025.
    assert excel_date(2025, 1, 1) == 45658


def test_dynamic_array_shape(officejs):
    assert [len(row) for row in officejs["results"]["repayment total cap"]["result"]] == [2]
    assert [len(row) for row in officejs["results"]["made-up repayment caps"]["result"]] == [3]


@pytest.mark.parametrize("case", ERRORS, ids=[case[0] for case in ERRORS])
def test_error_is_the_projects_danish_message(officejs, case):
    label, _, _, words = case
    answer = officejs["errors"][label]
    assert answer.get("error") == "SheetError", answer
    assert answer["xlwings_error"] is True  # xlwings Server shows an XlwingsError's text
    message = answer["message"]
    for word in words:
        assert word in message, (word, message)
    for python in ("Traceback", "TypeError", "ValueError", "Decimal", "NoneType", "line "):
        assert python not in message
    assert message.endswith(".")
