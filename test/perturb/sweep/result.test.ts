import { describe, expect, it } from "vitest";
import { aggregate, type CellResult } from "../../../src/perturb/sweep/result.ts";

function result(over: Partial<CellResult>): CellResult {
  return {
    kind: "loss", scale: 0.1, optimizer: "sgd", seed: 0, testAccuracy: 0.9, trainLoss: 0.1, uphillFraction: 0,
    predictedUphill: 0, meanAbsFac: 0.5, facByEpoch: [], lossByEpoch: [], steps: 10, seconds: 1, diverged: false,
    ...over,
  };
}

describe("aggregate", () => {
  it("mean and sample std over seeds: accuracies 0.8, 0.9, 1.0 give 0.9 ± 0.1", () => {
    const rows = aggregate([0.8, 0.9, 1.0].map((a, seed) => result({ seed, testAccuracy: a })));
    expect(rows).toHaveLength(1);
    expect(rows[0].runs).toBe(3);
    expect(rows[0].accuracyMean).toBeCloseTo((0.8 + 0.9 + 1.0) / 3, 15);
    // √(((−0.1)² + 0² + 0.1²) / 2) = 0.1
    expect(rows[0].accuracyStd).toBeCloseTo(0.1, 15);
  });

  it("orders rows by optimizer, kind (clean first), scale; nulls stay null; counts diverged runs", () => {
    const rows = aggregate([
      result({ optimizer: "adam", kind: "gradient", scale: 1, uphillFraction: null, predictedUphill: null, meanAbsFac: null }),
      result({ optimizer: "adam", kind: "clean", scale: 0 }),
      result({ optimizer: "sgd", kind: "loss", scale: 3, diverged: true }),
      result({ optimizer: "sgd", kind: "loss", scale: 0.3 }),
    ]);
    expect(rows.map((r) => `${r.optimizer} ${r.kind} ${r.scale}`)).toEqual([
      "sgd loss 0.3", "sgd loss 3", "adam clean 0", "adam gradient 1",
    ]);
    expect(rows[3].uphillFraction).toBeNull();
    expect(rows[1].diverged).toBe(1);
    expect(rows[0].accuracyStd).toBe(0);
  });
});
