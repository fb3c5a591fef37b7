import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { GradError } from "../../src/autograd/errors.ts";
import { record, type OpDef } from "../../src/autograd/tape.ts";
import { Tensor } from "../../src/autograd/tensor.ts";
import "../../src/index.ts";

describe("runHooks: what a gradient hook may return", () => {
  for (const [label, value] of [["a number", 3], ["null", null], ["a string", "g"], ["a plain array", [1, 2]]] as const) {
    it(`${label} is a GradError naming what came back and the shape wanted, not a TypeError`, () => {
      const x = tensor([1, 2], { requiresGrad: true });
      x.registerHook(() => value as never);
      const run = () => x.mul(2).sum().backward();
      expect(run).toThrow(GradError);
      expect(() => {
        const y = tensor([1, 2], { requiresGrad: true });
        y.registerHook(() => value as never);
        y.mul(2).sum().backward();
      }).toThrow(/hook: a gradient hook returned (number|null|string|object), not a tensor; return a tensor of shape \[2\]/);
    });
  }
});

describe("callRule: what an op's rule may return", () => {
  // A rule of a one-input op may give the gradient itself; the walk treats it as an array of one.
  const scaleBy = (k: number, asTensor: boolean): OpDef => ({
    name: "scaleBy",
    formula: "k·x;  ∂x = k·g",
    savesInputs: false,
    backward: (g) => (asTensor ? g.mul(k) : [g.mul(k)]),
  });

  it("a one-input op's rule may return its input's gradient itself: the same gradient as an array of one", () => {
    for (const asTensor of [true, false]) {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = record(scaleBy(3, asTensor), [x], new Tensor(Float64Array.from([3, 6]), [2]), undefined);
      y.sum().backward();
      expect(Array.from(x.grad?.data ?? [])).toEqual([3, 3]);
    }
  });

  it("a rule of an op with two inputs that returns one tensor is a GradError naming the op and the remedy", () => {
    const def: OpDef = { name: "pairSum", formula: "a + b", savesInputs: false, backward: (g) => g };
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2], { requiresGrad: true });
    const y = record(def, [a, b], new Tensor(Float64Array.from([3]), [1]), undefined);
    expect(() => y.sum().backward()).toThrow(GradError);
    expect(() => record(def, [a, b], new Tensor(Float64Array.from([3]), [1]), undefined).sum().backward()).toThrow(
      /pairSum: the backward rule returned one tensor for 2 inputs; return one gradient \(or null\) per input, in an array/,
    );
  });
});
