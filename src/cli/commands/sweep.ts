/**
 * `tapegrad sweep`: the seed's experiment. Trains an MLP under every noise kind × scale × optimizer × seed, on
 * worker threads, and prints the final test accuracy (mean ± std over seeds) with the measured fraction of uphill
 * steps, the predicted Φ(−L/s) and the mean |fac|. Writes results.jsonl (one line per run, appended as runs
 * finish), table.json, table.csv, accuracy.svg and fac.svg into --out. A shard (`--shard i/n` or `auto` under
 * Kubernetes or SLURM) writes only its own results.shard-<i>-of-<n>.jsonl; `tapegrad sweep merge` makes the table.
 */
import { join } from "node:path";
import { writeSweepOutputs } from "../../perturb/sweep/output.ts";
import { runSweep } from "../../perturb/sweep/run-sweep.ts";
import { parseShard, shardFileName } from "../../perturb/sweep/shard-env.ts";
import type { Command } from "../command.ts";
import type { Progress } from "../io.ts";
import { checkResultsFile, outputDirectory, sweepConfig, SWEEP_OPTIONS } from "./sweep-config.ts";
import { sweepMerge } from "./sweep-merge.ts";
import { printTable } from "./sweep-table.ts";

export const sweepCommand: Command = {
  name: "sweep",
  subcommands: [sweepMerge],
  options: {
    ...SWEEP_OPTIONS,
    workers: { type: "int", help: "worker threads (default: one per core)", min: 1 },
    out: { type: "string", help: "output directory", default: "sweep-out" },
    resume: { type: "boolean", help: "keep the runs already in <out>/results.jsonl and run only the missing ones" },
    shard: { type: "string", help: "run only shard i/n of the grid, or auto (Kubernetes Indexed Job, SLURM array)" },
    shards: { type: "int", help: "the number of shards, for --shard auto under Kubernetes (the job's completions)", min: 1 },
  },
  async run(args, io) {
    const v = args.values;
    const { grid, run } = sweepConfig(v);
    const out = v.out as string;
    const shard = v.shard === undefined ? undefined : parseShard(v.shard as string, process.env, v.shards as number | undefined);
    outputDirectory(out);
    const resultsFile = join(out, shard === undefined ? "results.jsonl" : shardFileName(shard));
    checkResultsFile(resultsFile);
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
    if (report.repaired > 0) io.print(`cut a torn last line (${report.repaired} bytes) from ${resultsFile} before resuming`);
    if (report.setAside !== null) io.print(`the results found in ${out} were moved to ${report.setAside}`);
    io.print(
      `${report.ran} runs in ${report.seconds.toFixed(1)} s on ${report.workers} thread(s)` +
        (report.resumed > 0 ? `, ${report.resumed} resumed from ${resultsFile}` : "") +
        (shard ? ` (shard ${shard.index}/${shard.count}, written to ${resultsFile}; 'tapegrad sweep merge' makes the table)` : ""),
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
      fingerprint: report.fingerprint,
      shard: shard ?? null,
      files: { results: resultsFile, ...files },
      grid: report.grid,
      run: report.run,
      table: report.rows,
    };
  },
};
