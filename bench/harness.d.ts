import { type Summary } from "./stats.ts";
export interface Subject {
    readonly key: string;
    /** Makes the subject current before a sample; true when that switch needs one untimed step to settle. */
    enter?(): Promise<boolean>;
    /** Runs `count` steps. */
    run(count: number): void;
}
export interface Budget {
    readonly warmupMs: number;
    readonly sampleMs: number;
    readonly cellMs: number;
    readonly minSamples: number;
    readonly maxSamples: number;
}
export declare const QUICK: Budget;
export declare const FULL: Budget;
/** Milliseconds from an arbitrary origin. */
export type Clock = () => number;
export interface HarnessOptions {
    readonly clock?: Clock;
    /** Called after every timed sample (progress display). */
    readonly onSample?: (key: string) => void;
}
/** Wall-clock time (the default), or this process's CPU time (user + system, all threads, 1 µs resolution). */
export type ClockName = "wall" | "cpu";
/**
 * NOTE: on a machine shared with other jobs, CPU time leaves out the stretches when the process is descheduled,
 * which inflate wall time without saying anything about the code. It still counts the engine's own helper threads
 * (V8's concurrent GC), so it never hides work.
 */
export declare function clockOf(name: ClockName): Clock;
/**
 * Runs `subject` for `warmupMs` (at least two steps); returns the batch that makes a sample last `sampleMs`, sized
 * from the fastest of the last three warm-up batches (a batch that met a GC pause or a busy machine would otherwise
 * shrink every later sample).
 */
export declare function warmUp(subject: Subject, budget: Budget, clock?: Clock): number;
/** Times every subject in interleaved rounds; returns the per-step time statistics (ms) by key. */
export declare function measure(subjects: readonly Subject[], budget: Budget, options?: HarnessOptions): Promise<Map<string, Summary>>;
export interface PairedResult {
    /** Per-step time of each subject (ms), from the paired loop. */
    readonly a: Summary;
    readonly b: Summary;
    /** time(b) / time(a), one value per sample. */
    readonly ratio: Summary;
}
/** Times `a` and `b` with their steps alternating in one loop; the ratio is b's time over a's. */
export declare function measurePaired(a: Subject, b: Subject, budget: Budget, options?: HarnessOptions): Promise<PairedResult>;
//# sourceMappingURL=harness.d.ts.map