/**
 * The speed goals of the engine, nn and bench issues, checked against one run's figures. Speedups are peer time
 * over tapegrad time (> 1: tapegrad is faster); floor ratios are tapegrad time over hand-written time.
 */
import type { SuiteResult } from "./suite.ts";
export interface Goal {
    readonly text: string;
    readonly value: number | null;
    readonly target: number;
    readonly at: "least" | "most";
    /** null when the run did not measure what the goal needs. */
    readonly pass: boolean | null;
    /** A "go further" goal rather than a required one. */
    readonly stretch: boolean;
}
export declare function evaluateGoals(r: SuiteResult): Goal[];
//# sourceMappingURL=goals.d.ts.map