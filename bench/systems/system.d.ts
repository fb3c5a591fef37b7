/** What every benchmarked system provides: a stepper per workload, built on the same data. */
import type { Workload } from "../workloads.ts";
export type SystemId = "tapegrad" | "tfjs-cpu" | "tfjs-wasm" | "floor";
export type BenchDType = "float32" | "float64";
/** The systems in table order; ratios are quoted against the first. */
export declare const SYSTEM_IDS: readonly SystemId[];
export declare const SYSTEM_LABELS: Readonly<Record<SystemId, string>>;
/** One workload set up in one system. */
export interface Stepper {
    /** Runs `count` steps (forward, backward, update). */
    run(count: number): void;
    /** Runs one step and returns the loss its forward pass computed (W5: the unperturbed L). */
    lossStep(): number;
    dispose(): void;
}
/** A stepper for a system that holds no resources: `step` runs one step and returns its loss. */
export declare function plainStepper(step: () => number): Stepper;
export interface System {
    readonly id: SystemId;
    readonly dtypes: readonly BenchDType[];
    /** Makes this system current (TF.js: selects its backend); true when that changed anything. */
    enter(): Promise<boolean>;
    create(w: Workload, dtype: BenchDType): Stepper;
}
/** `values` rounded to `dtype`. */
export declare function typed(values: Float64Array, dtype: BenchDType): Float32Array | Float64Array;
//# sourceMappingURL=system.d.ts.map