import { describe, expect, it } from "vitest";
import { buildReport, escapeHtml, sweepCharts } from "../../src/explain/report.ts";
import { constScenario, seedScenario } from "../../src/explain/scenarios/index.ts";
import { aggregate, type CellResult } from "../../src/perturb/sweep/result.ts";

const run = (kind: "clean" | "loss", scale: number, seed: number, acc: number): CellResult => ({
  kind, scale, optimizer: "sgd", seed, testAccuracy: acc, trainLoss: 0.2, uphillFraction: kind === "loss" ? 0.1 : null,
  predictedUphill: kind === "loss" ? 0.1 : null, meanAbsFac: kind === "loss" ? scale : null,
  facByEpoch: kind === "loss" ? [scale, 2 * scale] : [], lossByEpoch: [1, 0.5], steps: 10, seconds: 1,
  diverged: false,
});
const results = [
  run("clean", 0, 0, 0.95),
  run("clean", 0, 1, 0.93),
  ...[0.1, 1, 3].map((s, i) => run("loss", s, 0, 0.9 - 0.2 * i)),
];
const rows = aggregate(results);

describe("buildReport", () => {
  it("is one self-contained page: every scenario's graph inline, no script, no external resource", async () => {
    const scenarios = [seedScenario({ n: 0.31 }), constScenario({ n: 0.31 })];
    const html = await buildReport({ scenarios, sweep: { rows, results } });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    for (const s of scenarios) expect(html).toContain(`id="scenario-${s.name}"`);
    expect((html.match(/<figure class="graph"><svg/g) ?? []).length).toBe(2);
    expect((html.match(/<figure class="plot"><svg/g) ?? []).length).toBe(2);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toContain("<?xml");
    expect(html).toContain("6 of 6 identities hold");
  });

  it("escapes text", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});

describe("sweepCharts", () => {
  it("draws the sweep's accuracy plot, and with the runs the plot of |fac| and uphill steps", () => {
    const charts = sweepCharts({ rows, results });
    expect(charts).toHaveLength(2);
    expect(charts[0]).toMatch(/accuracy against noise scale/i);
    expect(charts[1]).toMatch(/uphill/);
    expect(sweepCharts({ rows })).toHaveLength(1);
  });
});

describe("buildReport with a graph too large to draw", () => {
  it("writes the reason where the picture would be, and still the listing", async () => {
    const r = seedScenario({ hidden: Array.from({ length: 600 }, () => 2) });
    expect(r.graphs[0].dot).toBeNull();
    const html = await buildReport({ scenarios: [r] });
    expect(html).not.toContain('<figure class="graph">');
    expect(html).toContain("more than the 2000 that can be drawn");
    expect(html).toContain("rows not shown");
  });
});
