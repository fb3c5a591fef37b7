import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { GradError } from "../../src/autograd/errors.ts";

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
