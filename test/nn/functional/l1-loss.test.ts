import { describe, expect, it } from "vitest";
import { tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

describe("functional.l1Loss", () => {
  it("by hand: mean |x − y|, and ∂x = sign(x − y)/n with sign(0) = 0", () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const y = tensor([2, 2, 0, 4.5]);
    const l = F.l1Loss(x, y);
    expect(l.item()).toBe((1 + 0 + 3 + 0.5) / 4);
    l.backward();
    expect(x.grad?.toFlatArray()).toEqual([-1 / 4, 0, 1 / 4, -1 / 4]);
    expect(F.l1Loss(x, y, { reduction: "none" }).toFlatArray()).toEqual([1, 0, 3, 0.5]);
  });

  it("rejects a target of another shape", () => {
    expect(() => F.l1Loss(tensor([1, 2]), tensor([[1, 2]]))).toThrow(/reshape the target/);
  });
});
