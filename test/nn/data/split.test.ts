import { describe, expect, it } from "vitest";
import { tensor } from "../../../src/index.ts";
import { makeSine, standardize, trainTestSplit, type Dataset } from "../../../src/nn/data/index.ts";
import { loadIris } from "../../../src/nn/data/real.ts";

const counts = (y: Int32Array, k: number) => Array.from({ length: k }, (_, c) => y.filter((v) => v === c).length);

describe("trainTestSplit and standardize", () => {
  it("holds out round(fraction·count) of every class, and is seeded", () => {
    const iris = loadIris();
    const s = trainTestSplit(iris, { testFraction: 0.3, seed: 1 });
    expect(counts(s.test.y as Int32Array, 3)).toEqual([15, 15, 15]);
    expect(counts(s.train.y as Int32Array, 3)).toEqual([35, 35, 35]);
    const again = trainTestSplit(iris, { testFraction: 0.3, seed: 1 });
    expect(again.test.x.toFlatArray()).toEqual(s.test.x.toFlatArray());
    expect(trainTestSplit(iris, { testFraction: 0.3, seed: 2 }).test.x.toFlatArray()).not.toEqual(s.test.x.toFlatArray());
  });

  it("train and test partition the samples", () => {
    const d: Dataset = { name: "ids", task: "classification", x: tensor(Array.from({ length: 20 }, (_, i) => [i])), y: new Int32Array(20).map((_, i) => i % 2), numClasses: 2 };
    const s = trainTestSplit(d, { testFraction: 0.25 });
    const all = [...s.train.x.toFlatArray(), ...s.test.x.toFlatArray()].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(s.test.x.size).toBe(Math.round(0.25 * 10) * 2);
  });

  it("regression sets split as one group", () => {
    const s = trainTestSplit(makeSine({ n: 100 }), { testFraction: 0.2 });
    expect([s.train.x.shape[0], s.test.x.shape[0]]).toEqual([80, 20]);
  });

  it("standardize: train features get mean 0 and std 1; test uses the training statistics", () => {
    const s = standardize(trainTestSplit(loadIris(), { seed: 0 }));
    const [n, f] = s.train.x.shape;
    const x = s.train.x.data;
    for (let j = 0; j < f; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < n; i++) m += x[i * f + j];
      m /= n;
      for (let i = 0; i < n; i++) v += (x[i * f + j] - m) ** 2;
      // sums of 120 standardised values: rounding leaves ~1e-15 on the mean and the variance.
      expect(Math.abs(m)).toBeLessThan(1e-14);
      expect(Math.abs(v / n - 1)).toBeLessThan(1e-14);
    }
    const raw = trainTestSplit(loadIris(), { seed: 0 }).test.x.data;
    expect(s.test.x.data[5]).toBe((raw[5] - (s.mean?.[1] ?? NaN)) / (s.std?.[1] ?? NaN));
  });

  it("a constant feature keeps std 1 (it becomes 0, not NaN)", () => {
    const d: Dataset = { name: "c", task: "classification", x: tensor([[1, 5], [2, 5], [3, 5], [4, 5]]), y: new Int32Array([0, 1, 0, 1]), numClasses: 2 };
    const s = standardize(trainTestSplit(d, { testFraction: 0.5 }));
    expect(s.std?.[1]).toBe(1);
    expect(s.train.x.toFlatArray().filter((_, i) => i % 2 === 1)).toEqual([0, 0]);
  });

  it("rejects a fraction outside (0, 1) and mismatched targets", () => {
    expect(() => trainTestSplit(loadIris(), { testFraction: 1 })).toThrow(/testFraction must be in \(0, 1\)/);
    const bad = { ...loadIris(), y: new Int32Array(3) };
    expect(() => trainTestSplit(bad)).toThrow(/150 feature rows but 3 targets/);
  });
});
