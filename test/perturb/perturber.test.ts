import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { grad } from "../../src/autograd/grad.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { normalCdf } from "../../src/nn/functional/erf.ts";
import { normalNoise, uniformNoise } from "../../src/perturb/noise.ts";
import { Perturber } from "../../src/perturb/perturber.ts";

const square = (w: Tensor): Tensor => w.mul(w);

describe("Perturber", () => {
  it("draws a fresh n each step and records n, L, fac = n/L and uphill = (1 + fac < 0)", () => {
    const p = new Perturber(normalNoise(2, 1));
    const reference = normalNoise(2, 1);
    const w = tensor(0.8, { requiresGrad: true });
    for (let step = 0; step < 20; step++) {
      const L = square(w);
      const out = p.perturb(L);
      const n = reference.sample();
      const r = p.history[step];
      expect(r).toMatchObject({ step, n, loss: L.item(), fac: n / L.item(), skipped: false });
      expect(r.uphill).toBe(1 + n / L.item() < 0);
      expect(r.predictedUphill).toBe(normalCdf(-L.item() / 2));
      expect(out.item()).toBe(L.item() + n);
      // The gradient it produces is the (1 + fac) rule: 2w·(1 + n/L).
      const g = (grad(out, [w])[0] as Tensor).item();
      expect(Math.abs(g - 2 * 0.8 * (1 + n / L.item()))).toBeLessThanOrEqual(1e-15 * Math.abs(2 * 0.8 * (1 + n / L.item())) + 1e-15);
    }
  });

  it("the measured uphill fraction at fixed L = 0.5, s = 1 matches Φ(−0.5) within 4 standard errors", () => {
    const p = new Perturber(normalNoise(1, 2), { fused: true });
    const steps = 4000;
    for (let i = 0; i < steps; i++) p.perturb(tensor(0.5, { requiresGrad: true }));
    const s = p.summary();
    const q = normalCdf(-0.5);
    expect(s.steps).toBe(steps);
    // A mean of 4000 equal terms: 4000 roundings of relative u at most.
    expect(Math.abs(s.predictedUphill - q)).toBeLessThanOrEqual(4000 * 2 ** -53 * q);
    expect(Math.abs(s.uphillFraction - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / steps));
    // E|n/L| = s·√(2/π)/L for normal n; the sample mean within 4 standard errors (sd of |n| is s·√(1 − 2/π)).
    const meanAbs = Math.sqrt(2 / Math.PI) / 0.5;
    expect(Math.abs(s.meanAbsFac - meanAbs)).toBeLessThan((4 * Math.sqrt(1 - 2 / Math.PI)) / 0.5 / Math.sqrt(steps));
  });

  it("the same seed gives the same history", () => {
    const run = () => {
      const p = new Perturber(uniformNoise(0.3, 7));
      for (let i = 1; i <= 10; i++) p.perturb(tensor(i / 10, { requiresGrad: true }));
      return p.history;
    };
    expect(run()).toEqual(run());
  });

  it("mode 'shared' takes the per-sample vector: one factor from the batch loss, value L + n", () => {
    const p = new Perturber(normalNoise(1, 3), { mode: "shared", reduction: "sum" });
    const n = normalNoise(1, 3).sample();
    const out = p.perturb(tensor([1, 2, 5], { requiresGrad: true }));
    expect(p.history[0]).toMatchObject({ loss: 8, n, fac: n / 8 });
    expect(Math.abs(out.item() - (8 + n))).toBeLessThanOrEqual(8 * 2 ** -53 * (8 + Math.abs(n)));
  });

  it("mode 'independent' records the fraction of samples whose factor 1 + nᵢ/lᵢ is negative", () => {
    const p = new Perturber(normalNoise(1, 4), { mode: "independent" });
    const ns = normalNoise(1, 4).fill(new Float64Array(4));
    const l = [0.1, 0.2, 3, 4];
    p.perturb(tensor(l, { requiresGrad: true }));
    const r = p.history[0];
    const facs = l.map((li, i) => ns[i] / li);
    expect(r.uphillFraction).toBe(facs.filter((f) => 1 + f < 0).length / 4);
    expect(r.absFac).toBeCloseTo(facs.reduce((s, f) => s + Math.abs(f), 0) / 4, 14);
    expect(r.loss).toBe((0.1 + 0.2 + 3 + 4) / 4);
    expect(r.predictedUphill).toBeCloseTo(l.reduce((s, li) => s + normalCdf(-li), 0) / 4, 14);
  });

  it('guard "skip" records a skipped step with factor 1 and returns the clean loss', () => {
    const p = new Perturber(normalNoise(1, 5), { guard: "skip" });
    const L = tensor(0, { requiresGrad: true });
    expect(p.perturb(L)).toBe(L);
    expect(p.history[0]).toMatchObject({ fac: 0, skipped: true, uphill: false, predictedUphill: 0 });
  });

  it("an unknown mode is an error", () => {
    expect(() => new Perturber(normalNoise(1, 0), { mode: "batch" as "loss" })).toThrow(/unknown mode/);
  });
});
