/**
 * The built playground opened in Chromium from file://: builds the page into a temporary folder (the build script
 * the package runs), opens it with the network cut off, and waits for the first graph.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchPage, type BrowserPage } from "../explain/chromium.ts";

export interface Playground extends BrowserPage {
  readonly file: string;
  /** Milliseconds from navigation to the first graph on screen. */
  readonly firstGraphMs: number;
  /** Waits until the page has drawn a graph newer than the last one seen (each update redraws). */
  settle(): Promise<void>;
  text(testid: string): Promise<string>;
}

export async function openPlayground(hash = ""): Promise<Playground> {
  const dir = mkdtempSync(join(tmpdir(), "tapegrad-playground-"));
  // @ts-expect-error: a plain JavaScript build script, without types
  const { buildPlayground } = (await import("../../scripts/build-playground.mjs")) as { buildPlayground(out: string): Promise<string> };
  await buildPlayground(dir);
  const browser = await launchPage();
  const { page } = browser;
  const file = join(dir, "index.html");
  const start = Date.now();
  await page.goto(`file://${file}${hash}`, { waitUntil: "load" });
  await page.waitForSelector('[data-testid="graph"] svg');
  const firstGraphMs = Date.now() - start;
  let seen = await page.evaluate(() => Number(document.body.dataset.graphs ?? 0));
  return {
    ...browser,
    file,
    firstGraphMs,
    async settle() {
      await page.waitForFunction((n) => Number(document.body.dataset.graphs ?? 0) > n, seen);
      seen = await page.evaluate(() => Number(document.body.dataset.graphs ?? 0));
    },
    text: async (testid) => (await page.textContent(`[data-testid="${testid}"]`)) ?? "",
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
