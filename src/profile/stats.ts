/**
 * Statistics of a cell's samples: median and p10/p90 (what the tables quote), and the relative margin of error
 * of the mean at 95% (Student's t, as benchmark.js reports it), with a note when the spread is too wide to trust.
 */
import { percent as pct } from "./format.ts";

export interface Summary {
  /** Number of samples (each the mean time of one step over a timed batch of steps). */
  readonly samples: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly mean: number;
  /** Sample standard deviation. */
  readonly sd: number;
  /** Half-width of the 95% confidence interval of the mean, relative to the mean. */
  readonly rme: number;
  /** Why the figure should not be trusted, or null. */
  readonly note: string | null;
}

/** Below this many samples the figure is flagged. */
export const MIN_TRUSTED_SAMPLES = 5;
/** A relative margin of error above this is flagged. */
export const MAX_TRUSTED_RME = 0.05;
/** A p10–p90 spread wider than this fraction of the median is flagged. */
export const MAX_TRUSTED_SPREAD = 0.3;

/** The q-quantile of ascending `sorted`, interpolating linearly between order statistics (R's type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

// Two-sided 95% critical values of Student's t for 1..30 degrees of freedom.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12,
  2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The two-sided 95% critical value of Student's t with `df` degrees of freedom (the normal 1.96 beyond 30). */
export function t95(df: number): number {
  if (df < 1) return Infinity;
  return df <= 30 ? T95[df - 1] : 1.96;
}

/** What the bench suite's notes tell the reader to do about a noisy figure. */
export const SUITE_REMEDY = "rerun with --full or on a quieter machine";

/** The statistics of `values`; `remedy` ends the note of a figure too noisy to trust. */
export function summarize(values: readonly number[], remedy: string = SUITE_REMEDY): Summary {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of values) sum += v;
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const rme = n > 1 ? (t95(n - 1) * sd) / Math.sqrt(n) / mean : Infinity;
  const base = { samples: n, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), mean, sd, rme };
  return { ...base, note: trustNote(base, remedy) };
}

/** Why a summary should not be trusted, or null when its spread is acceptable. */
export function trustNote(s: Omit<Summary, "note">, remedy: string = SUITE_REMEDY): string | null {
  const why: string[] = [];
  if (s.samples < MIN_TRUSTED_SAMPLES) why.push(`only ${s.samples} samples`);
  if (!(s.rme <= MAX_TRUSTED_RME)) why.push(`margin of error ±${pct(s.rme)}`);
  const spread = (s.p90 - s.p10) / s.median;
  if (spread > MAX_TRUSTED_SPREAD) why.push(`p10–p90 spans ${pct(spread)} of the median`);
  return why.length === 0 ? null : `noisy: ${why.join(", ")}; ${remedy}`;
}
