/**
 * Runs the sweep's cells on worker threads, one run at a time per worker, handing out the next cell as each
 * finishes (so a slow run does not hold the others back). With one worker, the cells run in this thread.
 *
 * A worker runs worker.js beside this file when tapegrad is built; from the sources (a clone, or the tests) it
 * starts with a one-line script that registers tsx's loader and then imports `worker.ts`.
 * (`execArgv: ["--import", "tsx"]` does not reach a worker's entry module on Node 20.)
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { TapegradError } from "../../autograd/errors.ts";
import type { RunConfig } from "./config.ts";
import type { Cell } from "./grid.ts";
import type { CellResult } from "./result.ts";
import { runCell } from "./run-cell.ts";

export interface PoolOptions {
  /** Threads to use (default: the number of cores). 1 runs in this thread. */
  readonly workers?: number;
  /** Called as each run finishes, in completion order. */
  readonly onResult?: (result: CellResult) => void;
}

/** What a worker sends back for one cell. */
export type WorkerReply = { readonly ok: true; readonly result: CellResult } | {
  readonly ok: false;
  readonly name: string;
  readonly message: string;
};

export class SweepWorkerError extends TapegradError {
  override name = "SweepWorkerError";
}

function startWorker(): Worker {
  if (import.meta.url.endsWith(".js")) return new Worker(new URL("./worker.js", import.meta.url));
  const api = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true });
}

/** Runs every cell and returns the results in the cells' order. */
export async function runCells(
  cells: readonly Cell[],
  config: RunConfig,
  options: PoolOptions = {},
): Promise<CellResult[]> {
  const results: CellResult[] = new Array(cells.length);
  const threads = Math.min(options.workers ?? availableParallelism(), cells.length);
  if (threads <= 1) {
    for (let i = 0; i < cells.length; i++) {
      results[i] = runCell(cells[i], config);
      options.onResult?.(results[i]);
      await new Promise((resolve) => setImmediate(resolve)); // let the caller's I/O (progress) through
    }
    return results;
  }
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: threads }, () => {
        const worker = startWorker();
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let current = -1;
          const feed = (): void => {
            if (next >= cells.length) return resolve();
            current = next++;
            worker.postMessage({ cell: cells[current], config });
          };
          worker.on("message", (reply: WorkerReply) => {
            if (!reply.ok) {
              const c = cells[current];
              return reject(new SweepWorkerError(
                `sweep: the run ${c.kind} scale ${c.scale} ${c.optimizer} seed ${c.seed} failed: ${reply.name}: ${reply.message}`,
              ));
            }
            results[current] = reply.result;
            options.onResult?.(reply.result);
            feed();
          });
          worker.on("error", reject);
          worker.on("exit", (code) => {
            if (code !== 0) reject(new SweepWorkerError(`sweep: a worker thread exited with code ${code}`));
          });
          feed();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
