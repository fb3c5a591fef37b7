import { describe, expect, it } from "vitest";
import { Generator, gradcheck, randn, tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

describe("functional.huberLoss", () => {
  it("½d² inside δ, δ(|d| − ½δ) outside", () => {
    const x = tensor([0.5, 3, -2, 0]);
    const y = tensor([0, 0, 0, 0]);
    expect(F.huberLoss(x, y, { reduction: "none" }).toFlatArray()).toEqual([0.5 * 0.25, 3 - 0.5, 2 - 0.5, 0]);
    expect(F.huberLoss(x, y, { reduction: "none", delta: 0.5 }).toFlatArray()).toEqual([
      0.5 * (0.5 - 0.25), 0.5 * (3 - 0.25), 0.5 * (2 - 0.25), 0,
    ]);
  });

  it("gradient: d inside, δ·sign(d) outside (gradcheck away from the seam)", () => {
    const r = new Generator(2);
    const x = randn([6], { generator: r, requiresGrad: true });
    const y = randn([6], { generator: r });
    expect(gradcheck((x) => F.huberLoss(x, y, { delta: 0.7 }), [x])).toBe(true);
  });

  it("rejects a non-positive delta", () => {
    expect(() => F.huberLoss(tensor([1]), tensor([1]), { delta: 0 })).toThrow(/delta must be a positive number/);
  });
});
