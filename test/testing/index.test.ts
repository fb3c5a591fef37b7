import { describe, expect, it } from "vitest";
import { ArgumentError, NotDifferentiableError, relu, tensor, type Tensor } from "../../src/index.ts";
import * as testing from "../../src/testing/index.ts";

const { checkAgainstReference, checkVjp, gradcheck, gradgradcheck } = testing;
const leaf = (v: number[]) => tensor(v, { requiresGrad: true });
const square = (x: Tensor) => x.mul(x);

describe("tapegrad/testing: every check says plainly what is wrong with its input", () => {
  const checks = { gradcheck, gradgradcheck, checkVjp, checkAgainstReference: (f: (x: Tensor) => Tensor, xs: Tensor[]) => checkAgainstReference(f, square, xs) };

  for (const [name, check] of Object.entries(checks)) {
    it(`${name}: non-finite inputs are an ArgumentError naming the input and element`, () => {
      expect(() => check(square, [leaf([1, Number.NaN])])).toThrow(ArgumentError);
      expect(() => check(square, [leaf([1, Number.NaN])])).toThrow(/input 0 holds NaN at (element 1|\[1\])/);
    });

    it(`${name}: a function that returns a non-tensor is an ArgumentError saying what it returned`, () => {
      const bad = ((x: Tensor) => [x.item(), 2]) as unknown as (x: Tensor) => Tensor;
      expect(() => check(bad, [leaf([1])])).toThrow(ArgumentError);
      expect(() => check(bad, [leaf([1])])).toThrow(/must return a Tensor.*got an array/);
    });
  }

  for (const [name, check] of Object.entries({ gradcheck, checkVjp })) {
    it(`${name}: a point where the function is not differentiable is a NotDifferentiableError, not a failure`, () => {
      expect(() => check(relu, [leaf([0, 0])])).toThrow(NotDifferentiableError);
    });

    it(`${name}: a non-finite output is an ArgumentError that suggests moving the inputs`, () => {
      expect(() => check((x: Tensor) => x.log(), [leaf([-1])])).toThrow(/output 0 is NaN at \[0\] at the given inputs; the function is not finite there/);
    });
  }

  it("exports the arbitraries, the checks, the tolerances and the matcher", () => {
    for (const name of ["arbShape", "arbBroadcastShapes", "arbTensor", "arbTensors", "arbValue", "arbProgram", "arbProgramCase", "matchers", "toBeAllClose", "skipNonDifferentiable"]) {
      expect(typeof (testing as Record<string, unknown>)[name]).toBe(name === "matchers" ? "object" : "function");
    }
    expect(testing.FLOAT32_TOLERANCE).toEqual({ rtol: 1e-4, atol: 1e-6 });
  });
});
