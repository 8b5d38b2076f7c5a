// Run a Python file inside Pyodide under Node, offline, with local pure-Python wheels.
// usage: node lite_pyodide.mjs PYODIDE_DIR SCRIPT.py JOB.json WHEEL... -- host paths; prints the script's stdout.
// The wheels are unpacked into site-packages (a pure wheel is a zip of its files), so no network
// and no micropip are needed; the job file and every path it names are copied into the same path
// inside Pyodide's file system.
import fs from "node:fs";
import path from "node:path";

const [pyodideDir, script, jobFile, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(path.join(path.resolve(pyodideDir), "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/", stdout: (s) => process.stdout.write(s + "\n"),
                                    stderr: (s) => process.stderr.write(s + "\n") });
const FS = pyodide.FS;
function put(hostPath) {
  const dir = path.dirname(hostPath);
  FS.mkdirTree(dir);
  FS.writeFile(hostPath, fs.readFileSync(hostPath));
}
const job = JSON.parse(fs.readFileSync(jobFile, "utf8"));
for (const p of [jobFile, script, job.xlsx, path.join(job.main_folder, "main.py"), ...(job.files || []), ...wheels]) put(path.resolve(p));
pyodide.globals.set("extra_env", pyodide.toPy(job.env || {}));
pyodide.globals.set("wheels", pyodide.toPy(wheels.map((w) => path.resolve(w))));
pyodide.runPython(`
import os, site, sys, zipfile
target = site.getsitepackages()[0]
for wheel in wheels:
    zipfile.ZipFile(wheel).extractall(target)
os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
os.environ.update(dict(extra_env))
`);
pyodide.globals.set("argv", pyodide.toPy([path.resolve(script), path.resolve(jobFile)]));
try {
  pyodide.runPython(`
import runpy, sys
sys.argv = list(argv)
runpy.run_path(sys.argv[0], run_name="__main__")
`);
} catch (error) {
  process.stderr.write(String(error) + "\n");
  process.exit(1);
}
