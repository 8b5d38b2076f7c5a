"""What xlwings Lite does with addin/lite/main.py, run the same way on CPython and in Pyodide.

Reads a job (JSON: the folder holding main.py, the function calls and the day they compute on, an
Office.js book payload, the path of an .xlsx, and more .xlsx files) from the file named in argv[1]
and prints one JSON
answer: the registered functions' and scripts' metadata, one answer per call, the validate script's
actions and validate_file's result for each file. The environment must select xlwings Server's
decorators before xlwings is first imported (XLWINGS_ON_SERVER=true, XLWINGS_LICENSE_KEY=noncommercial).
"""

import importlib
import json
import os
import sys
from datetime import date, datetime

job = json.load(open(sys.argv[1], encoding="utf-8"))
sys.path.insert(0, job["main_folder"])

import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402

main = importlib.import_module("main")  # addin/lite/main.py, as Lite loads it
import dsi_xl.excel  # noqa: E402


class FixedClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2028, 6, 1, 12, 0)


dsi_xl.excel.datetime = FixedClock  # the report's time stamp is the same in both runtimes


def body(func_name, args):
    return {"client": "Office.js", "func_name": func_name, "args": args,
            "caller_address": "[regnskab.xlsx]Betalingsmål!D20", "session_id": "test",
            "culture_info_name": "da-DK", "date_format": "dd-mm-åååå",
            "version": xw.__version__, "runtime": "1.4"}


async def answers(calls):
    out = []
    for func_name, args in calls:
        try:
            out.append({"result": await xlwings.server.custom_functions_call(body(func_name, args), main)})
        except Exception as error:  # noqa: BLE001 - the error itself is the answer
            out.append({"error": type(error).__name__, "message": str(error)})
    return out


async def script_actions(payload):
    book = xw.Book(json=payload)
    returned = await xlwings.server.custom_scripts_call(main, "validate", typehint_to_value={xw.Book: book})
    return returned.json()["actions"]


def run(coroutine):
    """Drive a coroutine that never waits on I/O; the same in CPython and inside Pyodide's own loop."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    raise RuntimeError("the coroutine waited on something")


from dsi_xl.validation.engine import validate_file  # noqa: E402


def _result(path, as_of):
    from dsi_xl.report.formats import jsonout  # the spec's JSON of the typed values, as dsi-xl validate writes it

    result = validate_file(path, as_of=as_of)
    return {"status": result.status, "findings": [[f.rule, f.severity, f.message] for f in result.findings],
            "computed": json.loads(jsonout.dumps(jsonout.item(result)["computed"]))}


from dsi_xl.agreement.clock import on  # noqa: E402

with on(date.fromisoformat(job["day"])):  # the day the functions compute on, as test_udfs
    called = run(answers(job["calls"]))

print(json.dumps({
    "more": [_result(path, date(2029, 5, 1)) for path in job.get("more_xlsx", [])],
    "platform": sys.platform,
    "agreements_env": os.environ.get("DSI_XL_AGREEMENTS"),
    "functions_meta": xlwings.server.custom_functions_meta(main),
    "scripts_meta": xlwings.server.custom_scripts_meta(main),
    "answers": called,
    "actions": run(script_actions(job["payload"])),
    "validate_file": _result(job["xlsx"], date(2028, 6, 1)),
}, default=str, sort_keys=True))
