/**
 * `compare({ a, b, … })`: the functions' calls interleaved in one loop (harness.ts's `measureInterleaved`), so
 * each sample of every function covers the same stretch of time; for each pair, the median over samples of the
 * paired ratio time(b)/time(a), with a seeded bootstrap 95% interval of that median, and a verdict.
 */
import { ArgumentError } from "../autograd/errors.ts";
import { BENCHMARK_REMEDY, budgetOf, inSeconds, subjectOf, type BenchmarkOptions, type Measurement } from "./benchmark.ts";
import { bootstrapMedian } from "./bootstrap.ts";
import { fmt, percent, seconds, table } from "./format.ts";
import { measureInterleaved } from "./harness.ts";
import { quantile, summarize } from "./stats.ts";

export interface CompareOptions extends BenchmarkOptions {
  /** Seed of the bootstrap resampling (default 0): the same samples give the same interval. */
  readonly seed?: number;
  /** Bootstrap resamples (default 2000). */
  readonly resamples?: number;
  /**
   * Ratios within 1 ± minEffect count as no difference even when the interval excludes 1 (default 0.01): below
   * a percent, a paired difference on a shared machine says more about code placement than about the code.
   */
  readonly minEffect?: number;
}

export interface PairComparison {
  readonly a: string;
  readonly b: string;
  /** Median over samples of time(b) / time(a). */
  readonly ratio: number;
  /** The bootstrap 95% interval of that median. */
  readonly low: number;
  readonly high: number;
  /** Whether the interval excludes every ratio within 1 ± minEffect. */
  readonly different: boolean;
  /** "b is 1.93× a, [1.88, 2.01]" or "no difference within noise (…)". */
  readonly verdict: string;
}

export interface Comparison {
  /** Seconds per call of each function, from the interleaved loop. */
  readonly measurements: Readonly<Record<string, Measurement>>;
  /** Every pair, in the order the functions were given: (first, second), (first, third), …, (second, third), … */
  readonly pairs: readonly PairComparison[];
  /** The measurements and verdicts as a plain-text table. */
  table(): string;
}

/** The verdict on a paired ratio b/a and its interval. */
export function verdictOf(a: string, b: string, ratio: number, low: number, high: number, minEffect: number): PairComparison {
  const interval = `[${fmt(low)}, ${fmt(high)}]`;
  const different = low > 1 + minEffect || high < 1 / (1 + minEffect);
  const verdict = different ? `${b} is ${fmt(ratio)}× ${a}, ${interval}` : `no difference within noise (${b}/${a} ${fmt(ratio)}×, ${interval})`;
  return { a, b, ratio, low, high, different, verdict };
}

function render(measurements: Readonly<Record<string, Measurement>>, pairs: readonly PairComparison[]): string {
  const rows = [["", "median", "p10–p90", "±rme", ""]];
  for (const [name, m] of Object.entries(measurements)) {
    rows.push([name, seconds(m.median), `${seconds(m.p10)}–${seconds(m.p90)}`, percent(m.rme), m.note === null ? "" : "*"]);
  }
  const notes = Object.entries(measurements).flatMap(([name, m]) => (m.note === null ? [] : [`* ${name}: ${m.note}`]));
  return [...table(rows, "lrrrl"), ...pairs.map((p) => p.verdict), ...notes].join("\n");
}

/** Measures the functions interleaved and compares every pair by their paired time ratio. */
export async function compare(fns: Readonly<Record<string, () => unknown>>, options: CompareOptions = {}): Promise<Comparison> {
  const names = Object.keys(fns);
  if (names.length < 2) {
    throw new ArgumentError(`compare: needs at least two functions by name ({ a: fnA, b: fnB }), got ${names.length}`);
  }
  const minEffect = options.minEffect ?? 0.01;
  if (!(minEffect >= 0)) throw new ArgumentError(`compare: minEffect must be a number ≥ 0, got ${String(minEffect)}`);
  const budget = budgetOf("compare", options);
  const subjects = names.map((name) => subjectOf("compare", name, fns[name]));
  const times = await measureInterleaved(subjects, budget, { clock: options.clock });
  const measurements: Record<string, Measurement> = {};
  names.forEach((name, k) => (measurements[name] = inSeconds(summarize(times[k], BENCHMARK_REMEDY))));
  const pairs: PairComparison[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const ratios = times[j].map((t, s) => t / times[i][s]);
      const [low, high] = bootstrapMedian(ratios, { seed: options.seed, resamples: options.resamples });
      const ratio = quantile([...ratios].sort((x, y) => x - y), 0.5);
      pairs.push(verdictOf(names[i], names[j], ratio, low, high, minEffect));
    }
  }
  return { measurements, pairs, table: () => render(measurements, pairs) };
}
