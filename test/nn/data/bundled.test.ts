import { describe, expect, it } from "vitest";
import { DATASETS, loadDataset } from "../../../src/nn/data/bundled.ts";
import { BUNDLED_NAMES, datasetNames } from "../../../src/nn/data/registry.ts";

describe("loadDataset (tapegrad/node's: the bundled real sets, then the synthetic ones)", () => {
  it("digits: the fixed split (seed 0, 20% test, stratified), standardised", () => {
    const s = loadDataset("digits");
    expect(s.train.x.shape).toEqual([1438, 64]);
    expect(s.test.x.shape).toEqual([359, 64]);
    expect(loadDataset("digits").test.x.toFlatArray()).toEqual(s.test.x.toFlatArray());
  });

  it("knows every data set it lists; the real ones are exactly the names the root entry points here for", () => {
    for (const name of datasetNames(DATASETS)) expect(loadDataset(name, { n: 50 }).train.x.shape[0]).toBeGreaterThan(0);
    expect(datasetNames(DATASETS).filter((n) => !DATASETS[n].summary.includes("(synthetic)"))).toEqual(BUNDLED_NAMES);
  });

  it("an unknown name lists the known ones", () => {
    expect(() => loadDataset("mnist")).toThrow(/unknown data set 'mnist'; known: digits, iris, breast-cancer, moons/);
  });
});
