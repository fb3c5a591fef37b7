/**
 * The workloads in tapegrad, as a user writes them: the fused `nn.functional.linear` (x·Wᵀ + b, so each W is
 * stored [out, in], the transpose of the workload's [in, out] data), the fused `crossEntropy` and `mseLoss`,
 * `perturbLoss` for W5 (the composed L + n·L/sg(L), or the fused node), and `optim.SGD` (plain, in place).
 */
import { fromStorage, perturbLoss } from "../../src/index.js";
import * as nn from "../../src/nn/index.js";
import { SGD } from "../../src/nn/optim/index.js";
import { matmulData, mlpData, noiseStream } from "../data.js";
import { LR } from "../workloads.js";
import { plainStepper, typed } from "./system.js";
/** The [cols, rows] transpose of a [rows, cols] row-major matrix. */
function transposed(v, rows, cols) {
    const t = new Float64Array(v.length);
    for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++)
            t[j * rows + i] = v[i * cols + j];
    return t;
}
function mlp(w, dtype) {
    const data = mlpData(w.seed, w.sizes, w.batch, w.loss);
    const S = w.sizes;
    const weights = data.weights.map((v, l) => fromStorage(typed(transposed(v, S[l], S[l + 1]), dtype), [S[l + 1], S[l]], true));
    const biases = data.biases.map((v, l) => fromStorage(typed(v, dtype), [w.sizes[l + 1]], true));
    const opt = new SGD([...weights, ...biases], { lr: LR });
    const x = fromStorage(typed(data.x, dtype), [w.batch, w.sizes[0]]);
    const out = w.sizes[w.sizes.length - 1];
    const y = data.targets === null ? null : fromStorage(typed(data.targets, dtype), [w.batch, out]);
    const labels = data.labels;
    const noise = w.perturbed ? noiseStream(w.seed) : null;
    const last = weights.length - 1;
    const forward = () => {
        let h = x;
        for (let l = 0; l <= last; l++) {
            h = nn.functional.linear(h, weights[l], biases[l]);
            if (l < last)
                h = w.activation === "tanh" ? h.tanh() : h.relu();
        }
        return y !== null ? nn.functional.mseLoss(h, y) : nn.functional.crossEntropy(h, labels);
    };
    const step = () => {
        const loss = forward();
        const objective = noise === null ? loss : perturbLoss(loss, noise(), { fused: w.perturbed === "fused" });
        objective.backward();
        opt.step();
        opt.zeroGrad();
        return loss.data[0];
    };
    return plainStepper(step);
}
function matmul(w, dtype) {
    const data = matmulData(w.seed, w.n);
    const a = fromStorage(typed(data.a, dtype), [w.n, w.n], true);
    const b = fromStorage(typed(data.b, dtype), [w.n, w.n], true);
    const step = () => {
        const s = a.matmul(b).sum();
        s.backward();
        a.grad = null;
        b.grad = null;
        return s.data[0];
    };
    return plainStepper(step);
}
export const tapegrad = {
    id: "tapegrad",
    dtypes: ["float32", "float64"],
    enter: async () => false,
    create: (w, dtype) => (w.kind === "mlp" ? mlp(w, dtype) : matmul(w, dtype)),
};
