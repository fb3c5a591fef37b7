import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printExpr } from "../../src/explain/expr/print.ts";
import { runExpr } from "../../src/explain/expr/run.ts";
import { arbExpr, arbValues } from "../explain/expr/arb-expr.ts";
import { hasChromium, SKIP_MESSAGE } from "../explain/chromium.ts";
import { openPlayground, type Playground } from "./page.ts";

type Result = { value: number; grads: Record<string, number | null> } | { error: string };

/** The engine in Node on the same text: what the page must show. */
function inNode(expr: string, values: Record<string, number>): Result {
  try {
    const r = runExpr(expr, values);
    return { value: r.value, grads: Object.fromEntries(r.grads) };
  } catch (e) {
    return { error: String(e) };
  }
}

const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function expectSame(page: Result, node: Result, what: string): void {
  if ("error" in node || "error" in page) {
    expect(page, what).toEqual(node);
    return;
  }
  expect(close(page.value, node.value), `${what}: value ${page.value} vs ${node.value}`).toBe(true);
  expect(Object.keys(page.grads), what).toEqual(Object.keys(node.grads));
  for (const [name, g] of Object.entries(node.grads)) {
    expect(close(page.grads[name], g), `${what}: ∂/∂${name} ${page.grads[name]} vs ${g}`).toBe(true);
  }
}

describe.skipIf(!hasChromium)("the engine in the page agrees with the engine in Node", () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground();
  }, 60_000);
  afterAll(async () => pg?.close());

  it("page = Node (null for null, NaN for NaN, numbers to 1e-9) for 250 random expressions of the §6 grammar (one page load)", async () => {
    const cases = fc.sample(fc.tuple(arbExpr, arbValues), { numRuns: 250, seed: 13 }).map(([e, values]) => ({ expr: printExpr(e), values }));
    // The same code on float64, but Chromium's V8 and Node's may round a Math function differently by one ulp
    // (Math.log(3) does): each of the ≤ 30 ops of a tree can then differ by a few ε relative, and the condition of
    // a small random tree rarely exceeds 1e5, so 1e-9 relative separates a rounding from a wrong rule.
    const inPage = await pg.page.evaluate(
      (cs) => cs.map((c) => (window as unknown as { tapegradPlayground: { evaluate(e: string, v: object): unknown } }).tapegradPlayground.evaluate(c.expr, c.values)),
      cases,
    );
    let withNull = 0;
    cases.forEach((c, k) => {
      const node = inNode(c.expr, c.values);
      expectSame(inPage[k] as Result, node, `${c.expr} at ${JSON.stringify(c.values)}`);
      if ("grads" in node && Object.values(node.grads).includes(null)) withNull++;
    });
    // The sample must exercise null (a detach on every path) as well as numbers.
    expect(withNull).toBeGreaterThan(10);
  });

  it("the page's own elements show the same numbers for expressions set through the hash", async () => {
    const cases = fc.sample(fc.tuple(arbExpr, arbValues), { numRuns: 12, seed: 7 });
    for (const [e, values] of cases) {
      const expr = printExpr(e);
      const node = inNode(expr, values);
      if ("error" in node) continue;
      const hash = `#expr=${encodeURIComponent(expr)}&${Object.entries(values).map(([k, v]) => `${k}=${v}`).join("&")}`;
      await pg.page.evaluate((h) => { location.hash = h; }, hash);
      await pg.page.waitForFunction((want) => document.body.dataset.expr === want, expr);
      for (const [name, g] of Object.entries(node.grads)) {
        const shown = await pg.text(`grad-${name}`);
        if (g === null || Number.isNaN(g)) expect(shown, `${expr}: ${name}`).toBe(String(g));
        else expect(close(parseFloat(shown), g), `${expr}: ${name}: ${shown} vs ${g}`).toBe(true);
      }
    }
    expect(pg.consoleErrors).toEqual([]);
    expect(pg.externalRequests).toEqual([]);
  });
});

describe.skipIf(hasChromium)("the engine in the page", () => {
  it.skip(SKIP_MESSAGE, () => {});
});
