/**
 * The percentile bootstrap of a median: resample the values with replacement, take each resample's median, and
 * read the interval off those medians' quantiles. Seeded, so the same values and seed give the same interval.
 */
import { Generator } from "../autograd/random.ts";
import { quantile } from "./stats.ts";

export interface BootstrapOptions {
  /** Seed of the resampling (default 0). */
  readonly seed?: number;
  /** Number of resamples (default 2000). */
  readonly resamples?: number;
  /** Coverage of the interval (default 0.95). */
  readonly level?: number;
}

/** The `level` interval of the median of `values` (NaN bounds for no values). */
export function bootstrapMedian(values: readonly number[], options: BootstrapOptions = {}): [number, number] {
  const n = values.length;
  if (n === 0) return [NaN, NaN];
  const rng = new Generator(options.seed ?? 0);
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const draw = new Float64Array(n);
  const medians = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = values[rng.int(n)];
    draw.sort();
    medians[b] = quantile(draw, 0.5);
  }
  medians.sort();
  return [quantile(medians, (1 - level) / 2), quantile(medians, (1 + level) / 2)];
}
