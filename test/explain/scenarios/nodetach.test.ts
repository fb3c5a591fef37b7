import { describe, expect, it } from "vitest";
import { nodetachScenario } from "../../../src/explain/scenarios/nodetach.ts";

describe("nodetach scenario: L + n·L/L", () => {
  it("every identity holds: the gradient is the clean one although the value is L + n", () => {
    for (const n of [0.31, -0.8, 2.5]) {
      const r = nodetachScenario({ n });
      for (const i of r.identities) expect(i.holds, i.text).toBe(true);
      // 1 + n/L − n·L/L²: the two terms cancel up to a few roundings of |n/L|.
      expect(Math.abs(r.numbers.gradientAtL - 1)).toBeLessThanOrEqual(8 * 2 ** -52 * (1 + Math.abs(n / r.numbers.L)));
      const sum = r.numbers.L + n;
      expect(Math.abs(r.numbers.noisyLoss - sum)).toBeLessThanOrEqual(2 ** -52 * (r.numbers.L + Math.abs(n)));
      for (const row of r.gradients) expect(Math.abs(row.ratio! - 1)).toBeLessThan(1e-12);
    }
  });

  it("the listing shows L feeding both sides of the div, and nothing cut", () => {
    const r = nodetachScenario({ n: 0.31 });
    const listing = r.graphs[0].listing;
    const L = listing.rows.find((row) => row.label === "L")!;
    const div = listing.rows.find((row) => row.op === "div")!;
    expect(div.inputs.map((i) => i.ref)).toEqual([L.id, L.id]);
    expect(listing.cutEdges).toEqual([]);
    // The div receives n·1 from the mul and sends n/L and −n·L/L² back: equal magnitudes.
    expect(div.inputs[0].gradNorm).toBeCloseTo(div.inputs[1].gradNorm!, 14);
  });
});
