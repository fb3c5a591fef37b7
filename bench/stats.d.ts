/**
 * Statistics of a cell's samples: median and p10/p90 (what the tables quote), and the relative margin of error
 * of the mean at 95% (Student's t, as benchmark.js reports it), with a note when the spread is too wide to trust.
 */
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
export declare const MIN_TRUSTED_SAMPLES = 5;
/** A relative margin of error above this is flagged. */
export declare const MAX_TRUSTED_RME = 0.05;
/** A p10–p90 spread wider than this fraction of the median is flagged. */
export declare const MAX_TRUSTED_SPREAD = 0.3;
/** The q-quantile of ascending `sorted`, interpolating linearly between order statistics (R's type 7). */
export declare function quantile(sorted: readonly number[], q: number): number;
/** The two-sided 95% critical value of Student's t with `df` degrees of freedom (the normal 1.96 beyond 30). */
export declare function t95(df: number): number;
export declare function summarize(values: readonly number[]): Summary;
/** Why a summary should not be trusted, or null when its spread is acceptable. */
export declare function trustNote(s: Omit<Summary, "note">): string | null;
//# sourceMappingURL=stats.d.ts.map