import { describe, expect, it } from "vitest";
import { grad, tensor, type Tensor } from "../../../src/index.ts";
import { crossEntropy } from "../../../src/nn/functional/cross-entropy.ts";
import type { Sequential } from "../../../src/nn/layers/sequential.ts";
import { hiddenScenario } from "../../../src/explain/scenarios/hidden.ts";
import { toySetup } from "../../../src/explain/scenarios/setup.ts";

describe("hidden scenario: detach between two layers", () => {
  it("every identity holds: layer 0 gets null, layer 2 learns as before", () => {
    const r = hiddenScenario();
    for (const i of r.identities) expect(i.holds, i.text).toBe(true);
    const byName = new Map(r.gradients.map((g) => [g.name, g]));
    expect(byName.get("0.weight")!.got).toBeNull();
    expect(byName.get("0.bias")!.got).toBeNull();
    expect(byName.get("0.weight")!.clean).not.toBeNull();
    expect(byName.get("2.weight")!.ratio).toBe(1);
  });

  it("layer 2's gradient is that of the same layer fed h as a constant input", () => {
    const r = hiddenScenario({ seed: 4 });
    const s = toySetup({ seed: 4 });
    const [first, act, last] = (s.model as Sequential).layers;
    const h = act.forward(first.forward(s.x));
    const constant = tensor(Float64Array.from(h.data), { shape: [...h.shape] });
    const L = crossEntropy(last.forward(constant), s.labels);
    const [gW, gb] = grad(L, [s.params[2], s.params[3]]) as Tensor[];
    const row = r.gradients[2];
    expect(row.got!.min).toBe(Math.min(...gW.data));
    expect(row.got!.max).toBe(Math.max(...gW.data));
    expect(r.gradients[3].got!.values).toEqual(Array.from(gb.data));
  });

  it("the listing shows no gradient below the cut", () => {
    const r = hiddenScenario();
    const listing = r.graphs[0].listing;
    const h = listing.rows.find((row) => row.label === "h")!;
    expect(h.grad).toBeNull();
    expect(listing.rows.find((row) => row.id === "0.weight")!.grad).toBeNull();
    expect(listing.rows.find((row) => row.id === "2.weight")!.grad).not.toBeNull();
    expect(listing.cutEdges.map((e) => e.from)).toEqual([h.id]);
  });
});
