import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExpr } from "../../src/explain/expr/run.ts";
import { PRESETS } from "../../src/playground/presets.ts";
import { hasChromium, SKIP_MESSAGE } from "../explain/chromium.ts";
import { openPlayground, type Playground } from "./page.ts";

/** The page's numbers against the engine in Node: the same value and gradients, null for null. */
async function expectEngine(pg: Playground, expr: string, values: Record<string, number>): Promise<void> {
  const r = runExpr(expr, values);
  expect(parseFloat(await pg.text("value"))).toBe(r.value);
  for (const [name, g] of r.grads) {
    const shown = await pg.text(`grad-${name}`);
    if (g === null) expect(shown, name).toBe("null");
    else expect(parseFloat(shown), name).toBe(g);
  }
}

describe.skipIf(!hasChromium)("the playground in Chromium, from file://", () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await openPlayground();
    console.log(`playground: first graph ${pg.firstGraphMs} ms after navigation`);
  }, 60_000);
  afterAll(async () => pg?.close());

  it("opens on the seed with its numbers and a drawn graph", async () => {
    expect(await pg.page.title()).toMatch(/tapegrad playground/);
    await expectEngine(pg, "L + n*L/sg(L)", { L: 0.8, n: -0.17 });
    expect(await pg.page.$('[data-testid="error"]')).toBeNull();
  });

  it("loads every preset: the expression, its sliders and the engine's gradients", async () => {
    for (const [i, p] of PRESETS.entries()) {
      await pg.page.selectOption('[data-testid="preset"]', String(i));
      await pg.settle();
      expect(await pg.page.inputValue('[data-testid="expr"]')).toBe(p.expr);
      for (const name of Object.keys(p.values)) expect(await pg.page.$(`[data-testid="slider-${name}"]`), name).not.toBeNull();
      await expectEngine(pg, p.expr, p.values);
    }
  });

  it("typing an expression updates the value and gradients to the engine's (a new leaf starts at 1, x keeps 1.5)", async () => {
    // The last preset (second-order) left x = 1.5 on its slider.
    await pg.page.fill('[data-testid="expr"]', "w*x + sg(w)*x");
    await pg.page.press('[data-testid="expr"]', "Enter");
    await pg.settle();
    await expectEngine(pg, "w*x + sg(w)*x", { w: 1, x: 1.5 });
    expect(pg.page.url()).toContain(`#expr=${encodeURIComponent("w*x + sg(w)*x")}&w=1&x=1.5`);
  });

  it("clicking an edge puts a detach there (the text follows) and the gradients change as the engine says", async () => {
    await pg.page.goto(`file://${pg.file}#expr=${encodeURIComponent("w*x + w*x")}&w=0.5&x=2`);
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="grad-w"]')?.textContent === "4");
    await pg.page.locator('[id="edge-1.0"]').dispatchEvent("click");
    await pg.page.waitForFunction(() => (document.querySelector('[data-testid="expr"]') as HTMLInputElement).value === "w*x + sg(w)*x");
    await pg.settle();
    await expectEngine(pg, "w*x + sg(w)*x", { w: 0.5, x: 2 });
    expect(await pg.text("grad-w")).toBe("2");
    // Clicking the edge into the detach takes it off again.
    await pg.page.locator('[id="edge-1.0.0"]').dispatchEvent("click");
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="grad-w"]')?.textContent === "4");
    expect(await pg.page.inputValue('[data-testid="expr"]')).toBe("w*x + w*x");
  });

  it("dragging n moves the ratio ∇L̃/∇L to 1 + n/L, and marks the uphill region", async () => {
    await pg.page.selectOption('[data-testid="preset"]', "1");
    await pg.settle();
    for (const n of [-1.5, -0.3, 0.9]) {
      await pg.page.fill('[data-testid="slider-n"]', String(n));
      const L = 0.8;
      await pg.page.waitForFunction((v) => document.querySelector('[data-testid="factor"]')?.textContent === String(1 + v / 0.8), n);
      const ratio = parseFloat(await pg.text("ratio"));
      // 1 + n·(1/L) against 1 + n/L: a few roundings
      expect(Math.abs(ratio - (1 + n / L))).toBeLessThanOrEqual(4 * 2 ** -52 * (1 + Math.abs(n / L)));
      expect(await pg.text("uphill")).toMatch(1 + n / L < 0 ? /^uphill/ : /^downhill/);
    }
  });

  it("step-through visits every node, output first, in reverse tape order", async () => {
    const expr = "L + n*L/sg(L)";
    await pg.page.goto(`file://${pg.file}#expr=${encodeURIComponent(expr)}&L=0.8&n=-0.17`);
    await pg.page.waitForSelector('[data-testid="step-next"]');
    const expected = runExpr(expr, { L: 0.8, n: -0.17 }).listing.rows.map((r) => r.id).reverse();
    const visited: string[] = [];
    for (let k = 0; k < expected.length; k++) {
      await pg.page.click('[data-testid="step-next"]');
      await pg.page.waitForFunction((n) => document.querySelector(".step-head")?.textContent?.startsWith(`step ${n} of`), k + 1);
      visited.push(await pg.text("step-node"));
    }
    expect(visited).toEqual(expected);
    expect(await pg.text("step-summary")).toMatch(/backward done/);
    expect(await pg.page.isDisabled('[data-testid="step-next"]')).toBe(true);
    await pg.page.click('[data-testid="step-prev"]');
    expect(await pg.text("step-node")).toBe(expected[expected.length - 2]);
  });

  it("a link (the URL hash) reproduces the view: expression, values, compare mode", async () => {
    const hash = `#expr=${encodeURIComponent("w2*sg(tanh(w1*x))")}&w1=0.5&x=1.5&w2=-1.2&compare=1`;
    await pg.page.goto(`file://${pg.file}${hash}`);
    await pg.page.reload();
    await pg.page.waitForSelector('[data-testid="graph-compare"] svg');
    await expectEngine(pg, "w2*sg(tanh(w1*x))", { w1: 0.5, x: 1.5, w2: -1.2 });
    expect(await pg.page.inputValue('[data-testid="expr"]')).toBe("w2*sg(tanh(w1*x))");
    expect(await pg.page.isChecked('[data-testid="compare"]')).toBe(true);
    expect(await pg.page.inputValue('[data-testid="slider-w2"]')).toBe("-1.2");
  });

  it("predict first hides the gradients until the guesses are checked, then marks each", async () => {
    await pg.page.goto(`file://${pg.file}#expr=${encodeURIComponent("x*sg(x)")}&x=3&predict=1`);
    await pg.page.waitForSelector('[data-testid="guess-x"]');
    expect(await pg.text("grad-x")).toBe("?");
    await pg.page.fill('[data-testid="guess-x"]', "6");
    await pg.page.click('[data-testid="check"]');
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="grad-x"]')?.textContent === "3");
    expect(await pg.page.textContent(".results .bad")).toMatch(/you said 6 ✗/);
  });

  it("a bad expression or a missing value shows the error element, pointing at the column; fixing it removes it", async () => {
    await pg.page.fill('[data-testid="expr"]', "x*(2+");
    await pg.page.waitForSelector('[data-testid="error"]');
    expect(await pg.text("error")).toMatch(/column 6/);
    await pg.page.goto(`file://${pg.file}#expr=${encodeURIComponent("x + y")}&x=1`);
    await pg.page.waitForFunction(() => /the leaf y has no value/.test(document.querySelector('[data-testid="error"]')?.textContent ?? ""));
    await pg.page.fill('[data-testid="slider-y"]', "0.5");
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="error"]') === null);
    await expectEngine(pg, "x + y", { x: 1, y: 0.5 });
  });

  it("made no network request and logged no console error", () => {
    expect(pg.externalRequests).toEqual([]);
    expect(pg.consoleErrors).toEqual([]);
    expect(pg.pageErrors).toEqual([]);
  });
});

describe.skipIf(hasChromium)("the playground in Chromium", () => {
  it.skip(SKIP_MESSAGE, () => {});
});
