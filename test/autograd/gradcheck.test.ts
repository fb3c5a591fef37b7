import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { ArgumentError, GradError, TapegradError } from "../../src/autograd/errors.ts";
import { checkVjp, gradcheck, GradcheckError, gradgradcheck } from "../../src/autograd/gradcheck.ts";
import { isGradEnabled } from "../../src/autograd/mode.ts";
import { where } from "../../src/autograd/ops/where.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";

const leaf = (data: number[] | number[][]) => tensor(data, { requiresGrad: true });

/** f(x) = sg(x²) + x: its value has derivative 2x + 1, but backward sees only the 1. */
const wrong = (x: Tensor): Tensor => x.mul(x).detach().add(x);

/** x³ with a correct first derivative 3·sg(x)² that is a constant to autodiff: the second order is lost. */
const wrongSecondOrder = (x: Tensor): Tensor => {
  const s = x.detach();
  const t = x.mul(s.mul(s)).mul(3);
  // value: (x³ − 3x³) + 3x³ = x³;  first derivative: 3·sg(x)²
  return x.pow(3).sub(t).detach().add(t);
};

describe("gradcheck: correct rules pass", () => {
  it("on smooth compositions of several inputs, broadcasting, and reductions", () => {
    const a = leaf([[0.3, -0.7, 1.2], [0.5, 0.1, -0.4]]);
    const b = leaf([0.9, -1.1, 0.6]);
    expect(gradcheck((x, y) => x.mul(y).tanh().add(x.exp().mul(0.1)).sum(1), [a, b])).toBe(true);
    expect(gradcheck((x, y) => x.div(y.mul(y).add(1)).logSoftmax(), [a, b])).toBe(true);
    expect(gradcheck((x) => x.matmul(x.transpose()).sigmoid(), [a])).toBe(true);
  });

  it("on functions with several outputs, and with inputs that do not require grad (left out)", () => {
    const x = leaf([0.2, 0.8]);
    const c = tensor([3, -1]);
    expect(gradcheck((u, v) => [u.mul(v), u.pow(3).sum()], [x, c])).toBe(true);
  });

  it("on functions with zero or null gradients (x·0, where's unselected side, an unused input)", () => {
    const x = leaf([0.5, -0.25]);
    const y = leaf([1, 2]);
    expect(gradcheck((u) => u.mul(0), [x])).toBe(true);
    expect(gradcheck((u, v) => where(tensor([1, 0]), u, v), [x, y])).toBe(true);
    expect(gradcheck((u) => u.exp(), [x, y])).toBe(true);
  });

  it("leaves the inputs' values and the grad mode as they were", () => {
    const x = leaf([0.25, 0.5]);
    gradcheck((u) => u.exp(), [x]);
    expect(x.toArray()).toEqual([0.25, 0.5]);
    expect(isGradEnabled()).toBe(true);
    expect(x.grad).toBeNull();
  });
});

