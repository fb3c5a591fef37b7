/**
 * runSweep: the seed's experiment over a grid of noise kinds, scales, optimizers and seeds. Each run's result is
 * appended to a JSON-lines file as it finishes, so that `resume` skips the cells already there and `shard` splits
 * the grid across machines (each shard appends its own lines; concatenate them and resume to get the table).
 */
import { availableParallelism } from "node:os";
import { checkRunConfig, DEFAULT_RUN, type RunConfig } from "./config.ts";
import { cellKey, checkGrid, DEFAULT_SCALES, expandGrid, OPTIMIZERS, shardOf, SWEEP_KINDS, type Grid } from "./grid.ts";
import { runCells } from "./pool.ts";
import { appendResult, readResults, resetResults } from "./records.ts";
import { aggregate, type CellResult, type SweepRow } from "./result.ts";

export interface SweepOptions {
  /** Any axis left out takes its default: every kind, scales 0…3, every optimizer, seeds 0–4. */
  readonly grid?: Partial<Grid>;
  readonly run?: Partial<RunConfig>;
  /** Worker threads (default: the number of cores). */
  readonly workers?: number;
  /** The JSON-lines results file; without it nothing is written. */
  readonly resultsFile?: string;
  /** Keep the results already in `resultsFile` and run only the missing cells. */
  readonly resume?: boolean;
  /** Run only shard `index` of `count` (1-based), appending to `resultsFile`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Called as each run finishes, with the number done and to do in this call. */
  readonly onResult?: (result: CellResult, done: number, total: number) => void;
}

export interface SweepReport {
  readonly grid: Grid;
  readonly run: RunConfig;
  /** One result per cell of the grid (or shard): resumed ones first, then the new ones in cell order. */
  readonly results: readonly CellResult[];
  readonly rows: readonly SweepRow[];
  /** Cells run by this call, and cells taken from the results file. */
  readonly ran: number;
  readonly resumed: number;
  readonly workers: number;
  readonly seconds: number;
}

export const DEFAULT_GRID: Grid = { kinds: SWEEP_KINDS, scales: DEFAULT_SCALES, optimizers: OPTIMIZERS, seeds: [0, 1, 2, 3, 4] };

/**
 * A reduced grid for demonstrations (about 10 s on two cores): the seed's loss noise beside per-sample and gradient
 * noise, at scales 0, 0.3 and 3, with SGD and Adam, two seeds each.
 */
export const QUICK_SWEEP: SweepOptions = {
  grid: { kinds: ["loss", "independent", "gradient"], scales: [0, 0.3, 3], optimizers: ["sgd", "adam"], seeds: [0, 1] },
  run: { epochs: 6 },
};

export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const start = performance.now();
  const grid = checkGrid({ ...DEFAULT_GRID, ...options.grid });
  const run = checkRunConfig({ ...DEFAULT_RUN, ...options.run, lr: { ...DEFAULT_RUN.lr, ...options.run?.lr } });
  let cells = expandGrid(grid);
  if (options.shard !== undefined) cells = shardOf(cells, options.shard.index, options.shard.count);
  const file = options.resultsFile;
  const wanted = new Set(cells.map(cellKey));
  let previous: CellResult[] = [];
  if (file !== undefined) {
    if (options.resume === true) previous = readResults(file).results.filter((r) => wanted.has(cellKey(r)));
    else if (options.shard === undefined) resetResults(file);
  }
  const done = new Set(previous.map(cellKey));
  const todo = cells.filter((c) => !done.has(cellKey(c)));
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length));
  let finished = 0;
  const fresh = await runCells(todo, run, {
    workers,
    onResult: (r) => {
      if (file !== undefined) appendResult(file, r);
      options.onResult?.(r, ++finished, todo.length);
    },
  });
  const results = [...previous, ...fresh];
  return {
    grid,
    run,
    results,
    rows: aggregate(results),
    ran: fresh.length,
    resumed: previous.length,
    workers,
    seconds: (performance.now() - start) / 1000,
  };
}
