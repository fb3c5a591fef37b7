import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { grad } from "../../src/autograd/grad.ts";
import { gradcheck, gradgradcheck } from "../../src/autograd/gradcheck.ts";
import { add } from "../../src/autograd/ops/add.ts";
import { div } from "../../src/autograd/ops/div.ts";
import { mul } from "../../src/autograd/ops/mul.ts";
import { sub } from "../../src/autograd/ops/sub.ts";
import { gt } from "../../src/autograd/ops/gt.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { randLeaf } from "./ops/helpers.ts";

type Binary = (a: Tensor | number, b: Tensor | number) => Tensor;
const OPS: readonly (readonly [string, Binary])[] = [["add", add], ["sub", sub], ["mul", mul], ["div", div]];

describe("binaryOp with a plain-number operand", () => {
  it("records the number as the node's attrs at its position, not as an input (x·0.5, 2 − x)", () => {
    const x = tensor([1, -2], { requiresGrad: true });
    const right = x.mul(0.5);
    expect(right.node?.inputs).toEqual([x]);
    expect(right.node?.attrs).toBe(0.5);
    expect(right.node?.def.numberAt).toBe(1);
    expect(right.node?.def.name).toBe("mul");
    const left = sub(2, x);
    expect(left.node?.inputs).toEqual([x]);
    expect(left.node?.attrs).toBe(2);
    expect(left.node?.def.numberAt).toBe(0);
    // Two tensors: both are inputs, and the def is the op's own.
    expect(x.mul(x).node?.def).toBe(mul.def);
    expect(mul.def.numberAt).toBeUndefined();
  });

  it.each(OPS)("%s: a number gives bit for bit what a tensor of it gives, on either side, float64 and float32", (_, op) => {
    // The number 0.1 is not a float32: a float32 operand must use its float32 rounding, as a float32 tensor would.
    for (const dtype of ["float64", "float32"] as const) {
      // Many values, so that a sum or product rounded from an unrounded 0.1 would differ somewhere.
      const values = Array.from({ length: 64 }, (_, i) => (i - 31.5) * 0.37 + 0.001 * i * i);
      const x1 = tensor(values, { dtype, requiresGrad: true });
      const x2 = tensor(values, { dtype, requiresGrad: true });
      const c = tensor(0.1, { dtype });
      const pairs: [Tensor, Tensor][] = [[op(x1, 0.1), op(x2, c)], [op(0.1, x1), op(c, x2)]];
      for (const [withNumber, withTensor] of pairs) {
        expect(withNumber.dtype).toBe(dtype);
        expect(Array.from(withNumber.data)).toEqual(Array.from(withTensor.data));
      }
      const g = tensor(values.map((v) => 1 - v), { dtype });
      const [g1] = grad(op(x1, 0.1).add(op(0.1, x1)), [x1], { gradOutputs: g });
      const [g2] = grad(op(x2, c).add(op(c, x2)), [x2], { gradOutputs: g });
      expect(Array.from((g1 as Tensor).data)).toEqual(Array.from((g2 as Tensor).data));
    }
  });

  it.each(OPS)("%s: first and second derivatives with a number on either side agree with central differences", (_, op) => {
    const x = [randLeaf([2, 3], 1, 0.5, 2)];
    expect(gradcheck((t) => op(t, 1.5), x)).toBe(true);
    expect(gradcheck((t) => op(1.5, t), x)).toBe(true);
    // Squared first, so that the second derivative is not zero for the linear ones.
    expect(gradgradcheck((t) => op(t.mul(t), 1.5), x)).toBe(true);
    expect(gradgradcheck((t) => op(1.5, t.mul(t)), x)).toBe(true);
  });

  it("a comparison with a number records a node for display whose output needs no grad", () => {
    const x = tensor([-1, 2], { requiresGrad: true });
    const m = gt(x, 0);
    expect(Array.from(m.data)).toEqual([0, 1]);
    expect(m.node?.def.numberAt).toBe(1);
    expect(m.requiresGrad).toBe(false);
  });

  it("two numbers still make a tensor (nothing to record), and a wrong operand still names the op", () => {
    expect(add(1, 2).item()).toBe(3);
    expect(add(1, 2).node).toBeNull();
    expect(() => mul(tensor([1]), "2" as unknown as number)).toThrow(/mul: the second operand must be a Tensor or a number/);
  });
});

