/**
 * Reading a sweep result for the report. Accepted: the sweep's JSON lines of runs (one CellResult per line, as
 * `tapegrad sweep` appends them), or a JSON document holding its table (`{ "rows": [...] }`, `{ "table": [...] }`,
 * or the array itself) of rows or of runs. Runs are aggregated over seeds here.
 */
import { readFileSync } from "node:fs";
import { ArgumentError } from "../autograd/errors.ts";
import { aggregate, type CellResult } from "../perturb/sweep/result.ts";
import type { SweepSection, SweepTableRow } from "./report.ts";

const isRow = (x: unknown): x is SweepTableRow =>
  typeof x === "object" && x !== null && typeof (x as SweepTableRow).accuracyMean === "number" &&
  typeof (x as SweepTableRow).scale === "number" && typeof (x as SweepTableRow).kind === "string";

const isRun = (x: unknown): x is CellResult =>
  typeof x === "object" && x !== null && typeof (x as CellResult).testAccuracy === "number" &&
  typeof (x as CellResult).scale === "number" && typeof (x as CellResult).kind === "string";

/** The rows in `items` (table rows as they are; runs aggregated), or null if they are neither. */
export function sweepRows(items: readonly unknown[]): SweepTableRow[] | null {
  if (items.length === 0) return null;
  if (items.every(isRow)) return [...items];
  if (items.every(isRun)) return aggregate(items);
  return null;
}

function parseContent(text: string): unknown[] | null {
  try {
    const doc: unknown = JSON.parse(text);
    if (Array.isArray(doc)) return doc;
    if (typeof doc === "object" && doc !== null) {
      for (const key of ["rows", "table", "results"]) {
        const v = (doc as Record<string, unknown>)[key];
        if (Array.isArray(v)) return v;
      }
    }
    return null;
  } catch {
    // JSON lines; a run killed mid-write may leave a broken last line, which is skipped.
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const parsed: unknown[] = [];
    lines.forEach((line, i) => {
      try {
        parsed.push(JSON.parse(line));
      } catch {
        if (i !== lines.length - 1) parsed.push(null);
      }
    });
    return parsed;
  }
}

/** The sweep in `file`, ready for the report; an unreadable or foreign file is an ArgumentError naming it. */
export function readSweep(file: string): SweepSection {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "it does not exist" : e instanceof Error ? e.message : String(e);
    throw new ArgumentError(`cannot read the sweep result ${file}: ${why}`);
  }
  const items = parseContent(text);
  const rows = items === null ? null : sweepRows(items);
  if (rows === null) {
    throw new ArgumentError(
      `${file} is not a sweep result: expected the JSON lines written by 'tapegrad sweep' (one run per line) or a ` +
        `JSON table of rows with kind, scale, optimizer and accuracyMean`,
    );
  }
  const runs = rows.reduce((s, r) => s + r.runs, 0);
  return { rows, description: `${runs} runs from ${file}` };
}
