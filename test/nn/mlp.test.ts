import { describe, expect, it } from "vitest";
import { ArgumentError, Generator, tensor } from "../../src/index.ts";
import { Dropout, GELU, Linear, MLP, ReLU, Tanh } from "../../src/nn/index.ts";

describe("MLP", () => {
  it("is Linear, activation, Linear, … with torch.nn.Sequential's state-dict keys", () => {
    const m = MLP([4, 6, 5, 3], { activation: "tanh", generator: new Generator(0) });
    expect(m.layers.map((l) => l.constructor)).toEqual([Linear, Tanh, Linear, Tanh, Linear]);
    expect(Object.keys(m.stateDict())).toEqual(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]);
    expect(m.stateDict()["2.weight"].shape).toEqual([5, 6]);
  });

  it("with dropout, inserts Dropout after each hidden activation, shifting the indices as torch does", () => {
    const m = MLP([4, 6, 3], { dropout: 0.2, activation: "gelu", generator: new Generator(0) });
    expect(m.layers.map((l) => l.constructor)).toEqual([Linear, GELU, Dropout, Linear]);
    expect(Object.keys(m.stateDict())).toEqual(["0.weight", "0.bias", "3.weight", "3.bias"]);
  });

  it("the same generator seed gives the same weights; another seed other weights", () => {
    const w = (seed: number) => MLP([3, 4, 2], { generator: new Generator(seed) }).parameters().map((p) => p.toFlatArray());
    expect(w(7)).toEqual(w(7));
    expect(w(7)).not.toEqual(w(8));
  });

  it("computes relu(x·W0ᵀ + b0)·W2ᵀ + b2", () => {
    const m = MLP([2, 2, 1], { activation: "relu", generator: new Generator(0) });
    const [w0, b0, w2, b2] = m.parameters().map((p) => p.toFlatArray());
    const x = [0.5, -1.5];
    const h = [0, 1].map((i) => Math.max(0, w0[2 * i] * x[0] + w0[2 * i + 1] * x[1] + b0[i]));
    const y = w2[0] * h[0] + w2[1] * h[1] + b2[0];
    expect(m.forward(tensor([x])).item()).toBeCloseTo(y, 14);
    expect(m.at(1)).toBeInstanceOf(ReLU);
  });

  it("names the problem for bad sizes or an unknown activation", () => {
    expect(() => MLP([3])).toThrow(/at least two positive integers/);
    expect(() => MLP([3, 0, 1])).toThrow(ArgumentError);
    expect(() => MLP([3, 2], { activation: "swish" })).toThrow(/unknown activation 'swish'; known: "relu", "tanh"/);
  });

  it("a wrong feature count names the layer, the shape and the expected count", () => {
    const m = MLP([4, 6, 3], { generator: new Generator(0) });
    expect(() => m.forward(tensor([[1, 2, 3]]))).toThrow(
      /Linear\(4 → 6\): the input has shape \[1, 3\], so 3 features per sample, but the layer expects 4/,
    );
  });
});
