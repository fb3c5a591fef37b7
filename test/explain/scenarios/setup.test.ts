import { describe, expect, it } from "vitest";
import { tensor } from "../../../src/index.ts";
import { operandsOf } from "../../../src/autograd/introspect.ts";
import { digitsSetup, labelConstant, toySetup } from "../../../src/explain/scenarios/setup.ts";
import { loadDataset } from "../../../src/nn/data/registry.ts";

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

describe("digitsSetup", () => {
  it("takes the first rows of the digits training split and a 64 → 32 → 10 MLP, labelled", () => {
    const s = digitsSetup({ batch: 8 });
    expect(s.x.shape).toEqual([8, 64]);
    expect(s.names).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(s.params.map((p) => p.shape)).toEqual([[32, 64], [32], [10, 32], [10]]);
    const labels = s.labels as Int32Array;
    expect(labels).toHaveLength(8);
    for (const l of labels) expect(l >= 0 && l < 10).toBe(true);
    const { train } = loadDataset("digits", { seed: 0 });
    expect(Array.from(s.x.data)).toEqual(Array.from(train.x.data.subarray(0, 8 * 64)));
  });
});
