import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import { cellKey, DEFAULT_SCALES, expandGrid, OPTIMIZERS, shardOf, SWEEP_KINDS } from "../../../src/perturb/sweep/grid.ts";

const full = { kinds: SWEEP_KINDS, scales: DEFAULT_SCALES, optimizers: OPTIMIZERS, seeds: [0, 1, 2, 3, 4] };

describe("sweep grid", () => {
  it("the default grid has (1 clean + 5 kinds × 6 non-zero scales) × 3 optimizers × 5 seeds cells, all distinct", () => {
    const cells = expandGrid(full);
    expect(cells.length).toBe((1 + 5 * 6) * 3 * 5);
    expect(new Set(cells.map(cellKey)).size).toBe(cells.length);
    expect(cells.filter((c) => c.scale === 0).every((c) => c.kind === "clean")).toBe(true);
  });

  it("shards i/n partition the cells: disjoint, together all of them, sizes within one", () => {
    const cells = expandGrid(full);
    const shards = [1, 2, 3, 4].map((i) => shardOf(cells, i, 4));
    const keys = shards.flat().map(cellKey);
    expect(new Set(keys).size).toBe(cells.length);
    expect(keys.length).toBe(cells.length);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("bad names, scales, seeds, empty axes and shards are ArgumentErrors naming the value", () => {
    expect(() => expandGrid({ ...full, kinds: ["weights" as "loss"] })).toThrow(/unknown noise kind 'weights'/);
    expect(() => expandGrid({ ...full, optimizers: ["rmsprop" as "sgd"] })).toThrow(/unknown optimizer 'rmsprop'/);
    expect(() => expandGrid({ ...full, scales: [-1] })).toThrow(ArgumentError);
    expect(() => expandGrid({ ...full, seeds: [0.5] })).toThrow(/seeds must be integers/);
    expect(() => expandGrid({ ...full, seeds: [] })).toThrow(/at least one value/);
    expect(() => shardOf([], 3, 2)).toThrow(/shard must be i\/n/);
  });
});
