import { describe, expect, it } from "vitest";
import { GradError, customOp, tensor, type Tensor } from "../../src/index.ts";

// Rules that read their output (∂x = g·eˣ for exp, y·(g − Σg·y) for softmax, …) would give a wrong gradient
// if the output were changed in place before backward; the tape refuses instead, as PyTorch does.
const readsOutput: Record<string, (x: Tensor) => Tensor> = {
  exp: (x) => x.exp(),
  sqrt: (x) => x.sqrt(),
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  softmax: (x) => x.softmax(-1),
  logSoftmax: (x) => x.logSoftmax(-1),
  logsumexp: (x) => x.logsumexp(-1),
  max: (x) => x.max(-1),
  min: (x) => x.min(-1),
};

describe("saved outputs are guarded by the version counter", () => {
  for (const [name, f] of Object.entries(readsOutput)) {
    it(`${name}: changing the output in place before backward throws, naming the op`, () => {
      const x = tensor([[0.5, 1.5, 2.5]], { requiresGrad: true });
      const y = f(x);
      y.data[0] += 1;
      y.bumpVersion();
      expect(() => y.sum().backward()).toThrow(GradError);
      expect(() => f(x).sum().backward()).not.toThrow();
    });
  }

  it("the error names the op, the output's shape and the versions", () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    const y = x.exp();
    y.bumpVersion();
    expect(() => y.sum().backward()).toThrow(/output of 'exp' \(shape \[2\]\).*version 0 → 1/);
  });

  it("ops whose rule does not read the output (add, relu) do not care", () => {
    const x = tensor([0.5, -1.5], { requiresGrad: true });
    const y = x.add(1);
    y.bumpVersion();
    y.sum().backward();
    expect(x.grad?.toFlatArray()).toEqual([1, 1]);
  });

  it("a custom op's output is guarded unless it declares savesOutput: false", () => {
    const square = (savesOutput: boolean) =>
      customOp({
        name: "square",
        forward: ([x]) => x.mul(x),
        backward: (g, [x]) => [g.mul(x).mul(2)],
        savesOutput,
      });
    const x = tensor([3], { requiresGrad: true });
    const guarded = square(true)(x);
    guarded.bumpVersion();
    expect(() => guarded.sum().backward()).toThrow(/output of 'square'/);
    const free = square(false)(x);
    free.bumpVersion();
    free.sum().backward();
    expect(x.grad?.item()).toBe(2 * 3);
  });
});
