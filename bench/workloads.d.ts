/**
 * The five benchmark workloads of WORKLOADS.md. One step = forward + backward + plain SGD (lr 0.01) on every
 * parameter; float32 unless a cell says float64.
 */
import type { LossKind } from "./data.ts";
export type WorkloadId = "W1" | "W2" | "W3" | "W4" | "W5";
export type Activation = "tanh" | "relu";
export interface MlpWorkload {
    readonly kind: "mlp";
    readonly id: WorkloadId;
    readonly name: string;
    readonly sizes: readonly number[];
    readonly batch: number;
    readonly activation: Activation;
    readonly loss: LossKind;
    readonly seed: number;
    /**
     * W5: the loss becomes L + n·L/sg(L), n ~ U(−0.1, 0.1) drawn fresh each step: composed of add, mul, div and
     * detach (every system), or as tapegrad's one fused node.
     */
    readonly perturbed: false | "composed" | "fused";
    readonly stresses: string;
}
/**
 * NOTE: W4's step is forward + backward only. sum(A·B) has no minimum, so SGD on it grows A and B
 * geometrically (by about 1 + lr·n per step) until they overflow; the workload measures the kernel, not an update.
 */
export interface MatmulWorkload {
    readonly kind: "matmul";
    readonly id: "W4";
    readonly name: string;
    readonly n: number;
    readonly seed: number;
    readonly stresses: string;
}
export type Workload = MlpWorkload | MatmulWorkload;
export declare const LR = 0.01;
export declare const WORKLOADS: readonly Workload[];
export declare function workload(id: WorkloadId): Workload;
/**
 * Floating-point operations in one step: 2·m·k·n per matmul. An MLP step does each layer's forward product and
 * its weight gradient; the input gradient is skipped for the first layer, since x needs none.
 */
export declare function flopsPerStep(w: Workload): number;
//# sourceMappingURL=workloads.d.ts.map