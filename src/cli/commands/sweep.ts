/**
 * `tapegrad sweep`: the seed's experiment. Trains an MLP under every noise kind × scale × optimizer × seed, on
 * worker threads, and prints the final test accuracy (mean ± std over seeds) with the measured fraction of uphill
 * steps, the predicted Φ(−L/s) and the mean |fac|. Writes results.jsonl (one line per run, appended as runs
 * finish), table.json, table.csv, accuracy.svg and fac.svg into --out.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DATASETS } from "../../nn/data/bundled.ts";
import { datasetNames } from "../../nn/data/registry.ts";
import { DEFAULT_RUN } from "../../perturb/sweep/config.ts";
import { DEFAULT_SCALES, OPTIMIZERS, SWEEP_KINDS, type OptimizerName, type SweepKind } from "../../perturb/sweep/grid.ts";
import { writeSweepOutputs } from "../../perturb/sweep/output.ts";
import type { SweepRow } from "../../perturb/sweep/result.ts";
import { runSweep } from "../../perturb/sweep/run-sweep.ts";
import { CliError, type Command } from "../command.ts";
import type { Io, Progress } from "../io.ts";

function parseShard(raw: string | undefined): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || index < 1 || index > count) {
    throw new CliError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/8), got '${raw}'`);
  }
  return { index, count };
}

function pick<T extends string>(option: string, values: readonly string[], known: readonly T[]): T[] {
  for (const v of values) {
    if (!(known as readonly string[]).includes(v)) {
      throw new CliError(`--${option}: unknown value '${v}'; choose from ${known.join(", ")}`);
    }
  }
  return values as T[];
}

const fmt = (v: number | null, digits: number): string => (v === null || !Number.isFinite(v) ? "-" : v.toFixed(digits));

/** |fac| spans many orders of magnitude for per-sample factors: fixed notation up to 1e4, then exponents. */
const fmtFac = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? "-" : v < 1e4 ? v.toFixed(3) : v.toExponential(1);

function printTable(io: Io, rows: readonly SweepRow[]): void {
  const head = ["optimizer", "noise", "scale", "accuracy", "± std", "uphill", "Φ(−L/s)", "mean |fac|", "runs"];
  const widths = [9, 11, 6, 9, 7, 7, 8, 11, 5];
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  io.print(line(head));
  for (const r of rows) {
    io.print(line([
      r.optimizer, r.kind, String(r.scale), `${fmt(100 * r.accuracyMean, 2)}%`, fmt(100 * r.accuracyStd, 2),
      fmt(r.uphillFraction, 3), fmt(r.predictedUphill, 3), fmtFac(r.meanAbsFac),
      r.diverged > 0 ? `${r.runs} (${r.diverged} diverged)` : String(r.runs),
    ]));
  }
}

export const sweepCommand: Command = {
  name: "sweep",
  summary: "the seed's experiment: accuracy under loss/per-sample/prediction/target/gradient noise across scales, optimizers and seeds",
  options: {
    data: { type: "string", help: `data set (${datasetNames(DATASETS).join(", ")})`, default: DEFAULT_RUN.data },
    kinds: { type: "list", help: "noise kinds", default: SWEEP_KINDS },
    scales: { type: "numbers", help: "noise scales s (std of the noise)", default: DEFAULT_SCALES },
    optimizers: { type: "list", help: "optimizers (sgd, momentum, adam)", default: OPTIMIZERS },
    seeds: { type: "int", help: "seeds per grid point (0, 1, …)", default: 5 },
    epochs: { type: "int", help: "epochs per run", default: DEFAULT_RUN.epochs },
    "batch-size": { type: "int", help: "batch size", default: DEFAULT_RUN.batchSize },
    hidden: { type: "numbers", help: "hidden layer widths", default: DEFAULT_RUN.hidden },
    act: { type: "string", help: "activation", default: DEFAULT_RUN.activation },
    "lr-sgd": { type: "number", help: "learning rate of SGD", default: DEFAULT_RUN.lr.sgd },
    "lr-momentum": { type: "number", help: "learning rate of SGD with momentum 0.9", default: DEFAULT_RUN.lr.momentum },
    "lr-adam": { type: "number", help: "learning rate of Adam", default: DEFAULT_RUN.lr.adam },
    "train-limit": { type: "int", help: "train on the first N training samples only" },
    workers: { type: "int", help: "worker threads (default: one per core)" },
    out: { type: "string", help: "output directory", default: "sweep-out" },
    resume: { type: "boolean", help: "keep the runs already in <out>/results.jsonl and run only the missing ones" },
    shard: { type: "string", help: "run only shard i/n of the grid, appending to <out>/results.jsonl" },
  },
  async run(args, io) {
    const v = args.values;
    const data = v.data as string;
    if (!datasetNames(DATASETS).includes(data)) {
      throw new CliError(`--data: unknown data set '${data}'; choose one of: ${datasetNames(DATASETS).join(", ")}`);
    }
    const seeds = v.seeds as number;
    if (seeds < 1) throw new CliError(`--seeds: expected at least 1, got ${seeds}`);
    const out = v.out as string;
    const shard = parseShard(v.shard as string | undefined);
    const grid = {
      kinds: pick<SweepKind>("kinds", v.kinds as string[], SWEEP_KINDS),
      scales: v.scales as number[],
      optimizers: pick<OptimizerName>("optimizers", v.optimizers as string[], OPTIMIZERS),
      seeds: Array.from({ length: seeds }, (_, i) => i),
    };
    const run = {
      data,
      epochs: v.epochs as number,
      batchSize: v["batch-size"] as number,
      hidden: v.hidden as number[],
      activation: v.act as string,
      lr: { sgd: v["lr-sgd"] as number, momentum: v["lr-momentum"] as number, adam: v["lr-adam"] as number },
      ...(v["train-limit"] === undefined ? {} : { trainLimit: v["train-limit"] as number }),
    };
    const resultsFile = join(out, "results.jsonl");
    mkdirSync(out, { recursive: true });
    const bar: { progress: Progress | null } = { progress: null };
    const report = await runSweep({
      grid,
      run,
      workers: v.workers as number | undefined,
      resultsFile,
      resume: v.resume === true,
      shard,
      onResult: (r, done, total) => {
        bar.progress ??= io.progress("sweep", total);
        bar.progress.tick(done, `${r.optimizer} ${r.kind} ${r.scale}`);
      },
    });
    bar.progress?.done();
    io.print(
      `${report.ran} runs in ${report.seconds.toFixed(1)} s on ${report.workers} thread(s)` +
        (report.resumed > 0 ? `, ${report.resumed} resumed from ${resultsFile}` : "") +
        (shard ? ` (shard ${shard.index}/${shard.count}, appended to ${resultsFile})` : ""),
    );
    io.print("");
    printTable(io, report.rows);
    const files = shard === undefined ? writeSweepOutputs(out, report) : null;
    if (files !== null) {
      io.print("");
      io.print(`wrote ${resultsFile}, ${files.table}, ${files.csv}, ${files.accuracyPlot}, ${files.facPlot}`);
    }
    return {
      ran: report.ran,
      resumed: report.resumed,
      seconds: report.seconds,
      workers: report.workers,
      files: { results: resultsFile, ...files },
      grid: report.grid,
      run: report.run,
      table: report.rows,
    };
  },
};
