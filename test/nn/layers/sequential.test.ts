import { describe, expect, it } from "vitest";
import { Generator, tensor } from "../../../src/index.ts";
import { Linear, ReLU, Sequential } from "../../../src/nn/index.ts";

describe("Sequential", () => {
  it("applies its modules in order and names them 0, 1, …", () => {
    const l = new Linear(2, 2, { generator: new Generator(0) });
    l.weight.data.set([1, -1, -1, 1]);
    l.bias?.data.set([0, 0]);
    const s = new Sequential(l, new ReLU());
    expect(s.forward(tensor([[3, 1]])).toArray()).toEqual([[3 - 1, 0]]);
    expect(s.namedChildren().map(([k]) => k)).toEqual(["0", "1"]);
    expect(s.length).toBe(2);
    expect(s.at(-1)).toBeInstanceOf(ReLU);
  });

  it("rejects non-modules and reports a missing index", () => {
    expect(() => new Sequential({} as never)).toThrow(/argument 0 is not a Module/);
    expect(() => new Sequential().at(0)).toThrow(/no layer 0/);
  });
});
