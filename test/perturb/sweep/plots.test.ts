import { describe, expect, it } from "vitest";
import { accuracyPlot, facPlot } from "../../../src/perturb/sweep/plots.ts";
import { aggregate, type CellResult } from "../../../src/perturb/sweep/result.ts";

const result = (over: Partial<CellResult>): CellResult => ({
  kind: "loss", scale: 0.1, optimizer: "sgd", seed: 0, testAccuracy: 0.9, trainLoss: 0.1, uphillFraction: 0.1,
  predictedUphill: 0.12, meanAbsFac: 0.5, facByEpoch: [0.2, 0.4, 0.8], lossByEpoch: [1, 0.5, 0.25], steps: 30,
  seconds: 1, diverged: false, ...over,
});

const results = [
  result({ kind: "clean", scale: 0, uphillFraction: null, predictedUphill: null, meanAbsFac: null, facByEpoch: [] }),
  result({ scale: 0.1 }),
  result({ scale: 1, testAccuracy: 0.7, facByEpoch: [2, 4, 8] }),
  result({ kind: "gradient", scale: 1, uphillFraction: null, predictedUphill: null, meanAbsFac: null, facByEpoch: [] }),
  result({ optimizer: "adam", scale: 1 }),
];

describe("sweep plots", () => {
  it("accuracy: one panel per optimizer present, a line per kind and a dashed clean reference", () => {
    const svg = accuracyPlot(aggregate(results));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">SGD<");
    expect(svg).toContain(">Adam<");
    expect(svg).not.toContain("momentum 0.9");
    for (const label of ["loss", "gradient", "clean"]) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain("stroke-dasharray");
  });

  it("fac: the per-epoch |fac| of each scale of the loss kind, and measured beside predicted uphill fractions", () => {
    const svg = facPlot(results, aggregate(results));
    expect(svg).toContain("s = 0.1");
    expect(svg).toContain("s = 1");
    expect(svg).toContain("sgd measured");
    expect(svg).toContain("adam Φ(−L/s)");
  });
});
