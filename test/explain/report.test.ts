import { describe, expect, it } from "vitest";
import { buildReport, escapeHtml, sweepCharts } from "../../src/explain/report.ts";
import { constScenario, seedScenario } from "../../src/explain/scenarios/index.ts";

const rows = [
  { kind: "clean", scale: 0, optimizer: "sgd", runs: 2, accuracyMean: 0.95, accuracyStd: 0.01,
    uphillFraction: null, predictedUphill: null, meanAbsFac: null },
  ...[0.1, 1, 3].map((scale, i) => ({ kind: "loss", scale, optimizer: "sgd", runs: 2, accuracyMean: 0.9 - 0.2 * i,
    accuracyStd: 0.02, uphillFraction: 0.1 * i, predictedUphill: 0.1 * i, meanAbsFac: scale })),
];

describe("buildReport", () => {
  it("is one self-contained page: every scenario's graph inline, no script, no external resource", async () => {
    const scenarios = [seedScenario({ n: 0.31 }), constScenario({ n: 0.31 })];
    const html = await buildReport({ scenarios, sweep: { rows } });
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
  it("draws accuracy against scale per optimizer, and the uphill fraction beside Φ(−L/s) for the loss kind", () => {
    const charts = sweepCharts(rows);
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain("test accuracy against noise scale (sgd)");
    expect(charts[1]).toContain("uphill steps");
    // the loss line runs through the clean point at scale 0 and its three scales
    expect((charts[0].match(/<circle /g) ?? []).length).toBe(4);
  });
});
