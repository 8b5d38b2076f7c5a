// The browser check's Web Worker: Python (Pyodide) runs here, so the page never freezes.
// Messages to the page: progress, ready, result, copy, copy-failed, failed. Nothing leaves the PC:
// the worker fetches only the site's own files (relative to this script) and posts to the page.
const CONFIG = /*CONFIG*/{};
const here = (path) => new URL(path, import.meta.url).href;
const post = (message, transfer) => self.postMessage(message, transfer || []);
let pyodide = null;
let glue = null;
let copyLoaded = null;

function progress(step, text) {
  post({ type: "progress", step, steps: CONFIG.steps, text });
}

async function wheel(name) {
  const response = await fetch(here("wheels/" + name));
  if (!response.ok) throw new Error(`wheels/${name}: HTTP ${response.status}`);
  pyodide.unpackArchive(await response.arrayBuffer(), "wheel");
}

function webAssemblyAllowed() {
  // The smallest valid module (magic number and version). A Content-Security-Policy without
  // 'wasm-unsafe-eval' refuses to compile it, and Pyodide would then never start.
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch (error) {
    return false;
  }
}

async function start() {
  if (typeof WebAssembly !== "object") {
    post({ type: "failed", reason: "no-wasm", detail: "WebAssembly findes ikke i denne browser" });
    return;
  }
  if (!webAssemblyAllowed()) {
    post({ type: "failed", reason: "csp", detail: "WebAssembly.Module blev afvist" });
    return;
  }
  progress(1, "Henter Python (Pyodide) …");
  const { loadPyodide } = await import(here(CONFIG.pyodide + "pyodide.mjs"));
  pyodide = await loadPyodide({ indexURL: here(CONFIG.pyodide), packages: [], fullStdLib: false });
  progress(2, "Henter dsi-xl og tilsagnene …");
  for (const name of CONFIG.ready) await wheel(name);
  progress(3, "Gør reglerne klar …");
  glue = pyodide.pyimport("dsi_xl.web.check");
  post({ type: "ready" });
}

async function loadCopyWheels() {
  if (!copyLoaded) copyLoaded = (async () => { for (const name of CONFIG.copy) await wheel(name); })();
  return copyLoaded;
}

function reason(error) {
  // A Python exception's last line is "SomeError: message"; the page shows the message.
  const lines = String(error && error.message || error).trim().split("\n");
  const last = lines[lines.length - 1];
  return last.includes(": ") ? last.slice(last.indexOf(": ") + 2) : last;
}

async function check({ id, name, bytes, asOf, when }) {
  const data = new Uint8Array(bytes);
  let summary;
  try {
    summary = JSON.parse(glue.check(data, name, asOf || null));
  } catch (error) {
    post({ type: "check-failed", id, message: reason(error) });
    return;
  }
  post({ type: "result", id, summary });
  if (!summary.copy) return;
  try {
    await loadCopyWheels();
    const made = glue.annotated(data, name, asOf || null, when);
    const copy = made.toJs();
    made.destroy();
    post({ type: "copy", id, name: summary.copy_name, bytes: copy.buffer }, [copy.buffer]);
  } catch (error) {
    post({ type: "copy-failed", id, message: reason(error) });
  }
}

let queue = Promise.resolve();
const started = start().catch((error) => post({ type: "failed", reason: "start", detail: String(error && error.message || error) }));
self.onmessage = (event) => {
  if (event.data && event.data.type === "check") {
    queue = queue.then(() => started).then(() => check(event.data));
  }
};