describe("gradcheck: a wrong rule fails, naming the worst element", () => {
  it("throws a GradcheckError naming the element where backward (1) is furthest from 2x + 1", () => {
    // Excess |1 − (2x + 1)| / (atol + rtol·|2x + 1|) is largest at x = −3 (element [0, 1]): 6 / 0.00501.
    const x = leaf([[0.1, -3], [0.5, 0.2]]);
    const run = () => gradcheck(wrong, [x]);
    expect(run).toThrow(GradcheckError);
    expect(run).toThrow(GradError);
    expect(run).toThrow(/d\(output 0\[0, 1\]\) \/ d\(input 0\[0, 1\]\) is 1 by backward but \S+ by central/);
    expect(run).toThrow(/atol 0\.00001 \+ rtol 0\.001/);
    const message = (() => {
      try {
        run();
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    })();
    // The central difference of x² + x at −3 is 2·(−3) + 1 = −5 up to rounding, u·|f|/ε ≈ 1e-9.
    const numeric = Number(/but (\S+) by central differences/.exec(message)?.[1]);
    expect(Math.abs(numeric - (2 * -3 + 1))).toBeLessThan(1e-8);
  });

  it("returns false instead with { raise: false }, and true for a correct rule", () => {
    const x = leaf([0.1, -3]);
    expect(gradcheck(wrong, [x], { raise: false })).toBe(false);
    expect(gradcheck((u) => u.mul(u).add(u), [x], { raise: false })).toBe(true);
  });

  it("uses the name given for messages", () => {
    expect(() => gradcheck(wrong, [leaf([2])], { name: "mySquare" })).toThrow(/^mySquare: /);
  });

  it("respects a looser tolerance: the same mismatch passes with atol above it", () => {
    // At x = 0.001 the error is |2x| = 0.002.
    const x = leaf([0.001]);
    expect(gradcheck(wrong, [x], { raise: false })).toBe(false);
    expect(gradcheck(wrong, [x], { atol: 0.01 })).toBe(true);
  });
});

describe("gradcheck: refuses what it cannot check", () => {
  it("float32 inputs that require grad, saying finite differences need float64", () => {
    const x = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    expect(() => gradcheck((u) => u.exp(), [x])).toThrow(ArgumentError);
    expect(() => gradcheck((u) => u.exp(), [x])).toThrow(/input 0 is float32; finite differences need float64/);
  });

  it("non-finite inputs, naming the element", () => {
    for (const bad of [NaN, Infinity]) {
      const x = leaf([1, bad, 3]);
      expect(() => gradcheck((u) => u.exp(), [x])).toThrow(new RegExp(`input 0 holds ${bad} at element 1`));
    }
  });

  it("a function that is not finite at the inputs, and inputs of which none requires grad", () => {
    expect(() => gradcheck((u) => u.log(), [leaf([0, 1])])).toThrow(/output 0 is -Infinity at \[0\]/);
    expect(() => gradcheck((u) => u.exp(), [tensor([1])])).toThrow(/no input requires grad/);
  });

  it("non-tensor inputs and functions that return something else", () => {
    expect(() => gradcheck((u) => u, [5 as unknown as Tensor])).toThrow(TapegradError);
    expect(() => gradcheck(() => 3 as unknown as Tensor, [leaf([1])])).toThrow(/must return a Tensor/);
  });
});

describe("gradgradcheck", () => {
  it("passes on smooth functions (second derivatives through the ops' own rules)", () => {
    const x = leaf([0.3, -0.6, 0.9]);
    const y = leaf([1.1, 0.4, -0.2]);
    expect(gradgradcheck((u, v) => u.mul(v).tanh().mul(u).sum(), [x, y])).toBe(true);
    expect(gradgradcheck((u) => u.softmax().mul(u), [x])).toBe(true);
  });

  it("fails where the first derivative is right but not differentiable as built", () => {
    const x = leaf([0.5, -1.5]);
    expect(gradcheck(wrongSecondOrder, [x])).toBe(true);
    expect(gradgradcheck(wrongSecondOrder, [x], { raise: false })).toBe(false);
    expect(() => gradgradcheck(wrongSecondOrder, [x])).toThrow(/^gradgradcheck\(wrongSecondOrder\): /);
  });
});

describe("checkVjp", () => {
  it("passes on correct rules and fails on a wrong one, naming the worst element", () => {
    const x = leaf([[0.1, -3], [0.5, 0.2]]);
    expect(checkVjp((u) => u.exp().mul(u), [x])).toBe(true);
    expect(checkVjp(wrong, [x], { raise: false })).toBe(false);
    expect(() => checkVjp(wrong, [x])).toThrow(/input 0\[0, 1\]/);
  });

  it("refuses float32 inputs like gradcheck", () => {
    const x = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    expect(() => checkVjp((u) => u.exp(), [x])).toThrow(/float64/);
  });
});
