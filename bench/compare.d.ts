/**
 * Regression mode: tapegrad's figures of a run against a saved base run. A figure counts as slower (or faster)
 * only when it moved by more than the measured noise: the sum of the two runs' relative margins of error (their
 * 95% intervals no longer overlap), and never by less than MIN_CHANGE, since runs on different days also differ
 * by drift that no single run's spread shows.
 */
import type { Summary } from "./stats.ts";
import type { SuiteResult } from "./suite.ts";
export declare const MIN_CHANGE = 0.03;
export interface Change {
    readonly key: string;
    /** Base and current median times (ms), or the paired W5/W2 ratio. */
    readonly base: number;
    readonly current: number;
    /** current / base: above 1 is slower. */
    readonly ratio: number;
    /** The relative change that counts as real. */
    readonly threshold: number;
    readonly verdict: "slower" | "faster" | "same";
}
/** The tapegrad figures of a result, by key. */
export declare function figures(r: SuiteResult): Map<string, Summary>;
export declare function change(key: string, base: Summary, current: Summary): Change;
/** Every figure present in both runs, compared. */
export declare function compareResults(base: SuiteResult, current: SuiteResult): Change[];
//# sourceMappingURL=compare.d.ts.map