import { describe, expect, it } from "vitest";
import { tensor, zeros } from "../../../src/autograd/creation.ts";
import { DTypeError, ShapeError } from "../../../src/autograd/errors.ts";
import { Adam, AdamW } from "../../../src/nn/optim/adam.ts";
import { SGD } from "../../../src/nn/optim/sgd.ts";

const makers = {
  SGD: (ps: ReturnType<typeof tensor>[]) => new SGD(ps, { lr: 0.1, momentum: 0.9 }),
  Adam: (ps: ReturnType<typeof tensor>[]) => new Adam(ps, { lr: 0.1 }),
  AdamW: (ps: ReturnType<typeof tensor>[]) => new AdamW(ps, { lr: 0.1 }),
};

describe("a step with a hand-set .grad that does not fit its parameter", () => {
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: a wrong shape is a ShapeError naming both shapes, and no parameter is written`, () => {
      const a = tensor([1, 2, 3], { requiresGrad: true });
      const b = tensor([[1, 2], [3, 4]], { requiresGrad: true });
      const opt = make([a, b]);
      a.grad = tensor([1, 1, 1]);
      b.grad = zeros([4]);
      expect(() => opt.step()).toThrow(ShapeError);
      expect(() => opt.step()).toThrow(/parameter 1 has shape \[2, 2\] but its \.grad has shape \[4\]/);
      expect([...a.data, ...b.data]).toEqual([1, 2, 3, 1, 2, 3, 4]);
    });

    it(`${name}: a wrong dtype is a DTypeError naming the conversion`, () => {
      const a = tensor([1, 2], { requiresGrad: true });
      const opt = make([a]);
      a.grad = tensor([1, 1], { dtype: "float32" });
      expect(() => opt.step()).toThrow(DTypeError);
      expect(() => opt.step()).toThrow(/is float64 but its \.grad is float32; convert it with \.to\("float64"\)/);
      expect([...a.data]).toEqual([1, 2]);
    });
  }
});
