/** Writes a sweep's table (JSON and CSV) and its plots (SVG) into a directory. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { accuracyPlot, facPlot } from "./plots.ts";
import { toCsv } from "./records.ts";
import type { SweepReport } from "./run-sweep.ts";

export interface SweepFiles {
  readonly table: string;
  readonly csv: string;
  readonly accuracyPlot: string;
  readonly facPlot: string;
}

export function writeSweepOutputs(dir: string, report: SweepReport): SweepFiles {
  mkdirSync(dir, { recursive: true });
  const files: SweepFiles = {
    table: join(dir, "table.json"),
    csv: join(dir, "table.csv"),
    accuracyPlot: join(dir, "accuracy.svg"),
    facPlot: join(dir, "fac.svg"),
  };
  const meta = { grid: report.grid, run: report.run, runs: report.results.length, seconds: report.seconds };
  writeFileSync(files.table, JSON.stringify({ ...meta, rows: report.rows }, null, 2) + "\n");
  writeFileSync(files.csv, toCsv(report.rows));
  writeFileSync(files.accuracyPlot, accuracyPlot(report.rows));
  writeFileSync(files.facPlot, facPlot(report.results, report.rows));
  return files;
}
