import { describe, expect, it } from "vitest";
import { lineChart } from "../../src/explain/line-chart.ts";

describe("lineChart", () => {
  it("draws one path and one legend entry per series with points, and a circle per point", () => {
    const svg = lineChart(
      [
        { name: "loss", points: [[0, 0.9, 0.01], [0.1, 0.85, 0.02], [1, 0.5]] },
        { name: "target", points: [[0, 0.9], [1, 0.88]], dashed: true },
        { name: "empty", points: [] },
      ],
      { title: "accuracy <by> scale", xLabel: "s", yLabel: "acc", logX: true },
    );
    expect(svg.startsWith("<svg")).toBe(true);
    expect((svg.match(/<path /g) ?? []).length).toBe(2);
    expect((svg.match(/<circle /g) ?? []).length).toBe(3 + 2);
    expect(svg).toContain("accuracy &lt;by&gt; scale");
    expect(svg).not.toContain("empty");
    expect(svg).toContain('stroke-dasharray="5 3"');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("puts x = 0 one decade left of the smallest positive x on a log axis, and keeps the order of x", () => {
    const svg = lineChart([{ name: "a", points: [[0, 1], [0.01, 1], [0.1, 1]] }], {
      title: "t", xLabel: "x", yLabel: "y", logX: true, width: 400,
    });
    const xs = [...svg.matchAll(/<circle cx="([0-9.]+)"/g)].map((m) => Number(m[1]));
    // 0 ↦ log10(0.001), 0.01 ↦ −2, 0.1 ↦ −1: equally spaced.
    expect(xs[1] - xs[0]).toBeCloseTo(xs[2] - xs[1], 9);
    expect(xs[0]).toBeLessThan(xs[1]);
  });
});
