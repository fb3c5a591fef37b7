import { describe, expect, it } from "vitest";
import { digitsSetup } from "../../../src/explain/scenarios/digits-setup.ts";
import { loadDataset } from "../../../src/nn/data/bundled.ts";

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
