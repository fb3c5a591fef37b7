import { describe, expect, it } from "vitest";
import { ArgumentError, GradError, tensor, type Tensor } from "../../../src/index.ts";
import { SGD } from "../../../src/nn/optim/index.ts";

function withGrad(values: number[], g: number[]): Tensor {
  const p = tensor(values, { requiresGrad: true });
  p.grad = tensor(g);
  return p;
}

describe("optim.SGD", () => {
  it("plain: p ← p − η·g", () => {
    const p = withGrad([1, -2], [0.5, 4]);
    new SGD([p], { lr: 0.1 }).step();
    expect(p.toFlatArray()).toEqual([1 - 0.1 * 0.5, -2 - 0.1 * 4]);
  });

  it("weight decay: g ← g + λ·p", () => {
    const p = withGrad([1, -2], [0.5, 4]);
    new SGD([p], { lr: 0.1, weightDecay: 0.01 }).step();
    expect(p.toFlatArray()).toEqual([1 + -0.1 * (0.5 + 0.01 * 1), -2 + -0.1 * (4 + 0.01 * -2)]);
  });

  it("momentum: first buffer is g itself (no dampening), then μ·b + (1 − τ)·g", () => {
    const p = withGrad([1], [2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.5 });
    opt.step();
    expect(opt.momentumBuffer(0)?.[0]).toBe(2);
    expect(p.item()).toBe(1 + -0.1 * 2);
    p.grad = tensor([1]);
    opt.step();
    const b = 2 * 0.9 + 0.5 * 1;
    expect(opt.momentumBuffer(0)?.[0]).toBe(b);
    expect(p.item()).toBe(1 + -0.1 * 2 + -0.1 * b);
  });

  it("nesterov: the direction is g + μ·b", () => {
    const p = withGrad([1], [2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true });
    opt.step();
    expect(p.item()).toBe(1 + -0.1 * (2 + 0.9 * 2));
  });

  it("maximize ascends", () => {
    const p = withGrad([1], [2]);
    new SGD([p], { lr: 0.1, maximize: true }).step();
    expect(p.item()).toBe(1 + 0.1 * 2);
  });

  it("skips parameters without a gradient and bumps the version of those it changes", () => {
    const a = withGrad([1], [1]);
    const b = tensor([5], { requiresGrad: true });
    new SGD([a, b], { lr: 1 }).step();
    expect([a.item(), b.item(), a.version, b.version]).toEqual([0, 5, 1, 0]);
  });

  it("an update between forward and backward makes backward refuse the stale graph", () => {
    const w = tensor([2], { requiresGrad: true });
    const loss = w.mul(w).sum();
    w.grad = tensor([1]);
    new SGD([w], { lr: 0.1 }).step();
    expect(() => loss.backward()).toThrow(GradError);
    expect(() => loss.backward()).toThrow(/changed in place/);
  });

  it("rejects bad options and parameters with a message naming them", () => {
    const p = tensor([1], { requiresGrad: true });
    expect(() => new SGD([p], { lr: -1 })).toThrow(/SGD: lr must be a finite number ≥ 0, got -1/);
    expect(() => new SGD([p], { nesterov: true })).toThrow(/nesterov needs momentum > 0 and dampening = 0/);
    expect(() => new SGD([])).toThrow(/empty parameter list/);
    expect(() => new SGD([tensor([1])])).toThrow(ArgumentError);
    expect(() => new SGD([p, p])).toThrow(/more than once/);
  });
});
