/**
 * Reading a sweep result for the report. Accepted: the sweep's JSON lines of runs (one CellResult per line, as
 * `tapegrad sweep` appends them), or a JSON document holding its table (`{ "rows": [...] }`, `{ "table": [...] }`,
 * or the array itself) of rows or of runs. Runs are aggregated over seeds here, and kept for the plots that need
 * them.
 */
import { readFileSync } from "node:fs";
import { fsReason } from "../fs/safe-write.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { cellKey, OPTIMIZERS, SWEEP_KINDS } from "../perturb/sweep/grid.ts";
import { isResult } from "../perturb/sweep/records.ts";
import { aggregate, type CellResult, type SweepRow } from "../perturb/sweep/result.ts";
import type { SweepSection } from "./report.ts";

const KINDS: readonly string[] = ["clean", ...SWEEP_KINDS];

/** kind, optimizer and scale, as every row and run has them. */
function isCell(x: unknown): x is { kind: string; optimizer: string; scale: number } {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Record<string, unknown>;
  return KINDS.includes(c.kind as string) && (OPTIMIZERS as readonly unknown[]).includes(c.optimizer) &&
    typeof c.scale === "number";
}

const finite = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v);
const finiteOrNull = (v: unknown): boolean => v === null || finite(v);

/** A table row, every field the plots read a number of the right kind (a string there would reach the SVG). */
const isRow = (x: unknown): x is SweepRow => {
  if (!isCell(x)) return false;
  const r = x as unknown as Record<string, unknown>;
  return finite(r.accuracyMean) && finite(r.accuracyStd) && Number.isInteger(r.runs) &&
    finiteOrNull(r.uphillFraction) && finiteOrNull(r.predictedUphill) && finiteOrNull(r.meanAbsFac);
};

const isRun = (x: unknown): x is CellResult => isCell(x) && isResult(x) && finite((x as CellResult).testAccuracy) &&
  (x as CellResult).facByEpoch.every(finite) && finiteOrNull((x as CellResult).meanAbsFac);

/**
 * The sweep in `items`: table rows as they are, or runs (the last per cell kept, as a resumed sweep keeps it, then
 * aggregated into rows); null if neither.
 */
export function sweepSection(items: readonly unknown[]): SweepSection | null {
  if (items.length === 0) return null;
  if (items.every(isRow)) return { rows: [...items] };
  if (items.every(isRun)) {
    const last = [...new Map(items.map((r) => [cellKey(r), r])).values()];
    return { rows: aggregate(last), results: last };
  }
  return null;
}

function parseContent(text: string): unknown[] | null {
  try {
    const doc: unknown = JSON.parse(text);
    if (Array.isArray(doc)) return doc;
    if (isRun(doc)) return [doc]; // a results.jsonl of one run
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
    throw new ArgumentError(`--sweep: cannot read the sweep result ${file}: ${fsReason(e, false)}`);
  }
  const items = parseContent(text);
  const section = items === null ? null : sweepSection(items);
  if (section === null) {
    throw new ArgumentError(
      `${file} is not a sweep result: expected the JSON lines written by 'tapegrad sweep' (one run per line) or a ` +
        `JSON table of rows with kind, scale, optimizer and accuracyMean`,
    );
  }
  const runs = section.rows.reduce((s, r) => s + r.runs, 0);
  return { ...section, description: `${runs} runs from ${file}` };
}
