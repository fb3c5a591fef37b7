import { describe, expect, it } from "vitest";
import { tensor, type Tensor } from "../../../src/index.ts";
import { Adam, AdamW } from "../../../src/nn/optim/index.ts";

function withGrad(values: number[], g: number[]): Tensor {
  const p = tensor(values, { requiresGrad: true });
  p.grad = tensor(g);
  return p;
}

// One step from zero state: m = (1 − β₁)g, v = (1 − β₂)g², and the bias corrections undo both factors, so the
// step is η·g/(|g| + ε). The test compares with that closed form within a few roundings (1e-15 relative).
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-15 * Math.abs(b));

describe("optim.Adam / AdamW", () => {
  it("Adam's first step is p − η·g/(|g| + ε)", () => {
    const p = withGrad([1, -2], [0.5, -4]);
    new Adam([p], { lr: 0.01 }).step();
    close(p.data[0], 1 - (0.01 * 0.5) / (0.5 + 1e-8));
    close(p.data[1], -2 - (0.01 * -4) / (4 + 1e-8));
  });

  it("Adam's weight decay is L2 into the gradient: g ← g + λ·p", () => {
    const p = withGrad([1], [0.5]);
    new Adam([p], { lr: 0.01, weightDecay: 0.1 }).step();
    const g = 0.5 + 0.1 * 1;
    close(p.data[0], 1 - (0.01 * g) / (g + 1e-8));
  });

  it("AdamW decays first, p·(1 − η·λ), then takes the Adam step on the raw gradient", () => {
    const p = withGrad([1], [0.5]);
    new AdamW([p], { lr: 0.01, weightDecay: 0.1 }).step();
    close(p.data[0], 1 * (1 - 0.01 * 0.1) - (0.01 * 0.5) / (0.5 + 1e-8));
  });

  it("second step by hand: m and v are running averages, corrected by 1 − βᵗ", () => {
    const p = withGrad([1], [0.5]);
    const opt = new Adam([p], { lr: 0.1, betas: [0.8, 0.9], eps: 0 });
    opt.step();
    p.grad = tensor([-1]);
    const before = p.data[0];
    opt.step();
    const m = 0.8 * (0.2 * 0.5) + 0.2 * -1;
    const v = 0.9 * (0.1 * 0.25) + 0.1 * 1;
    close(opt.state(0)?.expAvg[0] ?? NaN, m);
    close(opt.state(0)?.expAvgSq[0] ?? NaN, v);
    close(p.data[0], before - ((0.1 / (1 - 0.64)) * m) / Math.sqrt(v / (1 - 0.81)));
  });

  it("amsgrad keeps the running maximum of v", () => {
    const p = withGrad([1], [3]);
    const opt = new Adam([p], { amsgrad: true, betas: [0.9, 0.5] });
    opt.step();
    p.grad = tensor([0]);
    opt.step();
    const s = opt.state(0);
    expect(s?.maxExpAvgSq?.[0]).toBe(0.5 * 9);
    expect(s?.expAvgSq[0]).toBe(0.5 * 0.5 * 9);
  });

  it("counts steps per parameter and keeps its state buffers across steps", () => {
    const p = withGrad([1], [1]);
    const q = tensor([1], { requiresGrad: true });
    const opt = new Adam([p, q]);
    opt.step();
    const m = opt.state(0)?.expAvg;
    opt.step();
    expect(opt.state(0)?.step).toBe(2);
    expect(opt.state(0)?.expAvg).toBe(m);
    expect(opt.state(1)).toBeNull();
  });

  it("rejects betas outside [0, 1)", () => {
    const p = tensor([1], { requiresGrad: true });
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow(/Adam: betas\[1\] must be in \[0, 1\), got 1/);
    expect(() => new AdamW([p], { eps: -1 })).toThrow(/AdamW: eps/);
  });
});
