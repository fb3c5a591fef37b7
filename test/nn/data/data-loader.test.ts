import { describe, expect, it } from "vitest";
import { Generator, tensor } from "../../../src/index.ts";
import { DataLoader, type Batch, type Dataset } from "../../../src/nn/data/index.ts";

/** The labels of a classification batch. */
const labels = (b: Batch): number[] => [...(b.y as Int32Array)];

const ids: Dataset = {
  name: "ids", task: "classification", numClasses: 10,
  x: tensor(Array.from({ length: 10 }, (_, i) => [i, -i])), y: Int32Array.from({ length: 10 }, (_, i) => i),
};

describe("DataLoader", () => {
  it("without shuffle, batches in order; the last one smaller", () => {
    const batches = [...new DataLoader(ids, { batchSize: 4 })];
    expect(batches.map(labels)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(batches[2].x.toArray()).toEqual([[8, -8], [9, -9]]);
    expect(new DataLoader(ids, { batchSize: 4 }).length).toBe(3);
  });

  it("dropLast drops the short batch", () => {
    const l = new DataLoader(ids, { batchSize: 4, dropLast: true });
    expect([...l].length).toBe(2);
    expect(l.length).toBe(2);
  });

  it("with shuffle, each pass is a new permutation, features and labels kept together, seeded", () => {
    const l = new DataLoader(ids, { batchSize: 3, shuffle: true, generator: new Generator(7) });
    const pass = () => [...l].flatMap((b) => {
      const y = labels(b);
      (b.x.toArray() as number[][]).forEach((row, i) => expect(row).toEqual([y[i], -y[i]]));
      return y;
    });
    const a = pass();
    const b = pass();
    expect([...a].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).not.toEqual(b);
    const l2 = new DataLoader(ids, { batchSize: 3, shuffle: true, generator: new Generator(7) });
    expect([...l2].flatMap(labels)).toEqual(a);
  });

  it("rejects a bad batch size", () => {
    expect(() => new DataLoader(ids, { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
  });
});
