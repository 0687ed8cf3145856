// Parse and render Mermaid diagrams with the real Mermaid library in headless Chromium.
//
//   node check.mjs DIAGRAM.mmd...      one diagram per file; "-" (or nothing) reads stdin
//
// Prints one JSON array on stdout with, for each diagram in the order given,
//   {"name": ..., "ok": true, "type": "gantt", "svg": "<svg ..."}  or
//   {"name": ..., "ok": false, "stage": "parse" | "render" | "layout", "error": "..."}
// "layout" means Mermaid drew without complaint but the drawing is wrong: a negative
// size or a coordinate that is not a number (a bar that ends before it starts), or a
// text cut off at the drawing's edge. The page is 800 pixels wide, a little narrower
// than a README on github.com.
// Exit status: 0 when every diagram rendered, 1 when any failed, 2 when the check itself
// could not run (no browser, unreadable file). CHROMIUM overrides /usr/bin/chromium.
//
// Chromium must never reach a network host: Mermaid is read from node_modules and
// injected into a blank page, every request the page makes is refused, host names do
// not resolve, and DevTools talks over a pipe rather than a port.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const MERMAID = require.resolve("mermaid/dist/mermaid.min.js");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--host-resolver-rules=MAP * ~NOTFOUND",
];

async function readDiagrams(names) {
  const diagrams = [];
  for (const name of names.length ? names : ["-"]) {
    const text = name === "-" ? await readStdin() : await readFile(name, "utf8");
    diagrams.push({ name, text });
  }
  return diagrams;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// Runs inside the page: parse first, so a syntax error is told apart from a failure
// to lay the diagram out; then look at the drawing as a reader would.
async function checkInPage(diagrams) {
  const { mermaid } = globalThis;
  const negative = String.raw`\s(?:width|height)="-[^"]*"`;
  const attributes = "x|y|x1|x2|y1|y2|width|height|d|transform|points";
  const notANumber = String.raw`\s(?:${attributes})="[^"]*(?:NaN|Infinity)[^"]*"`;
  const badNumber = new RegExp(`${negative}|${notANumber}`);

  // A text that sticks out of the drawing is cut off where the drawing ends.
  function cutOff(svg) {
    const holder = document.createElement("div");
    holder.innerHTML = svg;
    document.body.append(holder);
    const frame = holder.querySelector("svg").getBoundingClientRect();
    const outside = [...holder.querySelectorAll("text")].find((text) => {
      const box = text.getBoundingClientRect();
      return box.width > 0 && (box.left < frame.left - 1 || box.right > frame.right + 1);
    });
    holder.remove();
    return outside?.textContent;
  }

  function flaw(svg) {
    const found = badNumber.exec(svg);
    if (found) return `the drawing has${found[0]}`;
    const text = cutOff(svg);
    return text === undefined ? null : `the text "${text}" does not fit in the drawing`;
  }

  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  const results = [];
  for (const [index, { name, text }] of diagrams.entries()) {
    let stage = "parse";
    try {
      const parsed = await mermaid.parse(text);
      stage = "render";
      const { svg } = await mermaid.render(`diagram-${index}`, text);
      const error = flaw(svg);
      if (error) results.push({ name, ok: false, stage: "layout", error, svg });
      else results.push({ name, ok: true, type: parsed.diagramType, svg });
    } catch (error) {
      const message = error?.message ?? error?.str ?? String(error);
      results.push({ name, ok: false, stage, error: message });
    }
  }
  return results;
}

async function render(diagrams) {
  const profile = await mkdtemp(join(tmpdir(), "mermaid-check-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    pipe: true,
    args: [...FLAGS, `--user-data-dir=${profile}`, "about:blank"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 800, height: 600 });
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (request.url().startsWith("data:")) request.continue();
      else request.abort("blockedbyclient");
    });
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: MERMAID });
    return await page.evaluate(checkInPage, diagrams);
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function main() {
  let results;
  try {
    results = await render(await readDiagrams(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`mermaid-check: ${error.message}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

process.exitCode = await main();
