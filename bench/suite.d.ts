/**
 * The whole suite: the workloads W1–W4 with every system interleaved, W4 again in float64, W5 paired with W2 in
 * each system, and the micro-benchmarks. `runSuite` measures; report.ts prints; compare.ts diffs two results.
 */
import { type Budget, type ClockName } from "./harness.ts";
import { type Machine } from "./machine.ts";
import type { MicroCase } from "./micro/case.ts";
import type { Summary } from "./stats.ts";
import { type BenchDType, type SystemId } from "./systems/system.ts";
import { type WorkloadId } from "./workloads.ts";
export declare const MICRO_CASES: readonly MicroCase[];
export interface CellFigure {
    readonly workload: WorkloadId;
    readonly dtype: BenchDType;
    readonly system: SystemId;
    /** Milliseconds per step. */
    readonly time: Summary;
    readonly stepsPerSec: number;
    /** Matmul throughput of the step (W3, W4), from the median. */
    readonly gflops: number | null;
}
export interface PairFigure {
    readonly system: SystemId;
    /** Milliseconds per step of W2 and W5, from the paired loop. */
    readonly w2: Summary;
    readonly w5: Summary;
    /** time(W5) / time(W2), per sample. */
    readonly ratio: Summary;
    /** How W5's perturbation was built: composed of primitive ops, or tapegrad's fused node. */
    readonly perturbation: "composed" | "fused";
}
export interface MicroFigure {
    readonly id: string;
    readonly family: string;
    readonly label: string;
    readonly system: SystemId;
    /** Milliseconds per run of the case. */
    readonly time: Summary;
    readonly derived: {
        readonly unit: string;
        readonly value: number;
    } | null;
    /** The case this one adds to, if any. */
    readonly baseline: string | null;
}
export interface SuiteResult {
    readonly format: "tapegrad-bench/1";
    readonly mode: "quick" | "full";
    readonly clock: ClockName;
    readonly budget: Budget;
    readonly machine: Machine;
    readonly seconds: number;
    readonly cells: readonly CellFigure[];
    readonly pairs: readonly PairFigure[];
    readonly micro: readonly MicroFigure[];
}
export interface SuiteOptions {
    readonly full: boolean;
    /** Workload ids, "micro", micro families or micro case ids; null runs everything. */
    readonly only: readonly string[] | null;
    readonly systems: readonly SystemId[];
    readonly clock: ClockName;
    /** Called before each group of cells, with its label and how many groups there are. */
    readonly onGroup?: (label: string, index: number, total: number) => void;
    readonly onSample?: () => void;
}
export declare function selected(only: readonly string[] | null, c: MicroCase): boolean;
export declare function runSuite(options: SuiteOptions): Promise<SuiteResult>;
//# sourceMappingURL=suite.d.ts.map