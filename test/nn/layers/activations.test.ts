import { describe, expect, it } from "vitest";
import { tensor } from "../../../src/index.ts";
import { activation, GELU, ReLU, Sigmoid, Tanh } from "../../../src/nn/index.ts";
import { normalCdf } from "../../../src/nn/functional/erf.ts";

describe("activation modules", () => {
  const x = tensor([-2, -0.5, 0, 0.5, 2]);
  const xs = [-2, -0.5, 0, 0.5, 2];

  it("ReLU, Tanh, Sigmoid, GELU apply their function elementwise", () => {
    expect(new ReLU().forward(x).toFlatArray()).toEqual(xs.map((v) => Math.max(v, 0)));
    expect(new Tanh().forward(x).toFlatArray()).toEqual(xs.map(Math.tanh));
    new Sigmoid().forward(x).toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(1 / (1 + Math.exp(-xs[i])), 15));
    new GELU().forward(x).toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(xs[i] * normalCdf(xs[i]), 15));
  });

  it("have no parameters", () => {
    expect(new GELU().parameters()).toEqual([]);
  });

  it("activation(name) builds a module by name and lists the known names otherwise", () => {
    expect(activation("tanh")).toBeInstanceOf(Tanh);
    expect(() => activation("toString")).toThrow(/unknown activation 'toString'/);
  });
});
