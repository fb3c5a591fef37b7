import { describe, expect, it } from "vitest";
import {
  GradcheckError, NotDifferentiableError, abs, checkVjp, customOp, gradcheck, gradgradcheck, relu, tensor, type Tensor,
} from "../../src/index.ts";
import { probe } from "../../src/autograd/gradcheck-probe.ts";

const leaf = (v: number[]) => tensor(v, { requiresGrad: true });

describe("probe tells a wrong derivative from a kink", () => {
  it("φ(s) = |s| at 0, claimed slope 1: a kink with slopes −1 and 1, not a wrong rule", () => {
    expect(probe(Math.abs, 1, 1e-6, 1e-5, 1e-3)).toEqual({ kind: "kink", left: -1, right: 1 });
  });

  it("φ(s) = 3s with a claimed derivative of 2 is a failure", () => {
    expect(probe((s) => 3 * s, 2, 1e-6, 1e-5, 1e-3)).toEqual({ kind: "fail" });
  });

  it("a large curvature is not a kink: φ(s) = 1e4·s² has one-sided gaps that shrink with the step", () => {
    // gap(h) = 2e4·h: 2e-2 at h = 1e-6, above the tolerance, but a hundred times smaller at h/100.
    expect(probe((s) => 1e4 * s * s, 1, 1e-6, 1e-5, 1e-3)).toEqual({ kind: "fail" });
  });

  it("a kink within the first step but off the point: smaller steps resolve it and the derivative passes", () => {
    // φ(s) = |s + 3e-7|: the step 1e-6 straddles the kink; steps 1e-7 and below do not.
    expect(probe((s) => Math.abs(s + 3e-7), 1, 1e-6, 1e-5, 1e-3)).toEqual({ kind: "pass" });
  });
});

describe("gradcheck and checkVjp say 'not differentiable' at kinks instead of failing", () => {
  it("relu at exactly 0 throws NotDifferentiableError naming the element", () => {
    const run = () => gradcheck(relu, [leaf([1, 0])]);
    expect(run).toThrow(NotDifferentiableError);
    expect(run).toThrow(/d\(output 0\[1\]\) \/ d\(input 0\[1\]\): the function is not differentiable .*slope 0 from the left, 1 from the right/);
  });

  it("max with a three-way tie is not differentiable (central differences give 1/2, the rule 1/3)", () => {
    expect(() => gradcheck((x: Tensor) => x.max(), [leaf([2, 2, 2])])).toThrow(NotDifferentiableError);
  });

  it("abs at 3e-7, inside the first step of the kink, passes: smaller steps agree with the rule", () => {
    expect(gradcheck(abs, [leaf([3e-7, -0.5])])).toBe(true);
  });

  it("checkVjp along a random direction through a kink says so", () => {
    // relu'(0) = 0 by convention, but along t the central difference of Σ c·relu(s·t) is Σ c·|t| / 2, not 0.
    expect(() => checkVjp(relu, [leaf([0, 0, 0])])).toThrow(NotDifferentiableError);
  });

  it("a wrong rule at a smooth point is still a failure, and { raise: false } returns false", () => {
    const twice = customOp({ name: "twice", forward: ([x]) => x.mul(2), backward: (g) => [g.mul(3)] });
    expect(() => gradcheck(twice, [leaf([0.5])])).toThrow(GradcheckError);
    expect(() => gradcheck(twice, [leaf([0.5])])).toThrow(/gradcheck\(twice\): d\(output 0\[0\]\) \/ d\(input 0\[0\]\) is 3 by backward/);
    expect(gradcheck(twice, [leaf([0.5])], { raise: false })).toBe(false);
  });
});

describe("a jump in the checked function is not differentiable either", () => {
  it("φ(s) = sign(s) at 0, claimed slope 0: a jump from −1 to 1, not a wrong rule", () => {
    expect(probe(Math.sign, 0, 1e-6, 1e-5, 1e-3)).toEqual({ kind: "jump", left: -1, right: 1 });
  });

  it("gradgradcheck of |c − x| at x = c (abs' jumps there) says so instead of failing the rule", () => {
    // The shrunk counterexample of a random program: abs(sg(x) − x) with sg(x) frozen at x's value.
    const x = leaf([0.05]);
    expect(() => gradgradcheck((y: Tensor) => tensor([0.05]).sub(y).abs(), [x])).toThrow(NotDifferentiableError);
    expect(() => gradgradcheck((y: Tensor) => tensor([0.05]).sub(y).abs(), [x])).toThrow(/jumps from/);
  });
});

describe("checkVjp names the worst element after a failure", () => {
  it("a rule wrong only in input 1, element [2], is located there", () => {
    // ∂b is correct except at element 2, where it is doubled.
    const mulOp = customOp({
      name: "mulBroken",
      forward: ([a, b]) => a.mul(b),
      backward: (g, [a, b]) => [g.mul(b), g.mul(a).mul(tensor([1, 1, 2, 1]))],
    });
    const run = () => checkVjp(mulOp, [leaf([1, 2, 3, 4]), leaf([0.5, -1, 1.5, 2])]);
    expect(run).toThrow(GradcheckError);
    expect(run).toThrow(/checkVjp\(mulBroken\): .*worst element: input 1\[2\] \(shape \[4\]\)/);
  });
});
