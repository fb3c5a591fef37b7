/**
 * runSweep: the seed's experiment over a grid of noise kinds, scales, optimizers and seeds. Each run's result is
 * appended to a JSON-lines file as it finishes, so that `resume` skips the cells already there and `shard` splits
 * the grid across machines (each shard appends its own lines; concatenate them and resume to get the table).
 */
import { availableParallelism } from "node:os";
import { resolveRun, type RunConfig } from "./config.ts";
import { cellKey, checkGrid, DEFAULT_SCALES, expandGrid, OPTIMIZERS, shardOf, SWEEP_KINDS, type Grid } from "./grid.ts";
import { runCells } from "./pool.ts";
import { existsSync, renameSync, statSync } from "node:fs";
import { ArgumentError } from "../../autograd/errors.ts";
import { configFingerprint, describeRun } from "./fingerprint.ts";
import { lockResults } from "./lock.ts";
import { appendResult, readResults, repairResults } from "./records.ts";
import { aggregate, type CellResult, type SweepRow } from "./result.ts";

export interface SweepOptions {
  /** Any axis left out takes its default: every kind, scales 0…3, every optimizer, seeds 0–4. */
  readonly grid?: Partial<Grid>;
  readonly run?: Partial<RunConfig>;
  /** Worker threads (default: the number of cores). */
  readonly workers?: number;
  /** The JSON-lines results file; without it nothing is written. */
  readonly resultsFile?: string;
  /**
   * Keep the results already in `resultsFile` and run only the missing cells (a shard always does). Without it, a
   * results file already there is moved to `<file>.previous` when the first new result arrives.
   */
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
  /** The configuration's fingerprint, carried by every result. */
  readonly fingerprint: string;
  /** Cells run by this call, and cells taken from the results file. */
  readonly ran: number;
  readonly resumed: number;
  /** Bytes of a torn last line cut from the results file before resuming (0 if none). */
  readonly repaired: number;
  /** Where a fresh sweep moved the results file it found (null if there was none). */
  readonly setAside: string | null;
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

/** Results of another configuration in the file: a resume or shard run refuses them rather than mix them in. */
function checkFingerprints(file: string, results: readonly CellResult[], fingerprint: string, run: RunConfig): void {
  const foreign = results.filter((r) => r.fingerprint !== fingerprint);
  if (foreign.length === 0) return;
  const theirs = [...new Set(foreign.map((r) => r.fingerprint ?? "none recorded"))].join(", ");
  throw new ArgumentError(
    `sweep: ${file} holds ${foreign.length} result(s) of another configuration (fingerprint ${theirs}); this sweep ` +
      `(${describeRun(run)}) has fingerprint ${fingerprint}. Resume with the options of the sweep that wrote it, ` +
      `or write to another --out`,
  );
}

/** Puts a fresh sweep's predecessor aside, once the first new result shows that the runs work. */
function setAside(file: string): string | null {
  if (!existsSync(file) || statSync(file).size === 0) return null;
  const previous = `${file}.previous`;
  renameSync(file, previous);
  return previous;
}

export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const start = performance.now();
  const grid = checkGrid({ ...DEFAULT_GRID, ...options.grid });
  const run = resolveRun(options.run);
  const fingerprint = configFingerprint(run);
  const all = expandGrid(grid);
  const cells = options.shard === undefined ? all : shardOf(all, options.shard.index, options.shard.count);
  const file = options.resultsFile;
  const release = file === undefined ? () => undefined : lockResults(file);
  try {
    const wanted = new Set(cells.map(cellKey));
    let previous: CellResult[] = [];
    let repaired = 0;
    const resume = options.resume === true || options.shard !== undefined;
    if (file !== undefined && resume) {
      repaired = repairResults(file);
      const read = readResults(file);
      checkFingerprints(file, read.results, fingerprint, run);
      previous = read.results.filter((r) => wanted.has(cellKey(r)));
    }
    const done = new Set(previous.map(cellKey));
    const todo = cells.filter((c) => !done.has(cellKey(c)));
    const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length));
    let finished = 0;
    let setAsideTo: string | null = null;
    const fresh = await runCells(todo, run, {
      workers,
      onResult: (r) => {
        const stamped = { ...r, fingerprint };
        if (file !== undefined) {
          if (!resume && finished === 0) setAsideTo = setAside(file);
          appendResult(file, stamped);
        }
        finished++;
        options.onResult?.(stamped, finished, todo.length);
      },
    });
    // Cell order, whatever order the runs finished or resumed in: a mean over seeds then sums in one order, so a
    // resumed or merged table is bit-identical to an uninterrupted one.
    const byKey = new Map([...previous, ...fresh.map((r) => ({ ...r, fingerprint }))].map((r) => [cellKey(r), r]));
    const results = cells.map((c) => byKey.get(cellKey(c))).filter((r): r is CellResult => r !== undefined);
    return {
      grid,
      run,
      fingerprint,
      results,
      rows: aggregate(results),
      ran: fresh.length,
      resumed: previous.length,
      repaired,
      setAside: setAsideTo,
      workers,
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    release();
  }
}
