import { describe, expect, it } from "vitest";
import { grad, tensor } from "../../../src/index.ts";
import { round, steScenario } from "../../../src/explain/scenarios/ste.ts";

describe("round (the quantiser of the ste scenario)", () => {
  it("rounds half to even as torch.round, with a zero gradient", () => {
    const z = tensor([0.5, 1.5, 2.5, -0.5, -1.5, 0.4999, 2.6], { requiresGrad: true });
    const q = round(z);
    expect(Array.from(q.data)).toEqual([0, 2, 2, -0, -2, 0, 3]);
    expect(Array.from(grad(q.sum(), z)!.data)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("ste scenario: z + sg(round(z) − z)", () => {
  it("every identity holds: the value is round(z), ∂y/∂z = 1, through round alone the gradient is 0", () => {
    for (const seed of [0, 1, 2, 3]) {
      const r = steScenario({ seed });
      for (const i of r.identities) expect(i.holds, `seed ${seed}: ${i.text}`).toBe(true);
      expect(r.numbers.valueError).toBe(0);
      expect(r.numbers.passError).toBe(0);
      expect(r.numbers.gradThroughRoundMax).toBe(0);
    }
  });

  it("y + sg(q − y) is q exactly for any z: q − z is exact when |q − z| ≤ ½", () => {
    const zs = [0.1, 0.5, 0.6, 1.4999999, -2.7, 1e-300, 123456.5, -0.49];
    const z = tensor(zs, { requiresGrad: true });
    const y = z.add(round(z).sub(z).detach());
    // Compared as numbers (−0 and +0 are the same value: v + 0 maps −0 to +0).
    expect(Array.from(y.data, (v) => v + 0)).toEqual(Array.from(round(z).data, (v) => v + 0));
    expect(Array.from(grad(y.sum(), z)!.data)).toEqual(zs.map(() => 1));
  });

  it("the listing cuts the edge from round(z) − z and no gradient reaches round", () => {
    const r = steScenario();
    const listing = r.graphs[0].listing;
    const roundRow = listing.rows.find((row) => row.op === "round")!;
    expect(roundRow.grad).toBeNull();
    const detach = listing.rows.find((row) => row.op === "detach")!;
    const sub = listing.rows.find((row) => row.op === "sub")!;
    expect(listing.cutEdges).toEqual([{ from: sub.id, to: detach.id, op: "detach" }]);
    const gw = r.gradients[0];
    expect(gw.clean!.max).toBe(0);
    expect(gw.gotNorm).toBeGreaterThan(0);
  });
});
