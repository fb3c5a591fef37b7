import { describe, expect, it } from "vitest";
import {
  ArgumentError, GradError, Tensor, customOp, grad, gradcheck, gradgradcheck, isGradEnabled, tensor,
} from "../../src/index.ts";
import { tapeOf } from "../../src/autograd/introspect.ts";
import { customOps, registeredOps } from "../../src/autograd/registry.ts";

/** softplus(x) = log(1 + eˣ).  ∂x = g·σ(x) */
const softplus = customOp({
  name: "softplus",
  formula: "log(1 + exp(x));  ∂x = g * sigmoid(x)",
  forward: ([x]) => x.exp().add(1).log(),
  backward: (g, [x]) => [g.mul(x.sigmoid())],
});

/** a + b along a's columns: b has shape [m] for a of shape [m, n].  ∂a = g, ∂b = Σⱼ g[:, j] */
const addColumn = customOp({
  name: "addColumn",
  forward: ([a, b]) => a.add(b.reshape([-1, 1])),
  backward: (g) => [g, g.sum(1)],
});

describe("customOp records one node named after the op", () => {
  it("the output's node is the op, with the call's tensors as inputs", () => {
    const x = tensor([0.5, -1], { requiresGrad: true });
    const y = softplus(x);
    expect(y.node?.def.name).toBe("softplus");
    expect(y.node?.def.formula).toBe("log(1 + exp(x));  ∂x = g * sigmoid(x)");
    expect(y.node?.inputs).toEqual([x]);
    expect(y.gradFn).toBe("softplus");
    expect(y.toArray()).toEqual([Math.log(1 + Math.exp(0.5)), Math.log(1 + Math.exp(-1))]);
  });

  it("the tape listing shows it beside the built-in ops, with its formula", () => {
    const x = tensor([0.5, -1], { requiresGrad: true });
    const entries = tapeOf(softplus(x.mul(2)).sum());
    expect(entries.map((e) => e.op)).toEqual(["leaf", "leaf", "mul", "softplus", "sum"]);
    expect(entries[3].formula).toBe("log(1 + exp(x));  ∂x = g * sigmoid(x)");
    expect(entries[3].inputs.map((i) => i.ref)).toEqual([entries[2].id]);
  });

  it("nothing is recorded when no input requires grad", () => {
    const y = softplus(tensor([1]));
    expect(y.node).toBeNull();
    expect(y.requiresGrad).toBe(false);
  });

  it("forward sees plain tensors and records nothing of its own", () => {
    let seen: { requiresGrad: boolean; recording: boolean; innerNode: unknown } | null = null;
    const op = customOp({
      name: "spy",
      forward: ([x]) => {
        const inner = x.mul(2);
        seen = { requiresGrad: x.requiresGrad, recording: isGradEnabled(), innerNode: inner.node };
        return inner;
      },
      backward: (g) => [g.mul(2)],
    });
    const x = tensor([3], { requiresGrad: true });
    const y = op(x);
    expect(seen).toEqual({ requiresGrad: false, recording: false, innerNode: null });
    expect(y.node?.inputs[0]).toBe(x);
  });

  it("a forward that returns its input unchanged still leaves the input a leaf", () => {
    const identity = customOp({ name: "identity", forward: ([x]) => x, backward: (g) => [g] });
    const x = tensor([1, 2], { requiresGrad: true });
    const y = identity(x);
    expect(y).not.toBe(x);
    expect(x.isLeaf).toBe(true);
    expect(y.gradFn).toBe("identity");
    expect((grad(y.sum(), x) as Tensor).toArray()).toEqual([1, 1]);
  });
});

