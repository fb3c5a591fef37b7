import { describe, expect, it } from "vitest";
import { grad, tensor, type Tensor } from "../../../src/index.ts";
import { crossEntropy } from "../../../src/nn/functional/cross-entropy.ts";
import { persampleScenario } from "../../../src/explain/scenarios/persample.ts";
import { toySetup } from "../../../src/explain/scenarios/setup.ts";

describe("persample scenario: one shared factor versus one per sample", () => {
  it("every identity holds: shared keeps the direction, independent turns it", () => {
    const r = persampleScenario({ n: 0.4 });
    for (const i of r.identities) expect(i.holds, i.text).toBe(true);
    expect(Math.abs(r.numbers.cosineShared - 1)).toBeLessThan(1e-12);
    expect(r.numbers.cosineIndependent).toBeLessThan(1 - 1e-9);
    expect(Math.abs(r.numbers.lengthRatioShared - (1 + 0.4 / r.numbers.L))).toBeLessThan(1e-12);
  });

  it("a negative shared factor (n < −L) reverses the gradient: cos = −1", () => {
    const r = persampleScenario({ n: -3 });
    expect(r.numbers.sharedFactor).toBeLessThan(0);
    expect(r.identities.every((i) => i.holds)).toBe(true);
    expect(Math.abs(r.numbers.cosineShared + 1)).toBeLessThan(1e-12);
  });

  it("the independent gradient equals Σᵢ (1/B)(1 + nᵢ/lᵢ)∇lᵢ, rebuilt here one sample at a time", () => {
    const r = persampleScenario({ seed: 2 });
    const s = toySetup({ seed: 2 });
    const losses = crossEntropy(s.model.forward(s.x), s.labels, { reduction: "none" });
    const table = r.tables[0];
    const ns = table.rows.map((row) => Number(row[table.columns.indexOf("nᵢ")]));
    const B = losses.size;
    // Each sample's gradient from its own loss (a unit gradOutput), weighted by its factor; the factors come from
    // the draws printed in the table (4 significant digits), so compare with the scenario at that precision.
    const total = s.params.map((p) => new Float64Array(p.size));
    for (let i = 0; i < B; i++) {
      const seed = new Float64Array(B);
      seed[i] = 1;
      const gs = grad(losses, [...s.params], { gradOutputs: tensor(seed), retainGraph: true }) as Tensor[];
      const w = (1 + ns[i] / losses.data[i]) / B;
      gs.forEach((g, k) => g.data.forEach((v, j) => (total[k][j] += w * v)));
    }
    const cleanMean = grad(losses.mean(), [...s.params]) as Tensor[];
    let dot = 0, aa = 0, bb = 0;
    total.forEach((t, k) => t.forEach((v, j) => {
      dot += v * cleanMean[k].data[j];
      aa += v * v;
      bb += cleanMean[k].data[j] ** 2;
    }));
    const cos = dot / Math.sqrt(aa * bb);
    expect(Math.abs(cos - r.numbers.cosineIndependent)).toBeLessThan(1e-3);
  });

  it("draws two graphs, each with one detach: of the batch loss (shared) and of the loss vector (independent)", () => {
    const r = persampleScenario();
    const [shared, independent] = r.graphs.map((g) => g.listing);
    const sharedDetach = shared.rows.find((row) => row.op === "detach")!;
    expect(sharedDetach.shape).toEqual([]);
    const indepDetach = independent.rows.find((row) => row.op === "detach")!;
    expect(indepDetach.shape).toEqual([r.numbers.batch]);
    expect(shared.cutEdges).toHaveLength(1);
    expect(independent.cutEdges).toHaveLength(1);
    expect(r.tables[0].rows).toHaveLength(r.numbers.batch);
  });
});
