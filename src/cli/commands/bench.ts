/**
 * `tapegrad bench`: the benchmark suite of bench/ (workloads W1–W5 beside TF.js and a hand-written floor, and the
 * micro-benchmarks), with a table, --json, and a regression mode (--save, then --compare).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { CliError, type Command } from "../command.ts";
import { benchFn } from "./bench-fn.ts";

const WORKLOAD_IDS = ["W1", "W2", "W3", "W4", "W5"];
const SYSTEMS = ["tapegrad", "tfjs-cpu", "tfjs-wasm", "floor"] as const;
type SystemName = (typeof SYSTEMS)[number];

function readBase(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(`--compare: cannot read ${file} (${(e as Error).message}); write one with --save ${file}`);
  }
}

export const bench: Command = {
  name: "bench",
  summary: "benchmarks: W1–W5 beside TF.js (CPU, WASM) and hand-written loops, micro-benchmarks, regression checks",
  options: {
    full: { type: "boolean", help: "the long run (bigger time budget per cell); the default is the quick run" },
    only: { type: "list", help: "what to run: W1..W5, micro, a micro family (elementwise, matmul, tape, …) or case id" },
    systems: { type: "list", help: "systems to measure", default: [...SYSTEMS] },
    clock: { type: "string", help: "wall, or cpu: this process's CPU time, for a machine busy with other jobs", default: "wall" },
    save: { type: "string", help: "write the results (JSON) to this file, as a base for --compare" },
    compare: { type: "string", help: "compare tapegrad's figures with a file written by --save" },
    fn: { type: "string", help: "measure your own function instead: a module whose default export is the step" },
  },
  async run(args, io) {
    if (typeof args.values.fn === "string") return benchFn(args.values.fn, args, io);
    const { runSuite, MICRO_CASES } = await import("../../../bench/suite.ts");
    const { formatReport, comparisonLines } = await import("../../../bench/report.ts");
    const { compareResults } = await import("../../../bench/compare.ts");
    const { evaluateGoals } = await import("../../../bench/goals.ts");
    const only = (args.values.only as string[] | undefined) ?? null;
    const known = new Set([...WORKLOAD_IDS, "micro", ...MICRO_CASES.flatMap((c) => [c.id, c.family])]);
    for (const o of only ?? []) {
      if (!known.has(o)) throw new CliError(`--only: unknown '${o}'; choose from ${[...known].join(", ")}`);
    }
    const systems = args.values.systems as string[];
    for (const s of systems) {
      if (!(SYSTEMS as readonly string[]).includes(s)) {
        throw new CliError(`--systems: unknown system '${s}'; choose from ${SYSTEMS.join(", ")}`);
      }
    }
    const clock = args.values.clock;
    if (clock !== "wall" && clock !== "cpu") throw new CliError(`--clock: expected wall or cpu, got '${clock}'`);
    const base = typeof args.values.compare === "string" ? readBase(args.values.compare) : null;
    let bar: ReturnType<typeof io.progress> | null = null;
    const result = await runSuite({
      full: args.values.full === true,
      only,
      systems: systems as SystemName[],
      clock,
      onGroup: (label, index, total) => {
        bar ??= io.progress("bench", total);
        bar.tick(index, label);
      },
    });
    (bar as ReturnType<typeof io.progress> | null)?.done();
    for (const line of formatReport(result)) io.print(line);
    if (typeof args.values.save === "string") {
      writeFileSync(args.values.save, JSON.stringify(result, null, 1) + "\n");
      io.print(`\nsaved to ${args.values.save}`);
    }
    let comparison = null;
    if (base !== null) {
      const b = base as Parameters<typeof compareResults>[0];
      if (b.format !== result.format) throw new CliError(`--compare: ${args.values.compare} is not a tapegrad bench result`);
      comparison = compareResults(b, result);
      io.print("");
      io.print(`Compared with ${args.values.compare} (${b.machine.date.slice(0, 10)}, ${b.mode} run):`);
      for (const line of comparisonLines(comparison)) io.print(line);
    }
    return { ...result, goals: evaluateGoals(result), comparison };
  },
};
