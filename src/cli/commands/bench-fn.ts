/** `tapegrad bench --fn <module>`: the suite's measuring loop and statistics on the module's default export. */
import { benchmark } from "../../profile/benchmark.ts";
import { seconds, percent } from "../../profile/format.ts";
import { FULL, QUICK } from "../../profile/harness.ts";
import { CLOCK_NAMES, clockOf, type ClockName } from "../clock.ts";
import { CliError } from "../command.ts";
import type { Parsed } from "../args.ts";
import type { Io } from "../io.ts";
import { loadStep, measuring } from "../load-module.ts";

/** Options of the suite that mean nothing for one function. */
const SUITE_ONLY = ["only", "save", "compare"] as const;

export async function benchFn(file: string, args: Parsed, io: Io): Promise<Record<string, unknown>> {
  for (const o of SUITE_ONLY) {
    if (args.values[o] !== undefined) throw new CliError(`--${o} applies to the suite, not to --fn; drop one of them`);
  }
  const clock = args.values.clock as ClockName;
  if (!CLOCK_NAMES.includes(clock)) throw new CliError(`--clock: expected ${CLOCK_NAMES.join(" or ")}, got '${clock}'`);
  const full = args.values.full === true;
  const b = full ? FULL : QUICK;
  const step = await loadStep(file, "bench --fn");
  const options = { warmupMs: b.warmupMs, budgetMs: b.cellMs, sampleMs: b.sampleMs, minSamples: b.minSamples, maxSamples: b.maxSamples, clock: clockOf(clock) };
  const m = await measuring(file, () => benchmark(step, options));
  io.print(
    `tapegrad bench --fn ${file} (${full ? "full" : "quick"} run, ${clock} clock): ${seconds(m.median)} per call ` +
      `(median of ${m.samples} samples), p10–p90 ${seconds(m.p10)}–${seconds(m.p90)}, mean ${seconds(m.mean)} ±${percent(m.rme)}`,
  );
  if (m.note !== null) io.print(`note: ${m.note}`);
  return { module: file, mode: full ? "full" : "quick", clock, measurement: m };
}
