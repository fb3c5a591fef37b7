import { describe, expect, it } from "vitest";
import { tensor } from "../../../src/index.ts";
import { CosineAnnealingLR, SGD, StepLR } from "../../../src/nn/optim/index.ts";

const optimizer = (lr: number) => new SGD([tensor([0], { requiresGrad: true })], { lr });

describe("optim schedulers", () => {
  it("StepLR: η_t = η₀·γ^⌊t/stepSize⌋", () => {
    const opt = optimizer(0.2);
    const s = new StepLR(opt, { stepSize: 3, gamma: 0.5 });
    const lrs = [opt.lr];
    for (let t = 1; t <= 10; t++) (s.step(), lrs.push(opt.lr));
    expect(lrs).toEqual(lrs.map((_, t) => 0.2 * 0.5 ** Math.floor(t / 3)));
  });

  it("CosineAnnealingLR: within 2e-15·η₀ of η_min + (η₀ − η_min)(1 + cos(πt/T))/2, past T and back", () => {
    const opt = optimizer(0.02);
    const s = new CosineAnnealingLR(opt, { tMax: 50, etaMin: 0.001 });
    // The recursion carries a relative error of a few roundings per step on η_t − η_min, whose scale is η₀
    // (not η_t, which nears η_min), so the error is measured against η₀: 2e-15·η₀ over 100 steps.
    for (let t = 1; t <= 100; t++) {
      s.step();
      const closed = 0.001 + ((0.02 - 0.001) * (1 + Math.cos((Math.PI * t) / 50))) / 2;
      expect(Math.abs(opt.lr - closed)).toBeLessThanOrEqual(2e-15 * 0.02);
    }
    expect(s.lastEpoch).toBe(100);
  });

  it("rejects bad periods", () => {
    expect(() => new StepLR(optimizer(1), { stepSize: 0 })).toThrow(/stepSize must be a positive integer/);
    expect(() => new CosineAnnealingLR(optimizer(1), { tMax: 1.5 })).toThrow(/tMax must be a positive integer/);
  });
});
