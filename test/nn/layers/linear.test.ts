import { describe, expect, it } from "vitest";
import { Generator, ShapeError, tensor } from "../../../src/index.ts";
import { Linear } from "../../../src/nn/index.ts";

describe("Linear", () => {
  it("has PyTorch's layout: weight [out, in], bias [out], y = x·Wᵀ + b", () => {
    const l = new Linear(2, 3, { generator: new Generator(0) });
    expect(l.weight.shape).toEqual([3, 2]);
    expect(l.bias?.shape).toEqual([3]);
    l.weight.data.set([1, 2, 3, 4, 5, 6]);
    l.bias?.data.set([0.5, -1, 2]);
    const y = l.forward(tensor([[1, -1], [2, 0.5]]));
    expect(y.toArray()).toEqual([
      [1 * 1 + 2 * -1 + 0.5, 3 * 1 + 4 * -1 - 1, 5 * 1 + 6 * -1 + 2],
      [1 * 2 + 2 * 0.5 + 0.5, 3 * 2 + 4 * 0.5 - 1, 5 * 2 + 6 * 0.5 + 2],
    ]);
  });

  it("default init: weight and bias uniform on ±1/√in (weight drawn first), seeded", () => {
    const g = new Generator(5);
    const l = new Linear(16, 50, { generator: new Generator(5) });
    const bound = 1 / 4;
    const expected = Array.from({ length: 16 * 50 + 50 }, () => -bound + 2 * bound * g.uniform());
    expect([...l.weight.toFlatArray(), ...(l.bias?.toFlatArray() ?? [])]).toEqual(expected);
  });

  it("without bias has one parameter", () => {
    const l = new Linear(3, 2, { bias: false, generator: new Generator(0) });
    expect(l.bias).toBeNull();
    expect(l.namedParameters().map(([k]) => k)).toEqual(["weight"]);
    const x = tensor([[1, 2, 3]]);
    const w = l.weight.toArray() as number[][];
    expect(l.forward(x).toArray()).toEqual([[w[0][0] + 2 * w[0][1] + 3 * w[0][2], w[1][0] + 2 * w[1][1] + 3 * w[1][2]]]);
  });

  it("takes a single sample [in] and batches [..., in]", () => {
    const l = new Linear(3, 2, { generator: new Generator(0) });
    const x = tensor([[[1, 2, 3], [4, 5, 6]]]);
    const y = l.forward(x);
    expect(y.shape).toEqual([1, 2, 2]);
    const single = l.forward(tensor([4, 5, 6]));
    expect(single.shape).toEqual([2]);
    expect(single.toFlatArray()).toEqual(y.toFlatArray().slice(2));
  });

  it("float32 on request", () => {
    const l = new Linear(3, 2, { dtype: "float32", generator: new Generator(0) });
    expect(l.weight.dtype).toBe("float32");
    expect(l.forward(tensor([[1, 2, 3]], { dtype: "float32" })).dtype).toBe("float32");
  });

  it("a wrong feature count is a ShapeError naming the layer and both counts", () => {
    const l = new Linear(4, 2, { generator: new Generator(0) });
    expect(() => l.forward(tensor([[1, 2, 3, 4, 5]]))).toThrow(ShapeError);
    expect(() => l.forward(tensor([[1, 2, 3, 4, 5]]))).toThrow(/Linear\(4 → 2\).*5 features.*expects 4/);
    expect(() => new Linear(0, 2)).toThrow(/inFeatures must be a positive integer/);
  });

  it("kaiming and xavier init options change the scale of the weight", () => {
    const big = new Linear(400, 100, { init: "kaimingNormal", generator: new Generator(1) });
    let v = 0;
    for (const w of big.weight.data) v += w * w;
    // 40 000 draws of N(0, 2/400): the sample second moment is within 5% with overwhelming probability.
    expect(Math.abs(v / big.weight.size / (2 / 400) - 1)).toBeLessThan(0.05);
    const xu = new Linear(400, 100, { init: "xavierUniform", generator: new Generator(1) });
    const bound = Math.sqrt(6 / 500);
    expect(Math.max(...xu.weight.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...xu.weight.data.map(Math.abs))).toBeGreaterThan(0.99 * bound);
  });
});
