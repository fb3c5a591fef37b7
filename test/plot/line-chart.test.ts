import { describe, expect, it } from "vitest";
import { lineChart, sideBySide } from "../../src/plot/index.ts";
import { checkWellFormed } from "./svg-check.ts";

const pathsOf = (svg: string) => [...svg.matchAll(/<path d="([^"]+)" fill="none"/g)].map((m) => m[1]);

describe("lineChart", () => {
  const svg = lineChart(
    [
      { label: "train", points: [1, 2, 3, 4].map((x) => ({ x, y: 1 / x })) },
      { label: "test <held out>", points: [1, 2, 3, 4].map((x) => ({ x, y: 1.2 / x })), dashed: true },
    ],
    { title: "loss & accuracy", xLabel: "epoch", yLabel: "loss", width: 500, height: 300 },
  );

  it("is a well-formed SVG document of the requested size, with escaped text", () => {
    checkWellFormed(svg);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="500" height="300"`)).toBe(true);
    expect(svg).toContain("loss &amp; accuracy");
    expect(svg).toContain("test &lt;held out&gt;");
  });

  it("draws one path per series through every point, and a legend entry for each", () => {
    const paths = pathsOf(svg);
    expect(paths.length).toBe(2);
    expect(paths[0].match(/[ML]/g)?.length).toBe(4);
    expect(svg.match(/<g class="legend">/g)?.length).toBe(1);
    expect(svg).toContain(">train</text>");
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it("maps the x range onto the plot area: the first point on the left edge, the last on the right", () => {
    const one = lineChart([{ label: "a", points: [{ x: 0, y: 0 }, { x: 10, y: 1 }] }], { width: 400, height: 300, legend: "none" });
    const [d] = pathsOf(one);
    const [, x0, y0, x1, y1] = /M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)/.exec(d)?.map(Number) ?? [];
    // margins: 64 left, 16 right, 36 top, 48 bottom
    expect([x0, x1]).toEqual([64, 400 - 16]);
    expect([y0, y1]).toEqual([300 - 48, 36]);
  });

  it("breaks the line at non-finite points instead of drawing them", () => {
    const g = lineChart([{ label: "a", points: [{ x: 1, y: 1 }, { x: 2, y: NaN }, { x: 3, y: 2 }, { x: 4, y: 3 }] }]);
    expect(pathsOf(g)[0].match(/M/g)?.length).toBe(2);
    expect(pathsOf(g)[0].match(/L/g)?.length).toBe(1);
  });

  it("log x: ticks at decades, points spaced by their logarithm", () => {
    const g = lineChart([{ label: "a", points: [1e-3, 1e-2, 1e-1, 1].map((x) => ({ x, y: x })) }], { logX: true, width: 400 });
    for (const t of ["0.001", "0.01", "0.1", "1"]) expect(g).toContain(`>${t}</text>`);
    const xs = [...pathsOf(g)[0].matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    const gaps = xs.slice(1).map((x, i) => x - xs[i]);
    gaps.forEach((gap) => expect(gap).toBeCloseTo(gaps[0], 1));
  });

  it("error bars: one per point that has err, and the y range includes them", () => {
    const g = lineChart([{ label: "a", points: [{ x: 1, y: 1, err: 0.5 }, { x: 2, y: 2, err: 3 }, { x: 3, y: 2 }] }]);
    const bars = [...g.matchAll(/class="error-bar" d="M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(bars.length).toBe(2);
    // the plot area spans y = 36 (top margin) to 400 − 48 (bottom margin)
    bars.flat().forEach((y) => expect(y >= 36 && y <= 352).toBe(true));
    expect(bars[1][0] - bars[1][1]).toBeCloseTo(6 * (bars[0][0] - bars[0][1]), 6);
  });

  it("an empty chart is still a valid document", () => {
    checkWellFormed(lineChart([], { title: "nothing" }));
  });
});

describe("sideBySide", () => {
  it("places charts next to each other in one document", () => {
    const a = lineChart([{ label: "a", points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }], { width: 300, height: 200 });
    const both = sideBySide([a, a], { gap: 10, title: "two" });
    checkWellFormed(both);
    expect(both).toContain('width="610" height="228"');
    expect(both).toContain('<svg x="310" y="28"');
  });
});
