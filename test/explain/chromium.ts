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

/** Debian's Chromium, headless, with a throwaway profile; `close` ends it and removes the profile. */
async function launchContext(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
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
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with a throwaway profile: `use` gets the browser context, closed afterwards. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const { context, close } = await launchContext();
  try {
    return await use(context);
  } finally {
    await close();
  }
}

/** A page whose network is cut off (file:// and data: only), recording console errors, page errors and requests. */
export interface WatchedPage {
  readonly page: import("playwright-core").Page;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly externalRequests: string[];
}

async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
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
  return { page, consoleErrors, pageErrors, externalRequests };
}

/** A watched page kept open across several tests (one browser launch per test file); `close` ends the browser. */
export interface BrowserPage extends WatchedPage {
  close(): Promise<void>;
}

export async function launchPage(): Promise<BrowserPage> {
  const { context, close } = await launchContext();
  return { ...(await watchedPage(context)), close };
}

export function openInChromium(file: string): Promise<PageCheck> {
  return withChromium(async (context) => {
    const { page, consoleErrors, pageErrors, externalRequests } = await watchedPage(context);
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
