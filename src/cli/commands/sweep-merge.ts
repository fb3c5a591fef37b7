/**
 * `tapegrad sweep merge <dirs or files…>`: the table of a sweep run in shards. Takes the sweep's options (the same
 * grid and training flags), checks every result's fingerprint against them, keeps the last result per cell, lists
 * the cells no shard ran, and writes table.json, table.csv and the plots into --out.
 */
import { UsageError } from "../args.ts";
import { CliError, type Command } from "../command.ts";
import { mergeResults } from "../../perturb/sweep/merge.ts";
import { writeSweepOutputs } from "../../perturb/sweep/output.ts";
import { outputDirectory, sweepConfig, SWEEP_OPTIONS } from "./sweep-config.ts";
import { printTable } from "./sweep-table.ts";

export const sweepMerge: Command = {
  name: "merge",
  summary: "merge shards' results (checked fingerprints, last result per cell) into one table",
  positionals: "<dirs or files…> ",
  options: {
    ...SWEEP_OPTIONS,
    out: { type: "string", help: "output directory of the merged table", default: "sweep-out" },
    partial: { type: "boolean", help: "write the table even when cells are missing (they are listed)" },
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError("name the shards' directories or results files to merge");
    const { grid, run } = sweepConfig(args.values);
    const out = args.values.out as string;
    const merged = mergeResults(args.positionals, grid, run);
    io.print(`${merged.results.length} runs from ${merged.files.length} file(s)` +
      (merged.duplicates > 0 ? `, ${merged.duplicates} duplicate(s) dropped (last kept)` : "") +
      (merged.torn.length > 0 ? `, a torn last line skipped in ${merged.torn.join(", ")}` : "") +
      (merged.skipped > 0 ? `, ${merged.skipped} line(s) that are not results skipped` : ""));
    if (merged.missing.length > 0) {
      const list = merged.missing.slice(0, 10).map((c) => `${c.optimizer} ${c.kind} ${c.scale} seed ${c.seed}`).join("; ");
      const more = merged.missing.length > 10 ? `; … ${merged.missing.length - 10} more` : "";
      io.print(`${merged.missing.length} cell(s) have no result: ${list}${more}`);
      if (args.values.partial !== true) {
        throw new CliError(`${merged.missing.length} cell(s) missing: rerun their shards (or pass --partial for the table of the rest)`);
      }
    }
    io.print("");
    printTable(io, merged.rows);
    outputDirectory(out);
    const files = writeSweepOutputs(out, { grid, ...merged });
    io.print("");
    io.print(`wrote ${files.table}, ${files.csv}, ${files.accuracyPlot}, ${files.facPlot}`);
    return {
      files: merged.files, fingerprint: merged.fingerprint, runs: merged.results.length, duplicates: merged.duplicates,
      missing: merged.missing, written: files, table: merged.rows,
    };
  },
};
