/**
 * The workloads' data, exactly as WORKLOADS.md fixes it: one mulberry32 stream per workload, consumed in the
 * order W1, b1, W2, b2, …, x, y. Weights and biases are U(−1/√fan_in, 1/√fan_in), inputs U(−1, 1), MSE targets
 * U(−1, 1), class labels floor(u · classes). Values are drawn as float64; each system rounds them to its dtype.
 */
/** mulberry32 (Tommy Ettinger's 32-bit generator): a uniform draw in [0, 1) per call. */
export declare class Mulberry32 {
    private state;
    constructor(seed: number);
    next(): number;
    /** `count` draws from U(lo, hi), in stream order. */
    uniform(count: number, lo: number, hi: number): Float64Array;
}
/** The parameters and the batch of an MLP workload; weight l is [sizes[l], sizes[l+1]] row-major. */
export interface MlpData {
    readonly sizes: readonly number[];
    readonly batch: number;
    readonly weights: readonly Float64Array[];
    readonly biases: readonly Float64Array[];
    /** [batch, sizes[0]] row-major. */
    readonly x: Float64Array;
    /** MSE targets [batch, out] row-major, or null for a classification workload. */
    readonly targets: Float64Array | null;
    /** Class indices, one per sample, or null for a regression workload. */
    readonly labels: Int32Array | null;
}
export type LossKind = "mse" | "xent";
export declare function mlpData(seed: number, sizes: readonly number[], batch: number, loss: LossKind): MlpData;
/** W4's operands: A then B, n×n row-major, U(−1, 1). */
export interface MatmulData {
    readonly n: number;
    readonly a: Float64Array;
    readonly b: Float64Array;
}
export declare function matmulData(seed: number, n: number): MatmulData;
/** The perturbation stream of W5: n ~ U(−0.1, 0.1) from mulberry32(seed + 1), fresh each step. */
export declare function noiseStream(seed: number): () => number;
//# sourceMappingURL=data.d.ts.map