import { describe, expect, it } from "vitest";
import { tensor } from "../../../src/index.ts";
import { operandsOf } from "../../../src/autograd/introspect.ts";
import { labelConstant, toySetup } from "../../../src/explain/scenarios/setup.ts";

describe("toySetup", () => {
  it("labels the parameters with their state-dict names and is the same for the same seed", () => {
    const a = toySetup({ seed: 7 });
    const b = toySetup({ seed: 7 });
    expect(a.names).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(a.params.map((p) => p.label)).toEqual(a.names);
    expect(a.x.label).toBe("x");
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
    expect(Array.from(a.params[0].data)).toEqual(Array.from(b.params[0].data));
    expect(Array.from(toySetup({ seed: 8 }).x.data)).not.toEqual(Array.from(a.x.data));
    expect(toySetup({ hidden: [5, 7] }).params.map((p) => p.shape)).toEqual([[5, 4], [5], [7, 5], [7], [3, 7], [3]]);
  });
});

describe("labelConstant", () => {
  it("names the constant leaf holding the value, not parameters or other constants", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = w.mul(0.31).add(2);
    labelConstant(y, 0.31, "n");
    const leaves = [operandsOf(y.node!)[1], operandsOf(y.node!.inputs[0].node!)[1]];
    expect(leaves.map((t) => t.label)).toEqual([null, "n"]);
    expect(w.label).toBeNull();
  });
});
