/**
 * The sweep's grid: noise kinds × scales × optimizers × seeds, one training run per cell.
 * NOTE: at scale 0 every kind is the same clean run (no draw changes anything), so scale 0 is one cell of kind
 * "clean" per optimizer and seed, shared by every kind's curve.
 */
import { ArgumentError } from "../../autograd/errors.ts";

/** Where the noise enters: the seed's loss factor, per-sample factors, predictions, targets, or the gradients. */
export type SweepKind = "loss" | "independent" | "prediction" | "target" | "gradient";
export type CellKind = SweepKind | "clean";
export type OptimizerName = "sgd" | "momentum" | "adam";

export const SWEEP_KINDS: readonly SweepKind[] = ["loss", "independent", "prediction", "target", "gradient"];
export const OPTIMIZERS: readonly OptimizerName[] = ["sgd", "momentum", "adam"];
export const DEFAULT_SCALES: readonly number[] = [0, 0.01, 0.03, 0.1, 0.3, 1, 3];

export interface Grid {
  readonly kinds: readonly SweepKind[];
  readonly scales: readonly number[];
  readonly optimizers: readonly OptimizerName[];
  readonly seeds: readonly number[];
}

export interface Cell {
  readonly kind: CellKind;
  readonly scale: number;
  readonly optimizer: OptimizerName;
  readonly seed: number;
}

export function cellKey(c: Cell): string {
  return `${c.kind}|${c.scale}|${c.optimizer}|${c.seed}`;
}

/** Checks the grid's names and numbers. */
export function checkGrid(grid: Grid): Grid {
  for (const k of grid.kinds) {
    if (!SWEEP_KINDS.includes(k)) {
      throw new ArgumentError(`sweep: unknown noise kind '${k}'; use ${SWEEP_KINDS.join(", ")}`);
    }
  }
  for (const o of grid.optimizers) {
    if (!OPTIMIZERS.includes(o)) throw new ArgumentError(`sweep: unknown optimizer '${o}'; use ${OPTIMIZERS.join(", ")}`);
  }
  for (const s of grid.scales) {
    if (!Number.isFinite(s) || s < 0) throw new ArgumentError(`sweep: scales must be finite and ≥ 0, got ${s}`);
  }
  for (const s of grid.seeds) {
    if (!Number.isInteger(s)) throw new ArgumentError(`sweep: seeds must be integers, got ${s}`);
  }
  if ([grid.kinds, grid.scales, grid.optimizers, grid.seeds].some((a) => a.length === 0)) {
    throw new ArgumentError("sweep: every axis of the grid needs at least one value");
  }
  return grid;
}

/** Every cell of the grid, scale 0 collapsed to one "clean" cell per optimizer and seed. */
export function expandGrid(grid: Grid): Cell[] {
  checkGrid(grid);
  const cells: Cell[] = [];
  const seen = new Set<string>();
  for (const optimizer of grid.optimizers) {
    for (const scale of grid.scales) {
      for (const kind of grid.kinds) {
        for (const seed of grid.seeds) {
          const cell: Cell = scale === 0 ? { kind: "clean", scale, optimizer, seed } : { kind, scale, optimizer, seed };
          const key = cellKey(cell);
          if (!seen.has(key)) (seen.add(key), cells.push(cell));
        }
      }
    }
  }
  return cells;
}

/** Shard i of n (1-based): every n-th cell starting at i − 1, so shards are balanced across the grid. */
export function shardOf(cells: readonly Cell[], index: number, count: number): Cell[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new ArgumentError(`sweep: shard must be i/n with 1 ≤ i ≤ n, got ${index}/${count}`);
  }
  return cells.filter((_, k) => k % count === index - 1);
}
