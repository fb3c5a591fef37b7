import { describe, expect, it } from "vitest";
import { loadBreastCancer, loadDigits, loadIris } from "../../../src/nn/data/real.ts";

const counts = (y: Int32Array, k: number) => Array.from({ length: k }, (_, c) => y.filter((v) => v === c).length);

describe("real data sets (UCI, from data/)", () => {
  it("digits: 1797 images of 8×8 pixels in 0..16, ten classes of about 180", () => {
    const d = loadDigits();
    expect(d.x.shape).toEqual([1797, 64]);
    expect(Math.min(...d.x.data)).toBe(0);
    expect(Math.max(...d.x.data)).toBe(16);
    // The UCI test-set copy holds 178 0s, 182 1s, 177 2s, 183 3s, 181 4s, 182 5s, 181 6s, 179 7s, 174 8s, 180 9s.
    expect(counts(d.y as Int32Array, 10)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });

  it("iris: 150 flowers, 4 measurements, 50 of each species", () => {
    const d = loadIris();
    expect(d.x.shape).toEqual([150, 4]);
    expect(counts(d.y as Int32Array, 3)).toEqual([50, 50, 50]);
    expect(d.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(d.x.toFlatArray().slice(0, 4)).toEqual([5.1, 3.5, 1.4, 0.2]);
  });

  it("breast cancer: 569 samples, 30 features, 212 malignant and 357 benign", () => {
    const d = loadBreastCancer();
    expect(d.x.shape).toEqual([569, 30]);
    expect(counts(d.y as Int32Array, 2)).toEqual([212, 357]);
    expect(d.classNames).toEqual(["malignant", "benign"]);
  });

  it("float32 on request", () => {
    expect(loadIris({ dtype: "float32" }).x.dtype).toBe("float32");
  });
});
