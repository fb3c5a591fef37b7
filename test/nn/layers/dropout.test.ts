import { describe, expect, it } from "vitest";
import { Generator, ones, tensor } from "../../../src/index.ts";
import { Dropout } from "../../../src/nn/index.ts";

describe("Dropout", () => {
  it("zeroes about p of the elements and scales the rest by 1/(1 − p)", () => {
    const d = new Dropout(0.25, { generator: new Generator(3) });
    const y = d.forward(ones([100, 100])).toFlatArray();
    const kept = y.filter((v) => v !== 0);
    expect(kept.every((v) => v === 1 / 0.75)).toBe(true);
    // Binomial(10 000, 0.75): standard deviation √(10 000·0.75·0.25) ≈ 43; allow 5 of them.
    expect(Math.abs(kept.length - 7500)).toBeLessThan(5 * 43.3);
  });

  it("is the identity in eval mode and when p = 0", () => {
    const x = tensor([1, 2, 3]);
    expect(new Dropout(0.5).eval().forward(x)).toBe(x);
    expect(new Dropout(0).forward(x)).toBe(x);
  });

  it("is seeded: the same generator seed gives the same mask", () => {
    const run = () => new Dropout(0.5, { generator: new Generator(9) }).forward(ones([64])).toFlatArray();
    expect(run()).toEqual(run());
  });

  it("gradient is the mask: ∂x = mask/(1 − p)", () => {
    const x = ones([50], { requiresGrad: true });
    const y = new Dropout(0.4, { generator: new Generator(1) }).forward(x);
    y.sum().backward();
    expect(x.grad?.toFlatArray()).toEqual(y.toFlatArray());
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => new Dropout(1.5)).toThrow(/p must be a probability in \[0, 1\], got 1.5/);
  });
});
