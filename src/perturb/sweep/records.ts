/**
 * The sweep's results on disk: one JSON object per line (JSON lines), appended as each run finishes, so that an
 * interrupted sweep resumes where it stopped and shards written on many machines concatenate into one file.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { cellKey } from "./grid.ts";
import type { CellResult } from "./result.ts";

export interface ReadResults {
  readonly results: CellResult[];
  /** Lines that did not parse (a run killed mid-write leaves at most one, the last). */
  readonly skipped: number;
}

/** The results in `file` (none if it does not exist); the last result wins for a cell written twice. */
export function readResults(file: string): ReadResults {
  if (!existsSync(file)) return { results: [], skipped: 0 };
  const byKey = new Map<string, CellResult>();
  let skipped = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      const r = JSON.parse(line) as CellResult;
      if (typeof r.kind !== "string" || typeof r.testAccuracy !== "number") throw new Error("not a result");
      byKey.set(cellKey(r), r);
    } catch {
      skipped++;
    }
  }
  return { results: [...byKey.values()], skipped };
}

export function appendResult(file: string, result: CellResult): void {
  appendFileSync(file, JSON.stringify(result) + "\n");
}

/** Starts an empty results file (a fresh sweep). */
export function resetResults(file: string): void {
  writeFileSync(file, "");
}

const CSV_COLUMNS = [
  "kind", "scale", "optimizer", "runs", "accuracyMean", "accuracyStd", "uphillFraction", "predictedUphill",
  "meanAbsFac", "diverged",
] as const;

/** Rows of plain objects as CSV with a header; null and non-finite numbers are empty cells. */
export function toCsv(rows: readonly Readonly<Record<(typeof CSV_COLUMNS)[number], unknown>>[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return "";
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}
