/**
 * Opens an HTML file in Debian's Chromium (driven by playwright-core, no browser download), with the network cut
 * off: reports console errors, page errors, every request that left file://, and the size of every graph and plot.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE =
  `Chromium not found at ${CHROMIUM}: the browser test of the HTML report is skipped ` +
  "(install it with: apt-get update && apt-get install -y chromium; .ci/run does this when root)";

export interface PageCheck {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly externalRequests: string[];
  /** [width, height] in CSS pixels of every `figure > svg` (a graph or a plot). */
  readonly figures: [number, number][];
  readonly title: string;
}

/** Debian's Chromium, headless, with a throwaway profile: `use` gets the browser context, closed afterwards. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "tapegrad-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    return await use(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function openInChromium(file: string): Promise<PageCheck> {
  return withChromium(async (context) => {
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const externalRequests: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://") || url.startsWith("data:")) return route.continue();
      externalRequests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    const figures = await page.$$eval("figure > svg", (svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return [r.width, r.height] as [number, number];
      }),
    );
    return { consoleErrors, pageErrors, externalRequests, figures, title: await page.title() };
  });
}
