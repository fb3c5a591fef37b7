import { describe, expect, it } from "vitest";
import { DEFAULT_RUN, type RunConfig } from "../../../src/perturb/sweep/config.ts";
import { runCell } from "../../../src/perturb/sweep/run-cell.ts";

// A small, fast run: 200 training samples, 2 epochs of 7 batches.
const tiny: RunConfig = { ...DEFAULT_RUN, epochs: 2, trainLimit: 200, hidden: [16] };
const strip = <T extends { seconds: number }>(r: T) => ({ ...r, seconds: 0 });

describe("runCell", () => {
  it("is deterministic: the same cell twice gives the same result, bit for bit", () => {
    const cell = { kind: "independent", scale: 0.3, optimizer: "momentum", seed: 3 } as const;
    expect(strip(runCell(cell, tiny))).toEqual(strip(runCell(cell, tiny)));
  });

  it("the seed fixes the initial weights and batches: a loss perturbation at scale 1e-300 trains exactly as clean", () => {
    // n ~ 1e-300·N(0, 1): L + n rounds to L and 1 + n/L to 1, so every step is the clean one.
    const clean = runCell({ kind: "clean", scale: 0, optimizer: "sgd", seed: 1 }, tiny);
    const loss = runCell({ kind: "loss", scale: 1e-300, optimizer: "sgd", seed: 1 }, tiny);
    expect(loss.testAccuracy).toBe(clean.testAccuracy);
    expect(loss.lossByEpoch).toEqual(clean.lossByEpoch);
    expect(loss.uphillFraction).toBe(0);
  });

  it("reports the factor statistics for the loss kinds only, one |fac| per epoch", () => {
    const loss = runCell({ kind: "loss", scale: 1, optimizer: "adam", seed: 0 }, tiny);
    expect(loss.facByEpoch).toHaveLength(2);
    expect(loss.steps).toBe(2 * Math.ceil(200 / 32));
    // At s = 1 and L ≈ 1–2.3 (10 classes), Φ(−L/s) is between 0.01 and 0.16: some steps go uphill.
    expect(loss.predictedUphill).toBeGreaterThan(0.01);
    expect(loss.predictedUphill).toBeLessThan(0.2);
    for (const kind of ["prediction", "target", "gradient"] as const) {
      const r = runCell({ kind, scale: 0.1, optimizer: "sgd", seed: 0 }, tiny);
      expect(r.uphillFraction).toBeNull();
      expect(r.facByEpoch).toEqual([]);
      expect(r.testAccuracy).toBeGreaterThan(0.3); // better than chance (0.1) after two short epochs
    }
  });

  it("a run whose loss goes non-finite is reported as diverged, not thrown", () => {
    const r = runCell({ kind: "gradient", scale: 1e200, optimizer: "sgd", seed: 0 }, { ...tiny, epochs: 1 });
    expect(r.diverged).toBe(true);
    expect(r.steps).toBeLessThan(Math.ceil(200 / 32));
  });
});
