import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { AnomalyError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import {
  detectAnomaly, enableGrad, isAnomalyEnabled, isGradEnabled, noGrad, setGradEnabled,
} from "../../src/autograd/mode.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";

/** The line of the caller's caller in this file, read from a stack trace made on that line. */
function lineOf(stack: string | undefined): number {
  const m = /mode\.test\.ts:(\d+)/.exec(stack ?? "");
  if (m === null) throw new Error("no line of mode.test.ts in the stack");
  return Number(m[1]);
}

describe("noGrad", () => {
  it("records nothing: results have no node and do not require grad, even from inputs that do", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(x).add(1).exp().sum());
    expect(y.node).toBeNull();
    expect(y.requiresGrad).toBe(false);
    expect(y.isLeaf).toBe(true);
    expect(y.item()).toBe(Math.exp(1 * 1 + 1) + Math.exp(2 * 2 + 1));
  });

  it("nests, and restores the mode on the way out, also when the function throws", () => {
    expect(isGradEnabled()).toBe(true);
    noGrad(() => {
      noGrad(() => expect(isGradEnabled()).toBe(false));
      expect(isGradEnabled()).toBe(false);
    });
    expect(isGradEnabled()).toBe(true);
    expect(() =>
      noGrad(() => {
        throw new Error("inside");
      }),
    ).toThrow("inside");
    expect(isGradEnabled()).toBe(true);
  });

  it("returns the function's value", () => {
    expect(noGrad(() => 42)).toBe(42);
  });

  it("enableGrad inside noGrad records again; setGradEnabled sets either way", () => {
    const x = tensor(3, { requiresGrad: true });
    const [inner, outer] = noGrad(() => [enableGrad(() => x.mul(x)), x.mul(x)]);
    expect(inner.requiresGrad).toBe(true);
    expect(inner.node?.def.name).toBe("mul");
    expect(outer.requiresGrad).toBe(false);
    expect(grad(inner, x)?.item()).toBe(6);
    expect(setGradEnabled(false, () => x.mul(2)).requiresGrad).toBe(false);
    expect(setGradEnabled(true, () => x.mul(2)).requiresGrad).toBe(true);
  });

  it("makes in-place updates invisible to the tape (what an optimizer step does)", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(w).sum().backward();
    noGrad(() => {
      const step = w.sub((w.grad as Tensor).mul(0.5));
      w.data.set(step.data);
      w.bumpVersion();
    });
    expect(w.toArray()).toEqual([1 - 0.5 * 2, 2 - 0.5 * 4]);
    expect(w.isLeaf).toBe(true);
    expect(w.node).toBeNull();
  });
});

describe("detectAnomaly", () => {
  it("throws an AnomalyError for the infinity sqrt's backward makes at 0, naming sqrt and the creating line", () => {
    const x = tensor([0, 4], { requiresGrad: true });
    let line = 0;
    const run = () =>
      detectAnomaly(() => {
        const [y, stack] = [x.sqrt(), new Error().stack];
        line = lineOf(stack);
        y.sum().backward();
      });
    expect(run).toThrow(AnomalyError);
    expect(run).toThrow(/'sqrt' produced Infinity/);
    expect(run).toThrow(new RegExp(`mode\\.test\\.ts:${line}\\b`));
  });

  it("throws for the NaN that 0 · (1 / 0) makes in sqrt's backward when the incoming gradient is 0", () => {
    const x = tensor([0, 1], { requiresGrad: true });
    const run = () => detectAnomaly(() => x.sqrt().mul(tensor([0, 1])).sum().backward());
    expect(run).toThrow(/'sqrt' produced NaN/);
  });

  it("throws for log at 0 (∂x = g / x), naming log", () => {
    const x = tensor([0, 1], { requiresGrad: true });
    let line = 0;
    const run = () =>
      detectAnomaly(() => {
        const [y, stack] = [x.log(), new Error().stack];
        line = lineOf(stack);
        // log(0) = −∞ forward is not itself an anomaly: only what backward produces is checked.
        y.mul(tensor([1, 1])).sum().backward();
      });
    expect(run).toThrow(/'log'.*element 0/s);
    expect(run).toThrow(new RegExp(`mode\\.test\\.ts:${line}\\b`));
  });

  it("does not throw without it: the infinity simply arrives in .grad", () => {
    const x = tensor([0, 4], { requiresGrad: true });
    x.sqrt().sum().backward();
    expect(x.grad?.toArray()).toEqual([Infinity, 1 / (2 * 2)]);
  });

  it("checks only nodes created under it, and is off again afterwards", () => {
    const x = tensor([0], { requiresGrad: true });
    const y = x.sqrt();
    expect(() => detectAnomaly(() => y.sum().backward())).not.toThrow();
    expect(isAnomalyEnabled()).toBe(false);
    expect(detectAnomaly(() => isAnomalyEnabled())).toBe(true);
  });

  it("is silent on finite gradients and returns the function's value", () => {
    const x = tensor([1, 4], { requiresGrad: true });
    const v = detectAnomaly(() => {
      x.sqrt().sum().backward();
      return 7;
    });
    expect(v).toBe(7);
    expect(x.grad?.toArray()).toEqual([1 / 2, 1 / 4]);
  });
});
