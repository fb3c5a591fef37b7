import { describe, expect, it } from "vitest";
import { grad, type Tensor } from "../../../src/index.ts";
import { crossEntropy } from "../../../src/nn/functional/cross-entropy.ts";
import { constScenario } from "../../../src/explain/scenarios/const.ts";
import { toySetup } from "../../../src/explain/scenarios/setup.ts";

describe("const scenario: L + n", () => {
  it("every identity holds; every gradient equals the clean one bit for bit", () => {
    const r = constScenario({ n: 0.7 });
    for (const i of r.identities) expect(i.holds, i.text).toBe(true);
    for (const row of r.gradients) {
      expect(row.ratio).toBe(1);
      expect(row.gotNorm).toBe(row.cleanNorm);
    }
    expect(r.numbers.maxDifference).toBe(0);
  });

  it("matches the clean gradients computed here, and the value is L + n", () => {
    const r = constScenario({ n: -1.25, seed: 5 });
    const s = toySetup({ seed: 5 });
    const L = crossEntropy(s.model.forward(s.x), s.labels);
    const clean = grad(L, [...s.params]) as Tensor[];
    r.gradients.forEach((row, k) => {
      expect(row.clean!.min).toBe(Math.min(...clean[k].data));
      expect(row.got!.max).toBe(Math.max(...clean[k].data));
    });
    expect(r.numbers.noisyLoss).toBe(L.item() - 1.25);
  });

  it("the listing has no detach and no cut edge; the gradient arriving at L is 1", () => {
    const r = constScenario();
    const listing = r.graphs[0].listing;
    expect(listing.rows.some((row) => row.op === "detach")).toBe(false);
    expect(listing.cutEdges).toEqual([]);
    expect(listing.rows.find((row) => row.label === "L")!.grad!.values).toEqual([1]);
  });
});
