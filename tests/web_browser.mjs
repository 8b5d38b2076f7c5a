// Drive the browser check in headless Chromium (Debian's /usr/bin/chromium) with playwright-core,
// every request to anything but 127.0.0.1 blocked and recorded.
// usage: node web_browser.mjs JOB.json -- prints one JSON answer on stdout.
// job: {playwright, chromium, url, files: [{path, name}], downloads, screenshot?, expectFailure?,
//       bench?: {cold, warm, file}} -- see tests/test_web_browser.py and bench/web_page.py.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const require = createRequire(path.join(path.resolve(job.playwright), "package.json"));
const { chromium } = require(path.resolve(job.playwright));
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", "--lang=da",
               "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"];
// Danish as on a municipal PC: the date field reads dd.mm.åååå (Debian's chromium-l10n has the translations).
const ENV = { ...process.env, LANG: "da_DK.UTF-8", LANGUAGE: "da" };
const browser = await chromium.launch({ executablePath: job.chromium, args: FLAGS, env: ENV });
const out = { requests: [], blocked: [], console: [], pageErrors: [], results: [] };
const sent = async () => Number(await (await fetch(new URL("/__sent", job.url))).text());

function local(url) {
  try { return new URL(url).hostname === "127.0.0.1"; } catch { return url.startsWith("blob:") || url.startsWith("data:"); }
}

const OPTIONS = { acceptDownloads: true, locale: "da-DK", viewport: job.viewport || { width: 1100, height: 900 } };

async function newContext(persistent) {
  // A persistent context has a profile on disk, with the disk cache a real browser has (an
  // ordinary context keeps its cache in memory, where Pyodide's 9.6 MB .wasm does not fit).
  const context = persistent
    ? await chromium.launchPersistentContext(fs.mkdtempSync(path.join(job.downloads, "profile-")),
                                             { executablePath: job.chromium, args: FLAGS, env: ENV, ...OPTIONS })
    : await browser.newContext(OPTIONS);
  // Routing turns Chromium's HTTP cache off, so the benchmark's warm runs rely on the resolver rule
  // above alone (no other host resolves); every request is recorded either way.
  if (!job.bench) {
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      out.blocked.push(url);
      return route.abort("blockedbyclient");
    });
  }
  context.on("request", (request) => out.requests.push(request.url()));
  return context;
}

function watch(page) {
  page.on("console", (message) => out.console.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => out.pageErrors.push(String(error)));
  page.on("worker", (worker) => worker.on("console", (message) => out.console.push({ type: message.type(), text: "[worker] " + message.text() })));
}

const table = () => [...document.querySelectorAll("#findings tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent));
const marks = () => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]));

async function checkOne(page, file, index) {
  await page.setInputFiles("#file", { name: file.name, mimeType: "application/octet-stream", buffer: fs.readFileSync(file.path) });
  await page.waitForFunction((name) => {
    const shown = !document.getElementById("result").hidden && document.getElementById("r-file").textContent === name;
    const copy = document.getElementById("r-copy").textContent;
    return shown && (document.getElementById("copy-link") || !copy.startsWith("Laver"));
  }, file.name, { timeout: 120000 });
  const result = await page.evaluate(() => ({
    file: document.getElementById("r-file").textContent,
    status: document.getElementById("r-status").textContent,
    statusClass: document.getElementById("r-status").className,
    counts: document.getElementById("r-counts").textContent,
    judged: document.getElementById("r-judged").textContent,
    amounts: [...document.querySelectorAll("#r-amounts li")].map((li) => li.textContent),
    copyText: document.getElementById("r-copy").textContent,
    announced: document.getElementById("status").textContent,
  }));
  result.rows = await page.evaluate(table);
  if (await page.$("#copy-link")) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#copy-link")]);
    result.copyName = download.suggestedFilename();
    result.copy = path.join(job.downloads, `${index}-${result.copyName}`);
    await download.saveAs(result.copy);
  }
  if (job.sort && result.rows.length > 1) {
    await page.click("button[data-key=severity]");
    result.sortedDescending = { rows: await page.evaluate(table),
                                ariaSort: await page.getAttribute("th:has(button[data-key=severity])", "aria-sort") };
    await page.click("button[data-key=rule]");
    result.sortedByRule = { rows: await page.evaluate(table),
                            ariaSort: await page.getAttribute("th:has(button[data-key=rule])", "aria-sort") };
    await page.click("button[data-key=severity]");
  }
  return result;
}

try {
  if (job.bench) {
    // Cold: a new context (empty cache) per run. Warm: one profile with a disk cache, page loaded again.
    out.bench = { cold: [], warm: [] };
    for (const kind of ["cold", "warm"]) {
      const context = kind === "warm" ? await newContext(true) : null;
      if (context) { const page = await context.newPage(); await page.goto(job.url); await page.waitForFunction(() => performance.getEntriesByName("dsi-xl:ready").length, null, { timeout: 120000 }); await page.close(); }
      for (let i = 0; i < job.bench[kind]; i++) {
        const ctx = context || await newContext(false);
        const page = await ctx.newPage();
        const before = await sent();
        await page.goto(job.url);
        await page.waitForFunction(() => performance.getEntriesByName("dsi-xl:ready").length, null, { timeout: 120000 });
        const run = { ready: (await page.evaluate(marks))["dsi-xl:ready"], bytesReady: (await sent()) - before };
        if (job.bench.file) {
          await checkOne(page, job.bench.file, i);
          const m = await page.evaluate(marks);
          run.firstFinding = m["dsi-xl:shown"] - m["dsi-xl:chosen"];
          run.sinceOpen = m["dsi-xl:shown"];
        }
        await new Promise((r) => setTimeout(r, 300));
        run.bytes = (await sent()) - before;
        out.bench[kind].push(run);
        await page.close();
        if (!context) await ctx.close();
      }
      if (context) await context.close();
    }
  } else {
    const context = await newContext(false);
    const page = await context.newPage();
    watch(page);
    await page.goto(job.url);
    if (job.expectFailure) {
      await page.waitForSelector("#alert:not([hidden])", { timeout: 60000 });
      out.alert = await page.textContent("#alert");
      out.announced = await page.textContent("#status");
      out.fileDisabled = await page.isDisabled("#file");
    } else {
      await page.waitForFunction(() => performance.getEntriesByName("dsi-xl:ready").length, null, { timeout: 120000 });
      out.ready = await page.evaluate(() => ({ announced: document.getElementById("status").textContent,
                                               disabled: document.getElementById("file").disabled,
                                               date: document.getElementById("dato").value,
                                               labels: [...document.querySelectorAll("input")].map((i) => i.labels.length) }));
      for (const [index, file] of job.files.entries()) {
        out.results.push(await checkOne(page, file, index));
        if (job.screenshot && index === (job.screenshotAfter ?? 0)) {
          await page.screenshot({ path: job.screenshot, fullPage: true });
        }
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
