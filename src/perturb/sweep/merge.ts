/**
 * Merging the results of a sweep's shards (or of several resumed runs): every file's results must carry the
 * configuration's fingerprint; a cell written more than once keeps its last result (files in the order given, lines
 * in file order, as a resume does); cells of the grid with no result are reported, not invented.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ArgumentError } from "../../autograd/errors.ts";
import { resolveRun, type RunConfig } from "./config.ts";
import { configFingerprint, describeRun } from "./fingerprint.ts";
import { cellKey, expandGrid, type Cell, type Grid } from "./grid.ts";
import { parseResults } from "./records.ts";
import { aggregate, type CellResult, type SweepRow } from "./result.ts";

export interface Merged {
  readonly run: RunConfig;
  readonly fingerprint: string;
  readonly files: readonly string[];
  /** One result per cell that has one, in cell order. */
  readonly results: readonly CellResult[];
  readonly rows: readonly SweepRow[];
  readonly missing: readonly Cell[];
  /** Results replaced by a later one for the same cell. */
  readonly duplicates: number;
  /** Files whose last line was torn (skipped), and lines that were not results. */
  readonly torn: readonly string[];
  readonly skipped: number;
}

const RESULTS_FILE = /^results(\.shard-\d+-of-\d+)?\.jsonl$/;

/** The results files named by `inputs`: a file as it is, a directory's results*.jsonl in name order. */
export function resultsFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      throw new ArgumentError(`sweep merge: ${input} does not exist`);
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    const found = readdirSync(input).filter((f) => RESULTS_FILE.test(f)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    if (found.length === 0) throw new ArgumentError(`sweep merge: ${input} holds no results.jsonl nor results.shard-*.jsonl`);
    files.push(...found.map((f) => join(input, f)));
  }
  return files;
}

export function mergeResults(inputs: readonly string[], grid: Grid, runGiven: RunConfig): Merged {
  const run = resolveRun(runGiven);
  const fingerprint = configFingerprint(run);
  const files = resultsFiles(inputs);
  const byKey = new Map<string, CellResult>();
  let total = 0;
  let skipped = 0;
  const torn: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new ArgumentError(`sweep merge: cannot read ${file}: ${(e as { code?: string }).code ?? (e as Error).message}`);
    }
    const read = parseResults(text);
    const foreign = read.results.find((r) => r.fingerprint !== fingerprint);
    if (foreign !== undefined) {
      throw new ArgumentError(
        `sweep merge: ${file} holds results of another configuration (fingerprint ${foreign.fingerprint ?? "none recorded"}); ` +
          `the options given (${describeRun(run)}) have fingerprint ${fingerprint}: pass the options the sweep ran with`,
      );
    }
    if (read.torn) torn.push(file);
    skipped += read.skipped;
    total += read.results.length;
    for (const r of read.results) byKey.set(cellKey(r), r);
  }
  const cells = expandGrid(grid);
  const results = cells.map((c) => byKey.get(cellKey(c))).filter((r): r is CellResult => r !== undefined);
  const missing = cells.filter((c) => !byKey.has(cellKey(c)));
  return { run, fingerprint, files, results, rows: aggregate(results), missing, duplicates: total - byKey.size, torn, skipped };
}
