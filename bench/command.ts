/**
 * The body of `tapegrad bench` (src/cli/commands/bench.ts holds its options): runs the suite of this folder, which
 * the npm package does not ship, so the command loads this file only in a clone of the repository.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFileSafely } from "../src/fs/safe-write.ts";
import type { Parsed } from "../src/cli/args.ts";
import { CliError, Relaunched } from "../src/cli/command.ts";
import { SYSTEMS, type SystemName } from "../src/cli/commands/bench.ts";
import type { Io } from "../src/cli/io.ts";
import { compareResults } from "./compare.ts";
import { evaluateGoals } from "./goals.ts";
import { comparisonLines, formatReport } from "./report.ts";
import { MICRO_CASES, runSuite } from "./suite.ts";
import { relaunchArgs, setsYoungGeneration, startedForSuite } from "./young-generation.ts";

const WORKLOAD_IDS = ["W1", "W2", "W3", "W4", "W5"];

function readBase(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(`--compare: cannot read ${file} (${(e as Error).message}); write one with --save ${file}`);
  }
}

export async function runBench(args: Parsed, io: Io): Promise<Record<string, unknown>> {
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
  // The suite runs with V8's young generation fixed (young-generation.ts): a process started for it without that
  // runs the same command again in a child that has it, which reads the base file itself.
  if (startedForSuite() && !setsYoungGeneration()) {
    throw new Relaunched(spawnSync(process.execPath, relaunchArgs(), { stdio: "inherit" }).status ?? 1);
  }
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
    writeFileSafely(args.values.save, JSON.stringify(result, null, 1) + "\n", "results (--save)");
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
}
