import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grad, type Tensor } from "../../../src/index.ts";
import { crossEntropy } from "../../../src/nn/functional/cross-entropy.ts";
import { seedScenario } from "../../../src/explain/scenarios/seed.ts";
import { toySetup } from "../../../src/explain/scenarios/setup.ts";

describe("seed scenario: L + n·L/sg(L)", () => {
  it("every identity holds on the numbers", () => {
    const r = seedScenario({ n: 0.31 });
    for (const i of r.identities) expect(i.holds, i.text).toBe(true);
    expect(r.identities[0].text).toMatch(
      /^every gradient \/ clean gradient = \d\.\d{4} = 1 \+ n\/L = 1 \+ 0\.3100\/\d\.\d{4}$/,
    );
  });

  it("each parameter's gradient is (1 + n/L) times the clean gradient computed here from scratch", () => {
    const n = 0.31;
    const r = seedScenario({ n, seed: 3 });
    // An independent computation: the same model and batch, the formula written out with ops.
    const s = toySetup({ seed: 3 });
    const L = crossEntropy(s.model.forward(s.x), s.labels);
    const clean = grad(L, [...s.params], { retainGraph: true }) as Tensor[];
    const noisy = grad(L.add(L.div(L.detach()).mul(n)), [...s.params]) as Tensor[];
    const f = 1 + n / L.item();
    expect(r.numbers.L).toBe(L.item());
    expect(r.numbers.factor).toBe(f);
    r.gradients.forEach((row, k) => {
      expect(row.name).toBe(s.names[k]);
      expect(row.expected).toBe(f);
      // ⟨g̃, g⟩/⟨g, g⟩ of float64 gradients a few roundings apart: ~1e-15 relative.
      expect(Math.abs(row.ratio! - f)).toBeLessThan(1e-12 * Math.abs(f));
      const scale = Math.abs(f) * Math.max(...Array.from(clean[k].data, Math.abs));
      for (let i = 0; i < clean[k].size; i++) {
        expect(Math.abs(noisy[k].data[i] - f * clean[k].data[i])).toBeLessThanOrEqual(1e-12 * scale);
      }
    });
    expect(r.numbers.perturbedLoss).toBe(L.item() + n);
  });

  it("the listing shows the detach of L and the cut edge; the gradient arriving at L is 1 + n/L", () => {
    const r = seedScenario({ n: -0.2 });
    const listing = r.graphs[0].listing;
    const L = listing.rows.find((row) => row.label === "L")!;
    const detach = listing.rows.find((row) => row.op === "detach")!;
    expect(detach.inputs.map((i) => i.ref)).toEqual([L.id]);
    expect(listing.cutEdges).toEqual([{ from: L.id, to: detach.id, op: "detach" }]);
    expect(listing.rows.find((row) => row.label === "n")!.value!.values).toEqual([-0.2]);
    const f = 1 - 0.2 / r.numbers.L;
    expect(Math.abs(L.grad!.values![0] - f)).toBeLessThanOrEqual(4 * 2 ** -52);
    expect(r.graphs[0].dot).toContain("digraph");
  });

  it("property: for any n and seed, ∇L̃ = (1 + n/L)∇L for every parameter (normwise within 1e-12)", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const r = seedScenario({ n, seed });
        expect(r.identities.every((i) => i.holds)).toBe(true);
        for (const row of r.gradients) expect(row.deviation!).toBeLessThan(1e-12);
      }),
      { numRuns: 25 },
    );
  });

  it("is plain data: a JSON round trip keeps it", () => {
    const r = seedScenario();
    expect(JSON.parse(JSON.stringify(r)).numbers).toEqual(r.numbers);
  });
});
