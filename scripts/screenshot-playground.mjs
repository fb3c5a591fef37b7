#!/usr/bin/env node
// The README's picture of the playground: builds the page, opens it in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) on a view given by its URL hash, and saves a PNG.
//   node scripts/screenshot-playground.mjs [out.png] [hash]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { buildPlayground } from "./build-playground.mjs";

const out = resolve(process.argv[2] ?? "docs/playground.png");
const hash = process.argv[3] ?? `#expr=${encodeURIComponent("w*x + sg(w)*x")}&w=0.5&x=2&compare=1&step=1`;
const dir = await buildPlayground(mkdtempSync(join(tmpdir(), "tapegrad-shot-")));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(`file://${join(dir, "index.html")}${hash}`);
  await page.waitForSelector('[data-testid="graph"] svg');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`screenshot written to ${out}`);
} finally {
  await browser.close();
}
