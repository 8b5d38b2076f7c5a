"""Runs inside Pyodide (bench/lite_pyodide.py starts it): xlwings Lite's path against bare xlwings.

argv: job file with "xlwings" (its wheel), "dsi" (the Lite wheel and its dependencies), "payload"
(the example's Office.js book payload) and "runs". Prints one JSON object of seconds.
"""

import json
import os
import site
import statistics
import sys
import time
import types
import zipfile

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
job = json.load(open(sys.argv[1], encoding="utf-8"))
target = site.getsitepackages()[0]


def drive(coroutine):
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    raise RuntimeError("waited")


def body(name, args):
    return {"client": "Office.js", "func_name": name, "args": args, "caller_address": "[b.xlsx]A!A1",
            "session_id": "bench", "culture_info_name": "da-DK", "date_format": "dd-mm-åååå",
            "version": "0.37.8", "runtime": "1.4"}


out = {}
start = time.perf_counter()
zipfile.ZipFile(job["xlwings"]).extractall(target)
out["install_xlwings"] = time.perf_counter() - start
start = time.perf_counter()
import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402

bare = types.ModuleType("bare")
exec("import xlwings as xw\nfrom xlwings import func, script\n@func\ndef HELLO(x):\n    return x * 2\n"
     "@script\ndef hello(book: xw.Book):\n    book.sheets[0]['A1'].value = 'hej'\n", bare.__dict__)
out["import_bare"] = time.perf_counter() - start
start = time.perf_counter()
drive(xlwings.server.custom_functions_call(body("HELLO", [[[28]]]), bare))
out["first_bare"] = time.perf_counter() - start

start = time.perf_counter()
for wheel in job["dsi"]:
    zipfile.ZipFile(wheel).extractall(target)
out["install_dsi"] = time.perf_counter() - start
sys.path.insert(0, job["main_folder"])
start = time.perf_counter()
import main  # noqa: E402

out["import_dsi"] = time.perf_counter() - start
start = time.perf_counter()
drive(xlwings.server.custom_functions_call(body("DSI_PAYMENT_GOAL1", [[[28]]]), main))
out["first_dsi"] = time.perf_counter() - start


def median(action):
    times = []
    for _ in range(job["runs"]):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


out["call_dsi"] = median(lambda: drive(xlwings.server.custom_functions_call(body("DSI_PAYMENT_GOAL1", [[[28]]]), main)))
out["call_bare"] = median(lambda: drive(xlwings.server.custom_functions_call(body("HELLO", [[[28]]]), bare)))
out["script_dsi"] = median(lambda: drive(xlwings.server.custom_scripts_call(
    main, "validate", typehint_to_value={xw.Book: xw.Book(json=job["payload"])})))
out["script_bare"] = median(lambda: drive(xlwings.server.custom_scripts_call(
    bare, "hello", typehint_to_value={xw.Book: xw.Book(json=job["payload"])})))
out["python"] = sys.version.split()[0]
print(json.dumps(out))
