/**
 * Reading a sweep result for the report. Accepted: the sweep's JSON lines of runs (one CellResult per line, as
 * `tapegrad sweep` appends them), or a JSON document holding its table (`{ "rows": [...] }`, `{ "table": [...] }`,
 * or the array itself) of rows or of runs. Runs are aggregated over seeds here, and kept for the plots that need
 * them.
 */
import { readFileSync } from "node:fs";
import { ArgumentError } from "../autograd/errors.ts";
import { OPTIMIZERS, SWEEP_KINDS } from "../perturb/sweep/grid.ts";
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

const isRow = (x: unknown): x is SweepRow => isCell(x) && typeof (x as SweepRow).accuracyMean === "number";
const isRun = (x: unknown): x is CellResult =>
  isCell(x) && typeof (x as CellResult).testAccuracy === "number" && Array.isArray((x as CellResult).facByEpoch);

/** The sweep in `items`: table rows as they are, or runs (kept, and aggregated into rows); null if neither. */
export function sweepSection(items: readonly unknown[]): SweepSection | null {
  if (items.length === 0) return null;
  if (items.every(isRow)) return { rows: [...items] };
  if (items.every(isRun)) return { rows: aggregate(items), results: [...items] };
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
