// The browser check's page: hands the chosen file to the worker, shows what it says, offers the copy.
// Python runs in the worker (worker.mjs); the file is read here and never sent anywhere.
const WATCHDOG_MS = 120000; // no "ready" by then: say what to do, and keep waiting
const RANK = { fejl: 0, advarsel: 1, info: 2 };
const $ = (id) => document.getElementById(id);

const MESSAGES = {
  csp: "<strong>Tjekket kan ikke starte:</strong> sidens sikkerhedsregler (Content-Security-Policy) " +
       "forbyder browseren at køre WebAssembly, som tjekket er bygget på. Bed den, der driver siden, om at " +
       "tillade <code>'wasm-unsafe-eval'</code> i <code>script-src</code> (se dsi-xl's README, afsnittet om " +
       "hosting). Din fil er ikke sendt nogen steder.",
  "no-wasm": "<strong>Tjekket kan ikke starte i denne browser,</strong> fordi den ikke kan køre WebAssembly. " +
             "Brug en nyere udgave af Edge, Chrome, Firefox eller Safari.",
  start: "<strong>Tjekket kunne ikke starte.</strong> Genindlæs siden. Hjælper det ikke, så kontakt jeres IT " +
         "(en firewall eller sikkerhedsindstilling kan blokere sidens filer), eller brug <code>dsi-xl validate</code>.",
  watchdog: "<strong>Tjekket er ikke startet efter to minutter.</strong> Forbindelsen kan være langsom, eller " +
            "en firewall eller sikkerhedsindstilling (Content-Security-Policy, WebAssembly) kan blokere sidens " +
            "filer. Vent lidt endnu, eller genindlæs siden; hjælper det ikke, så kontakt jeres IT.",
};

const state = { ready: false, failed: false, id: 0, findings: [], sort: { key: "severity", dir: 1 }, url: null };

function say(text) { $("status").textContent = text; }

function alarm(kind, detail) {
  const box = $("alert");
  box.innerHTML = MESSAGES[kind];
  if (detail) {
    const small = document.createElement("p");
    small.textContent = "Teknisk årsag: " + detail;
    box.append(small);
  }
  box.hidden = false;
  box.dataset.kind = kind;
}

function fail(kind, detail) {
  state.failed = true;
  clearTimeout(watchdog);
  $("progress").hidden = true;
  say("Tjekket kunne ikke starte.");
  alarm(kind, detail);
}

function judgingDay() {
  // ?dato=30.06.2028 (or 2028-06-30) fills the date field, as --as-of does for dsi-xl validate.
  const given = new URLSearchParams(location.search).get("dato");
  if (!given) return;
  const danish = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(given.trim());
  const iso = danish ? `${danish[3]}-${danish[2].padStart(2, "0")}-${danish[1].padStart(2, "0")}` : given.trim();
  const field = $("dato");
  field.value = iso;
  if (field.value !== iso) {
    const note = $("dato-help");
    note.textContent = `Adressens dato »${given}« er ikke en dato som 30.06.2028; fristerne vurderes pr. dagens dato.`;
  }
}

function localTime() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

let worker;
const watchdog = setTimeout(() => { if (!state.ready && !state.failed) alarm("watchdog"); }, WATCHDOG_MS);
try {
  worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  worker.onerror = (event) => { event.preventDefault(); fail("start", event.message || "arbejderen kunne ikke indlæses"); };
  worker.onmessage = (event) => receive(event.data);
} catch (error) {
  fail("start", String(error && error.message || error));
}

function receive(message) {
  switch (message.type) {
    case "progress":
      $("progress").value = Math.round(100 * (message.step - 1) / message.steps);
      say(message.text);
      break;
    case "ready":
      state.ready = true;
      clearTimeout(watchdog);
      if ($("alert").dataset.kind === "watchdog") $("alert").hidden = true;
      performance.mark("dsi-xl:ready");
      $("progress").value = 100;
      $("progress").hidden = true;
      $("file").disabled = false;
      $("drop").classList.remove("disabled");
      say("Klar: vælg regnskabsfilen, eller træk den hen på siden.");
      break;
    case "failed":
      fail(message.reason === "csp" || message.reason === "no-wasm" ? message.reason : "start", message.detail);
      break;
    case "result":
      if (message.id === state.id) show(message.summary);
      break;
    case "check-failed":
      if (message.id === state.id) say("Filen kunne ikke tjekkes: " + message.message);
      break;
    case "copy":
      if (message.id === state.id) offerCopy(message.name, message.bytes);
      break;
    case "copy-failed":
      if (message.id === state.id) $("r-copy").textContent = "Kopien med Valideringsrapport kunne ikke laves: " + message.message;
      break;
  }
}

