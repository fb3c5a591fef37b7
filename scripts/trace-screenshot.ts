/**
 * The picture in docs/benchmarking.md: a `tapegrad profile --trace` file opened in a trace viewer in headless
 * Chromium. Perfetto's UI is not published on npm; speedscope is, and it reads the same Trace Event Format, so the
 * page is speedscope's static build served from localhost (no network).
 *
 *   npm install --prefix /tmp/ss speedscope@1.25.0
 *   npx tapegrad profile examples/digits-step.ts --repeat 3 --trace /tmp/digits-trace.json
 *   npx tsx scripts/trace-screenshot.ts /tmp/ss/node_modules/speedscope/dist/release /tmp/digits-trace.json docs/images/digits-trace
 *
 * writes <out>-forward.png and <out>-backward.png: speedscope shows one thread at a time ('n' moves to the next).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve } from "node:path";

const [viewer, trace, out] = process.argv.slice(2);
if (out === undefined) throw new Error("usage: trace-screenshot.ts <speedscope dist/release> <trace.json> <out prefix>");
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const path = (req.url ?? "/").split(/[?#]/)[0];
  const file = path === "/trace.json" ? resolve(trace) : join(resolve(viewer), path === "/" ? "index.html" : path);
  try {
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
const port = (server.address() as { port: number }).port;
const { chromium } = await import("playwright-core");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
  await page.route("**/*", (r) => (r.request().url().startsWith(`http://127.0.0.1:${port}/`) ? r.continue() : r.abort()));
  await page.goto(`http://127.0.0.1:${port}/#profileURL=${encodeURIComponent(`http://127.0.0.1:${port}/trace.json`)}`);
  await page.waitForTimeout(3000);
  await page.screenshot({ path: `${out}-forward.png` });
  await page.keyboard.press("n");
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${out}-backward.png` });
} finally {
  await browser.close();
  server.close();
}
