export type Tf = typeof import("@tensorflow/tfjs");
/** Runs the piece of work `count` times. */
export type Runner = (count: number) => void;
export type Family = "elementwise" | "reduction" | "matmul" | "loss" | "tape" | "perturb" | "optim";
export interface MicroCase {
    readonly id: string;
    readonly family: Family;
    readonly label: string;
    /** A derived figure: GFLOP/s from `amount` flops per run, or ns per unit from `amount` units per run. */
    readonly derived?: {
        readonly unit: "GFLOP/s" | "ns/node" | "ns/call";
        readonly amount: number;
    };
    /** A case this one adds to: the table shows the difference (measured interleaved with it). */
    readonly baseline?: string;
    readonly tapegrad: () => Runner;
    readonly tfjs?: (tf: Tf) => Runner;
}
/** `count` values from U(−1, 1), from a fixed stream so that every run sees the same data. */
export declare function values(count: number, seed?: number): Float64Array;
/** A TF.js runner: `op` inside tidy, so every intermediate is freed. */
export declare function tidyRunner(tf: Tf, op: () => unknown): Runner;
//# sourceMappingURL=case.d.ts.map