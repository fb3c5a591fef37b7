import { describe, expect, it } from "vitest";
import { loadDataset, makeCircles, makeMoons, makeSine, makeSpirals, makeXor } from "../../../src/nn/data/index.ts";

const counts = (y: Int32Array, k: number) => Array.from({ length: k }, (_, c) => y.filter((v) => v === c).length);

describe("synthetic data sets", () => {
  it("are seeded: the same seed gives the same samples, another seed others", () => {
    for (const make of [makeMoons, makeCircles, makeSpirals, makeXor, makeSine]) {
      expect(make({ seed: 3 }).x.toFlatArray()).toEqual(make({ seed: 3 }).x.toFlatArray());
      expect(make({ seed: 3 }).x.toFlatArray()).not.toEqual(make({ seed: 4 }).x.toFlatArray());
    }
  });

  it("moons: half on the upper arc (cos t, sin t), half on the lower (1 − cos t, ½ − sin t), within the noise", () => {
    const d = makeMoons({ n: 400, noise: 0 });
    expect(d.x.shape).toEqual([400, 2]);
    expect(counts(d.y as Int32Array, 2)).toEqual([200, 200]);
    const x = d.x.toArray() as number[][];
    x.forEach(([a, b], i) => {
      const r = (d.y as Int32Array)[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
      expect(r).toBeCloseTo(1, 12);
    });
  });

  it("circles: radius 1 for class 0, `factor` for class 1", () => {
    const d = makeCircles({ n: 100, noise: 0, factor: 0.3 });
    (d.x.toArray() as number[][]).forEach(([a, b], i) => expect(Math.hypot(a, b)).toBeCloseTo((d.y as Int32Array)[i] === 0 ? 1 : 0.3, 12));
  });

  it("spirals: `classes` arms of equal size inside the unit disc", () => {
    const d = makeSpirals({ classes: 4, n: 400 });
    expect(d.numClasses).toBe(4);
    expect(counts(d.y as Int32Array, 4)).toEqual([100, 100, 100, 100]);
    (d.x.toArray() as number[][]).forEach(([a, b]) => expect(Math.hypot(a, b)).toBeLessThanOrEqual(1 + 1e-12));
  });

  it("xor: without jitter, class 1 exactly where x₁·x₂ < 0", () => {
    const d = makeXor({ n: 300, noise: 0 });
    (d.x.toArray() as number[][]).forEach(([a, b], i) => expect((d.y as Int32Array)[i]).toBe(a * b < 0 ? 1 : 0));
  });

  it("sine: regression targets [n, 1] whose residuals y − sin x have the noise's spread", () => {
    const d = makeSine({ n: 4000, noise: 0.2 });
    expect(d.task).toBe("regression");
    const x = d.x.toFlatArray();
    const y = (d.y as { toFlatArray(): number[] }).toFlatArray();
    const r = y.map((v, i) => v - Math.sin(x[i]));
    const sd = Math.sqrt(r.reduce((s, v) => s + v * v, 0) / r.length);
    // 4000 draws: the sample std of N(0, 0.2²) is within 5% with overwhelming probability (se ≈ 1.1%).
    expect(Math.abs(sd / 0.2 - 1)).toBeLessThan(0.05);
  });

  it("rejects a bad sample count", () => {
    expect(() => makeMoons({ n: 1 })).toThrow(/n must be an integer from 2 to 10000000, got 1/);
    expect(() => loadDataset("moons", { n: 1e9 })).toThrow(/makeMoons: n must be an integer from 2 to 10000000, got 1000000000/);
  });
});