async function checkFile(file) {
  if (!file) return;
  if (!state.ready) { say("Vent, til tjekket er klar; vælg så filen igen."); return; }
  state.id += 1;
  performance.mark("dsi-xl:chosen");
  $("status").classList.remove("visually-hidden");
  say(`Tjekker ${file.name} …`);
  $("result").hidden = true;
  if (state.url) { URL.revokeObjectURL(state.url); state.url = null; }
  const bytes = await file.arrayBuffer();
  worker.postMessage({ type: "check", id: state.id, name: file.name, bytes, asOf: $("dato").value || null,
                       when: localTime() }, [bytes]);
}

function show(summary) {
  $("r-file").textContent = summary.file;
  const status = $("r-status");
  status.textContent = summary.status_text;
  status.className = "status " + summary.status;
  $("r-counts").textContent = "Fund: " + summary.counts;
  $("r-judged").textContent = summary.judged;
  fill($("r-amounts"), summary.amounts.map(([label, amount]) => `${label}: ${amount}`));
  fill($("r-notes"), summary.notes);
  $("r-copy").textContent = summary.copy ? "Laver kopien med arket Valideringsrapport …" :
    "Der laves ingen kopi af en fil, der ikke kan læses som en projektmappe.";
  state.findings = summary.findings.map((f, index) => ({ ...f, index }));
  state.sort = { key: "severity", dir: 1 };
  render();
  $("findings").hidden = state.findings.length === 0;
  $("result").hidden = false;
  if (!performance.getEntriesByName("dsi-xl:first-finding").length) performance.mark("dsi-xl:first-finding");
  performance.mark("dsi-xl:shown");
  // Announced to screen readers; on screen the result below says the same, so the line is hidden there.
  $("status").classList.add("visually-hidden");
  say(`Tjek færdigt for ${summary.file}: ${summary.status_text}. Fund: ${summary.counts}.`);
}

function fill(list, lines) {
  list.replaceChildren(...lines.map((line) => { const li = document.createElement("li"); li.textContent = line; return li; }));
  list.hidden = lines.length === 0;
}

function compare(a, b) {
  const { key, dir } = state.sort;
  const x = key === "severity" ? RANK[a.severity] : a[key] || "";
  const y = key === "severity" ? RANK[b.severity] : b[key] || "";
  const order = typeof x === "number" ? x - y : x.localeCompare(y, "da", { numeric: true });
  return order * dir || a.index - b.index;
}

function render() {
  const rows = [...state.findings].sort(compare).map((f) => {
    const tr = document.createElement("tr");
    tr.dataset.rule = f.rule;
    const cells = [["sev " + f.severity, f.severity, "Alvor"], ["rule", f.rule, "Regel"],
                   ["where", f.where, "Ark og celle"], ["message", f.message, "Besked"]];
    for (const [cls, text, label] of cells) {
      const td = document.createElement("td");
      td.dataset.label = label; // shown before the value where a narrow screen stacks the columns
      if (cls.startsWith("sev")) {
        const badge = document.createElement("span");
        badge.className = cls;
        badge.textContent = text;
        td.append(badge);
      } else {
        td.className = cls;
        td.textContent = text;
      }
      tr.append(td);
    }
    return tr;
  });
  $("findings").tBodies[0].replaceChildren(...rows);
  for (const th of $("findings").tHead.rows[0].cells) {
    const button = th.querySelector("button");
    if (!button) continue;
    th.setAttribute("aria-sort", button.dataset.key === state.sort.key ? (state.sort.dir > 0 ? "ascending" : "descending") : "none");
  }
}

function offerCopy(name, bytes) {
  const blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  state.url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = state.url;
  link.download = name;
  link.id = "copy-link";
  link.textContent = `Hent kopien med arket Valideringsrapport (${Math.max(1, Math.round(blob.size / 1024))} KB)`;
  const where = $("r-copy");
  where.replaceChildren(link, document.createTextNode(` Filnavn: ${name}. Din egen fil er ikke ændret.`));
}

$("file").addEventListener("change", (event) => checkFile(event.target.files[0]));
for (const th of $("findings").tHead.rows[0].cells) {
  const button = th.querySelector("button");
  if (!button) continue;
  button.addEventListener("click", () => {
    const key = button.dataset.key;
    state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
    render();
  });
}
const drop = $("drop");
drop.classList.add("disabled");
document.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
document.addEventListener("dragleave", (event) => { if (!event.relatedTarget) drop.classList.remove("over"); });
document.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  checkFile(event.dataTransfer && event.dataTransfer.files[0]);
});
judgingDay();
