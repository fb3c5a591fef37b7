import { describe, expect, it } from "vitest";
import { ArgumentError, grad, gradcheck, gradgradcheck, tensor, type Tensor } from "../../src/index.ts";
import { Program, type Step } from "../../src/testing/index.ts";

const steps: Step[] = [
  { kind: "binary", op: "mul", a: { value: 0, detach: false }, b: { value: 1, detach: true } },
  { kind: "unary", op: "tanh", x: { value: 2, detach: false } },
  { kind: "axis", op: "sum", x: { value: 3, detach: false }, axis: -1 },
  { kind: "binary", op: "add", a: { value: 4, detach: false }, b: { value: 1, detach: false } },
];
const program = new Program([[2], [2, 2]], steps, [[2], [2, 2], [2, 2], [2, 2], [2, 1], [2, 2]]);

const leaves = () => [tensor([0.5, -1], { requiresGrad: true }), tensor([[1, 2], [-0.5, 0.25]], { requiresGrad: true })];

describe("Program", () => {
  it("prints as code, one line per step with its shape", () => {
    expect(program.toString()).toBe(
      [
        "(x0: [2], x1: [2, 2]) => {",
        "  v0 = mul(x0, sg(x1))  // [2, 2]",
        "  v1 = tanh(v0)  // [2, 2]",
        "  v2 = sum(v1, -1, keepdim)  // [2, 1]",
        "  v3 = add(v2, x1)  // [2, 2]",
        "  return v3",
        "}",
      ].join("\n"),
    );
  });

  it("runs: v3[i][j] = Σₖ tanh(x0[k]·x1[i][k]) + x1[i][j]", () => {
    const [x0, x1] = leaves();
    const y = program.run(x0, x1);
    // The same float64 operations in the same order as the engine's loops, so the values agree exactly.
    const row = (i: number) => Math.tanh(0.5 * [1, -0.5][i]) + Math.tanh(-1 * [2, 0.25][i]);
    expect(y.toArray()).toEqual([
      [row(0) + 1, row(0) + 2],
      [row(1) - 0.5, row(1) + 0.25],
    ]);
  });

  it("through sg(x1), x1 gets gradient only from the add: ∂Σv3/∂x1 = 1", () => {
    const [x0, x1] = leaves();
    const [, g1] = grad(program.run(x0, x1).sum(), [x0, x1]);
    expect((g1 as Tensor).toArray()).toEqual([[1, 1], [1, 1]]);
  });

  it("frozenAt: detached operands become constants, so finite differences check detach at every order", () => {
    const xs = leaves();
    expect(gradcheck(program.frozenAt(xs), xs)).toBe(true);
    expect(gradgradcheck(program.frozenAt(xs), xs)).toBe(true);
    // Without freezing, finite differences see x1 move inside the mul too, and autodiff (rightly) does not.
    expect(gradcheck((a: Tensor, b: Tensor) => program.run(a, b), xs, { raise: false })).toBe(false);
  });

  it("refuses leaves of the wrong number or shape, naming the leaf", () => {
    const [x0] = leaves();
    expect(() => program.run(x0)).toThrow(ArgumentError);
    expect(() => program.run(x0, tensor([1, 2]))).toThrow(/program: leaf x1 must have shape \[2, 2\], got shape \[2\]/);
  });
});
