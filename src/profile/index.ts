/** Measuring a user's own code: benchmark one function, compare several paired, profile a step op by op. */
export { benchmark, type BenchmarkOptions, type Measurement } from "./benchmark.ts";
export { compare, type CompareOptions, type Comparison, type PairComparison } from "./compare.ts";
export { bootstrapMedian, type BootstrapOptions } from "./bootstrap.ts";
export type { Clock } from "./harness.ts";
export { profile, type Profile, type ProfileOptions, type ProfileRow, type RegionRow } from "./profile.ts";
export { SORT_KEYS, type SortKey, type TableOptions } from "./profile-table.ts";
export type { ChromeTrace, TraceEvent } from "./chrome-trace.ts";
