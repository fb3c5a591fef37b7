/**
 * The sweep's results on disk: one JSON object per line (JSON lines), appended as each run finishes, so that an
 * interrupted sweep resumes where it stopped. A run killed mid-write (kill -9, power loss, a full disk) leaves at
 * most a torn last line without its newline: reading skips it, and `repairResults` cuts it off before anything is
 * appended, so the next result starts on a line of its own.
 */
import { appendFileSync, existsSync, openSync, closeSync, readFileSync, ftruncateSync, fstatSync, readSync, writeSync } from "node:fs";
import { ArgumentError } from "../../autograd/errors.ts";
import { cellKey } from "./grid.ts";
import type { CellResult } from "./result.ts";

export interface ReadResults {
  readonly results: CellResult[];
  /** Lines that did not parse as a result. */
  readonly skipped: number;
  /** The last line lacks its newline and does not parse: a run was killed while writing it. */
  readonly torn: boolean;
}

/** A run as the sweep writes it: cell, accuracy, and the per-epoch arrays the plots read. */
export function isResult(x: unknown): x is CellResult {
  if (typeof x !== "object" || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.kind === "string" && typeof r.scale === "number" && typeof r.optimizer === "string" &&
    typeof r.seed === "number" && typeof r.testAccuracy === "number" && Array.isArray(r.facByEpoch) &&
    Array.isArray(r.lossByEpoch);
}

/** The results in `text` in file order, every cell written twice kept at its last. */
export function parseResults(text: string): ReadResults {
  const byKey = new Map<string, CellResult>();
  let skipped = 0;
  const lines = text.split("\n");
  const torn = !text.endsWith("\n") && lines[lines.length - 1].trim() !== "";
  let tornBad = false;
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      r = null;
    }
    if (!isResult(r)) {
      if (i === lines.length - 1 && torn) tornBad = true;
      else skipped++;
      return;
    }
    byKey.set(cellKey(r), r);
  });
  return { results: [...byKey.values()], skipped, torn: tornBad };
}

/** The results in `file` (none if it does not exist); the last result wins for a cell written twice. */
export function readResults(file: string): ReadResults {
  if (!existsSync(file)) return { results: [], skipped: 0, torn: false };
  return parseResults(readFileSync(file, "utf8"));
}

/**
 * Makes `file` end at a line boundary before results are appended: a torn last line is cut off (returns its
 * length in bytes); a complete last line that lacks only its newline gets one.
 */
export function repairResults(file: string): number {
  if (!existsSync(file)) return 0;
  const fd = openSync(file, "r+");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return 0;
    const buf = Buffer.alloc(Math.min(size, 1 << 20));
    readSync(fd, buf, 0, buf.length, size - buf.length);
    if (buf[buf.length - 1] === 0x0a) return 0;
    const cut = buf.lastIndexOf(0x0a);
    if (cut < 0 && size > buf.length) throw new ArgumentError(`sweep: ${file} ends in a line longer than 1 MB: not a results file`);
    const tail = buf.subarray(cut + 1).toString("utf8");
    let complete = false;
    try {
      complete = isResult(JSON.parse(tail));
    } catch {
      complete = false;
    }
    if (complete) {
      writeSync(fd, "\n", size);
      return 0;
    }
    ftruncateSync(fd, size - (buf.length - cut - 1));
    return buf.length - cut - 1;
  } finally {
    closeSync(fd);
  }
}

export function appendResult(file: string, result: CellResult): void {
  appendFileSync(file, JSON.stringify(result) + "\n");
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
