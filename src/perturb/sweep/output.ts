/** Writes a sweep's table (JSON and CSV) and its plots (SVG) into a directory, each file whole or untouched. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileSafely } from "../../fs/safe-write.ts";
import type { RunConfig } from "./config.ts";
import type { Grid } from "./grid.ts";
import { accuracyPlot, facPlot } from "./plots.ts";
import { toCsv } from "./records.ts";
import type { CellResult, SweepRow } from "./result.ts";

export interface SweepFiles {
  readonly table: string;
  readonly csv: string;
  readonly accuracyPlot: string;
  readonly facPlot: string;
}

/** What the outputs are made of: a sweep's report, or a merge of shards. */
export interface SweepTable {
  readonly grid: Grid;
  readonly run: RunConfig;
  readonly fingerprint: string;
  readonly results: readonly CellResult[];
  readonly rows: readonly SweepRow[];
}

export function writeSweepOutputs(dir: string, report: SweepTable): SweepFiles {
  mkdirSync(dir, { recursive: true });
  const files: SweepFiles = {
    table: join(dir, "table.json"),
    csv: join(dir, "table.csv"),
    accuracyPlot: join(dir, "accuracy.svg"),
    facPlot: join(dir, "fac.svg"),
  };
  // NOTE: no wall time in table.json, so that a resumed, sharded or merged sweep writes the same bytes.
  const meta = { grid: report.grid, run: report.run, fingerprint: report.fingerprint, runs: report.results.length };
  writeFileSafely(files.table, JSON.stringify({ ...meta, rows: report.rows }, null, 2) + "\n", "table");
  writeFileSafely(files.csv, toCsv(report.rows), "table");
  writeFileSafely(files.accuracyPlot, accuracyPlot(report.rows), "plot");
  writeFileSafely(files.facPlot, facPlot(report.results, report.rows), "plot");
  return files;
}
