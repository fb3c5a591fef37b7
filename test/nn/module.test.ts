import { describe, expect, it } from "vitest";
import { ArgumentError, DTypeError, Generator, ShapeError, tensor } from "../../src/index.ts";
import { Linear, MLP, Module, ReLU, Sequential } from "../../src/nn/index.ts";
import type { Tensor } from "../../src/index.ts";

class Block extends Module {
  readonly inner: Sequential;
  readonly scale: Tensor;
  constructor(g: Generator) {
    super();
    this.scale = this.registerParameter("scale", tensor([2]));
    this.inner = this.registerModule("inner", new Sequential(new Linear(3, 2, { generator: g }), new ReLU()));
  }
  forward(x: Tensor): Tensor {
    return this.inner.forward(x).mul(this.scale);
  }
}

describe("Module", () => {
  it("namedParameters lists own parameters, then submodules depth first, with dotted names", () => {
    const m = new Block(new Generator(0));
    expect(m.namedParameters().map(([k]) => k)).toEqual(["scale", "inner.0.weight", "inner.0.bias"]);
    expect(m.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
    expect(m.numParameters()).toBe(1 + 6 + 2);
  });

  it("train() and eval() set the mode of every submodule", () => {
    const m = new Block(new Generator(0));
    m.eval();
    expect([m.training, m.inner.training, m.inner.at(0).training]).toEqual([false, false, false]);
    m.train();
    expect([m.training, m.inner.training, m.inner.at(1).training]).toEqual([true, true, true]);
  });

  it("stateDict shares storage with the parameters and does not require grad", () => {
    const m = MLP([2, 3, 1], { generator: new Generator(1) });
    const sd = m.stateDict();
    expect(Object.keys(sd)).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(sd["0.weight"].data).toBe(m.parameters()[0].data);
    expect(sd["0.weight"].requiresGrad).toBe(false);
  });

  it("loadStateDict copies values in place and bumps each parameter's version", () => {
    const a = MLP([2, 3, 1], { generator: new Generator(1) });
    const b = MLP([2, 3, 1], { generator: new Generator(2) });
    const w = b.parameters()[0];
    const before = w.version;
    b.loadStateDict(a.stateDict());
    expect(b.parameters().map((p) => p.toFlatArray())).toEqual(a.parameters().map((p) => p.toFlatArray()));
    expect(w.version).toBe(before + 1);
    expect(w.data).not.toBe(a.parameters()[0].data);
  });

  it("missing and unexpected keys are an error naming them, and nothing is loaded", () => {
    const a = MLP([2, 3, 1], { generator: new Generator(1) });
    const b = MLP([2, 3, 1], { generator: new Generator(2) });
    const before = b.parameters().map((p) => p.toFlatArray());
    const { ["2.bias"]: _dropped, ...rest } = a.stateDict();
    expect(() => b.loadStateDict({ ...rest, "9.weight": tensor([1]) })).toThrow(
      /missing keys "2\.bias"; unexpected keys "9\.weight"/,
    );
    expect(b.parameters().map((p) => p.toFlatArray())).toEqual(before);
    b.loadStateDict(rest, { strict: false });
    expect(b.parameters()[0].toFlatArray()).toEqual(a.parameters()[0].toFlatArray());
    expect(b.parameters()[3].toFlatArray()).toEqual(before[3]);
  });

  it("a shape mismatch names the key and both shapes, and changes nothing (even keys before it)", () => {
    const b = MLP([2, 3, 1], { generator: new Generator(2) });
    const before = b.parameters().map((p) => p.toFlatArray());
    const sd = MLP([2, 3, 1], { generator: new Generator(1) }).stateDict();
    const bad = { ...sd, "2.weight": tensor([[1, 2, 3, 4]]) };
    expect(() => b.loadStateDict(bad)).toThrow(ShapeError);
    expect(() => b.loadStateDict(bad)).toThrow(/"2\.weight" has shape \[1, 4\] but the model's parameter has shape \[1, 3\]/);
    expect(b.parameters().map((p) => p.toFlatArray())).toEqual(before);
  });

  it("a dtype mismatch is an error with the remedy", () => {
    const b = MLP([2, 1], { generator: new Generator(2) });
    const sd = MLP([2, 1], { generator: new Generator(1), dtype: "float32" }).stateDict();
    expect(() => b.loadStateDict(sd)).toThrow(DTypeError);
    expect(() => b.loadStateDict(sd)).toThrow(/float32 .* float64; build the model with \{ dtype: "float32" \}/);
  });

  it("rejects parameter names with dots and non-leaf parameters", () => {
    class Bad extends Module {
      constructor(name: string, t: Tensor) {
        super();
        this.registerParameter(name, t);
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Bad("a.b", tensor([1]))).toThrow(ArgumentError);
    const leaf = tensor([1], { requiresGrad: true });
    expect(() => new Bad("w", leaf.mul(2))).toThrow(/must be a leaf/);
  });

  it("toString shows the tree", () => {
    const s = MLP([2, 3, 1], { generator: new Generator(1) }).toString();
    expect(s).toContain("(0): Linear(inFeatures=2, outFeatures=3, bias=true)");
    expect(s).toContain("(1): ReLU()");
  });
});
