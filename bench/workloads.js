export const LR = 0.01;
export const WORKLOADS = [
    {
        kind: "mlp", id: "W1", name: "tiny", sizes: [2, 16, 16, 1], batch: 32, activation: "tanh", loss: "mse",
        seed: 101, perturbed: false, stresses: "per-op overhead: tape, allocation, dispatch",
    },
    {
        kind: "mlp", id: "W2", name: "digits", sizes: [64, 128, 64, 10], batch: 64, activation: "relu", loss: "xent",
        seed: 202, perturbed: false, stresses: "a realistic small model",
    },
    {
        kind: "mlp", id: "W3", name: "mnist", sizes: [784, 256, 128, 10], batch: 128, activation: "relu", loss: "xent",
        seed: 303, perturbed: false, stresses: "matmul throughput",
    },
    { kind: "matmul", id: "W4", name: "matmul", n: 256, seed: 404, stresses: "the raw kernel: sum(A·B), gradient to both" },
    {
        kind: "mlp", id: "W5", name: "perturbed", sizes: [64, 128, 64, 10], batch: 64, activation: "relu", loss: "xent",
        seed: 202, perturbed: "composed", stresses: "the cost of the perturbation node (W5/W2, paired)",
    },
];
export function workload(id) {
    const w = WORKLOADS.find((x) => x.id === id);
    if (w === undefined)
        throw new Error(`unknown workload ${id}`);
    return w;
}
/**
 * Floating-point operations in one step: 2·m·k·n per matmul. An MLP step does each layer's forward product and
 * its weight gradient; the input gradient is skipped for the first layer, since x needs none.
 */
export function flopsPerStep(w) {
    if (w.kind === "matmul")
        return 3 * 2 * w.n ** 3;
    let flops = 0;
    for (let l = 0; l + 1 < w.sizes.length; l++) {
        const mkn = 2 * w.batch * w.sizes[l] * w.sizes[l + 1];
        flops += l === 0 ? 2 * mkn : 3 * mkn;
    }
    return flops;
}
