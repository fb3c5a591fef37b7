import { describe, expect, it } from "vitest";
import { datasetNames, loadDataset } from "../../../src/nn/data/index.ts";

describe("loadDataset", () => {
  it("digits: the fixed split (seed 0, 20% test, stratified), standardised", () => {
    const s = loadDataset("digits");
    expect(s.train.x.shape).toEqual([1438, 64]);
    expect(s.test.x.shape).toEqual([359, 64]);
    expect(loadDataset("digits").test.x.toFlatArray()).toEqual(s.test.x.toFlatArray());
  });

  it("knows every data set it lists", () => {
    for (const name of datasetNames()) expect(loadDataset(name, { n: 50 }).train.x.shape[0]).toBeGreaterThan(0);
  });

  it("an unknown name lists the known ones", () => {
    expect(() => loadDataset("mnist")).toThrow(/unknown data set 'mnist'; known: digits, iris, breast-cancer, moons/);
    expect(() => loadDataset("constructor")).toThrow(/unknown data set 'constructor'/);
  });
});