describe("customOp gradients are the rule's", () => {
  it("d softplus(x)/dx = σ(x), by the rule and by central differences", () => {
    const x = tensor([-2, -0.3, 0.7, 3], { requiresGrad: true });
    const g = grad(softplus(x).sum(), x) as Tensor;
    const sigma = [-2, -0.3, 0.7, 3].map((v) => 1 / (1 + Math.exp(-v)));
    // σ from the engine and from Math.exp: a few roundings of numbers ≤ 1 apart, well under 5e-15.
    g.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(sigma[i], 14));
    expect(gradcheck(softplus, [x])).toBe(true);
  });

  it("createGraph goes through a rule written with tensor ops: d² softplus/dx² = σ(x)(1 − σ(x))", () => {
    const x = tensor([-1.5, 0.25, 2], { requiresGrad: true });
    const [g] = grad(softplus(x).sum(), [x], { createGraph: true });
    const [h] = grad((g as Tensor).sum(), [x]);
    const expected = [-1.5, 0.25, 2].map((v) => {
      const s = 1 / (1 + Math.exp(-v));
      return s * (1 - s);
    });
    // Same bound: σ(1 − σ) from a handful of float64 roundings of numbers ≤ 1.
    (h as Tensor).toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
    expect(gradgradcheck(softplus, [x])).toBe(true);
  });

  it("a gradient in the output's shape is summed back to a broadcast input by the tape", () => {
    const op = customOp({ name: "addRow", forward: ([a, b]) => a.add(b), backward: (g) => [g, g] });
    const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([10, 20, 30], { requiresGrad: true });
    const [, gb] = grad(op(a, b).sum(), [a, b]);
    expect((gb as Tensor).toArray()).toEqual([2, 2, 2]);
  });

  it("two inputs: ∂a = g and ∂b = the row sums of g", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([0.5, -0.5], { requiresGrad: true });
    const w = tensor([[1, 2, 3], [4, 5, 6]]);
    const [ga, gb] = grad(addColumn(a, b).mul(w).sum(), [a, b]);
    expect((ga as Tensor).toArray()).toEqual(w.toArray());
    expect((gb as Tensor).toArray()).toEqual([1 + 2 + 3, 4 + 5 + 6]);
    expect(gradcheck(addColumn, [a, b])).toBe(true);
  });

  it("savesInputs: false keeps only shapes: the rule sees inputs without values, and the node holds none", () => {
    const seen: number[] = [];
    const addColumnLight = customOp({
      name: "addColumnLight",
      forward: ([a, b]) => a.add(b.reshape([-1, 1])),
      backward: (g, inputs) => {
        for (const t of inputs) seen.push(t.data.length);
        return [g, g.sum(1)];
      },
      savesInputs: false,
      savesOutput: false,
    });
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true }).mul(1);
    const b = tensor([10, 20], { requiresGrad: true }).mul(1);
    const y = addColumnLight(a, b);
    expect(y.node?.inputs.map((t) => [t.shape, t.data.length])).toEqual([[[2, 2], 0], [[2], 0]]);
    expect(y.node?.output.data).toHaveLength(0);
    y.sum().backward();
    expect(seen).toEqual([0, 0]);
  });

  it("a null gradient means no gradient: the input is unused, not zero", () => {
    const op = customOp({ name: "firstOnly", forward: ([a]) => a.mul(1), backward: (g) => [g, null] });
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2], { requiresGrad: true });
    const [ga, gb] = grad(op(a, b).sum(), [a, b], { allowUnused: true });
    expect((ga as Tensor).toArray()).toEqual([1]);
    expect(gb).toBeNull();
  });
});

describe("customOp says what is wrong, naming the op and the input", () => {
  const x = () => tensor([1, 2], { requiresGrad: true });

  it("a rule that returns too few gradients", () => {
    const op = customOp({ name: "tooFew", forward: ([a, b]) => a.add(b), backward: (g) => [g] });
    expect(() => op(x(), x()).sum().backward()).toThrow(GradError);
    expect(() => op(x(), x()).sum().backward()).toThrow(/tooFew: the backward rule returned 1 gradients for 2 inputs/);
  });

  it("a rule that returns a gradient of the wrong shape", () => {
    const op = customOp({ name: "badShape", forward: ([a]) => a.mul(2), backward: () => [tensor([1, 2, 3])] });
    expect(() => op(x()).sum().backward()).toThrow(/badShape: the backward rule returned shape \[3\] for input 0 of shape \[2\]/);
  });

  it("a rule that returns a non-tensor gradient", () => {
    const op = customOp({
      name: "numberGrad",
      forward: ([a, b]) => a.mul(b),
      backward: (g) => [g, 2 as unknown as Tensor],
    });
    expect(() => op(x(), x()).sum().backward()).toThrow(GradError);
    expect(() => op(x(), x()).sum().backward()).toThrow(/numberGrad: .* returned the number 2 as the gradient of input 1 of shape \[2\]/);
  });

  it("a rule that returns a tensor instead of a list", () => {
    const op = customOp({
      name: "bare",
      forward: ([a]) => a.mul(2),
      backward: (g) => g.mul(2) as unknown as readonly Tensor[],
    });
    expect(() => op(x()).sum().backward()).toThrow(/bare: the backward rule returned Tensor; return an array/);
  });

  it("a forward that returns a non-tensor", () => {
    const op = customOp({ name: "arrayOut", forward: ([a]) => a.toArray() as unknown as Tensor, backward: (g) => [g] });
    expect(() => op(x())).toThrow(ArgumentError);
    expect(() => op(x())).toThrow(/arrayOut: forward must return a Tensor, got an array/);
  });

  it("a call with a non-tensor argument", () => {
    expect(() => softplus([1, 2] as unknown as Tensor)).toThrow(/softplus: input 0 must be a Tensor/);
  });

  it("a name may be reused (twins, a built-in's name): each node keeps its own rule, and the registry the latest", () => {
    const spec = (k: number) => ({ name: "exp", forward: ([a]: readonly Tensor[]) => a.mul(k), backward: (g: Tensor) => [g.mul(k)] });
    const [two, three] = [customOp(spec(2)), customOp(spec(3))];
    const a = x();
    expect(grad(two(a).sum(), a)?.toFlatArray()).toEqual(a.toFlatArray().map(() => 2));
    expect(grad(three(a).sum(), a)?.toFlatArray()).toEqual(a.toFlatArray().map(() => 3));
    expect(customOps().get("exp")?.op).toBe(three);
    expect(registeredOps().get("exp")?.def.formula).toMatch(/^exp\(x\)/);
  });

  it("a spec without a backward", () => {
    const spec = { name: "noRule", forward: ([a]: readonly Tensor[]) => a } as unknown as Parameters<typeof customOp>[0];
    expect(() => customOp(spec)).toThrow(/customOp 'noRule': backward must be a function, got undefined/);
  });

  it("an input changed in place between forward and backward", () => {
    const a = x();
    const y = softplus(a);
    a.bumpVersion();
    expect(() => y.sum().backward()).toThrow(/input 0 of 'softplus' .* was changed in place/);
  });
});
