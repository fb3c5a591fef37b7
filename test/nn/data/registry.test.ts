import { describe, expect, it } from "vitest";
import { datasetNames, loadDataset } from "../../../src/nn/data/index.ts";

describe("loadDataset (the root entry's: synthetic sets only)", () => {
  it("knows every data set it lists, and each is synthetic", () => {
    expect(datasetNames()).toEqual(["moons", "circles", "spirals", "xor", "sine"]);
    for (const name of datasetNames()) expect(loadDataset(name, { n: 50 }).train.x.shape[0]).toBeGreaterThan(0);
  });

  it("a bundled real set is an error that says where it loads from", () => {
    expect(() => loadDataset("digits")).toThrow(
      /unknown data set 'digits'; known: moons, circles, spirals, xor, sine; 'digits' is read from a file: load it with loadDataset from "tapegrad\/node"/,
    );
  });

  it("an unknown name lists the known ones", () => {
    expect(() => loadDataset("mnist")).toThrow(/unknown data set 'mnist'; known: moons, circles, spirals, xor, sine$/);
    expect(() => loadDataset("constructor")).toThrow(/unknown data set 'constructor'/);
  });
});
