/**
 * `benchmark(fn)`: the bench suite's measuring loop (harness.ts) and statistics (stats.ts) pointed at a user's
 * function. The figures come back in seconds per call.
 */
import { ArgumentError } from "../autograd/errors.ts";
import { measure, type Budget, type Clock, type Subject } from "./harness.ts";
import type { Summary } from "./stats.ts";

export interface BenchmarkOptions {
  /** Untimed calls before measuring, so the JIT has compiled the function's hot code (default 200). */
  readonly warmupMs?: number;
  /** Time to spend in timed samples (default 1000). */
  readonly budgetMs?: number;
  /** Samples to take even past the budget (default 5), and never more than `maxSamples` (default 1000). */
  readonly minSamples?: number;
  readonly maxSamples?: number;
  /** How long one sample (a timed batch of calls) lasts (default 15). */
  readonly sampleMs?: number;
  /** Milliseconds from any origin; `performance.now()` by default. The CLI offers a process CPU clock. */
  readonly clock?: Clock;
}

/** Seconds per call: the statistics of the samples, each the mean time of one call over a timed batch. */
export type Measurement = Summary;

/** What a noisy measurement's note tells the reader to do. */
export const BENCHMARK_REMEDY = "raise budgetMs, or run on a quieter machine or with a CPU clock";

const DEFAULTS = { warmupMs: 200, budgetMs: 1000, minSamples: 5, maxSamples: 1000, sampleMs: 15 } as const;

/** The harness's budget for these options, each checked. */
export function budgetOf(op: string, options: BenchmarkOptions): Budget {
  const o = { ...DEFAULTS, ...options };
  const positive = (name: string, v: number, integer: boolean) => {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      throw new ArgumentError(`${op}: ${name} must be a positive ${integer ? "integer" : "number"}, got ${String(v)}`);
    }
  };
  positive("warmupMs", o.warmupMs, false);
  positive("budgetMs", o.budgetMs, false);
  positive("sampleMs", o.sampleMs, false);
  positive("minSamples", o.minSamples, true);
  positive("maxSamples", o.maxSamples, true);
  if (o.maxSamples < o.minSamples) {
    throw new ArgumentError(`${op}: maxSamples (${o.maxSamples}) is below minSamples (${o.minSamples}); raise maxSamples`);
  }
  return { warmupMs: o.warmupMs, sampleMs: o.sampleMs, cellMs: o.budgetMs, minSamples: o.minSamples, maxSamples: o.maxSamples };
}

/** A harness subject that calls `fn`; a function that is not one, or returns a promise, is refused by name. */
export function subjectOf(op: string, key: string, fn: unknown): Subject {
  if (typeof fn !== "function") throw new ArgumentError(`${op}: '${key}' must be a function, got ${typeof fn}`);
  const f = fn as () => unknown;
  const first = f();
  if (first instanceof Promise || (typeof first === "object" && first !== null && "then" in first)) {
    throw new ArgumentError(
      `${op}: '${key}' returned a promise; the harness times synchronous calls, so pass a function that does the ` +
        `work before returning (await its inputs first)`,
    );
  }
  return {
    key,
    run(count) {
      for (let i = 0; i < count; i++) f();
    },
  };
}

/** Milliseconds to seconds, statistic by statistic (rme and the note are relative and stay as they are). */
export function inSeconds(s: Summary): Measurement {
  const k = 1e-3;
  return { ...s, median: s.median * k, p10: s.p10 * k, p90: s.p90 * k, mean: s.mean * k, sd: s.sd * k };
}

/** Measures `fn` (called with no arguments) as the bench suite measures a workload. */
export async function benchmark(fn: () => unknown, options: BenchmarkOptions = {}): Promise<Measurement> {
  const budget = budgetOf("benchmark", options);
  const stats = await measure([subjectOf("benchmark", "fn", fn)], budget, { clock: options.clock, remedy: BENCHMARK_REMEDY });
  return inSeconds(stats.get("fn") as Summary);
}
