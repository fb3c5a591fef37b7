/**
 * What autodiff itself costs, in tapegrad: recording a node and walking it backward (one-element float64 tensors,
 * so the arithmetic is negligible), `detach`, the perturbation node L + n·L/sg(L), composed and fused, against the
 * same loss unperturbed (the difference is the node's cost), and an optimizer step over W2's parameters.
 */
import { fromStorage, perturbLoss, tensor } from "../../src/index.js";
import { Adam, SGD } from "../../src/nn/optim/index.js";
import { values } from "./case.js";
const CHAIN = 100;
function chain(x) {
    let y = x;
    for (let i = 0; i < CHAIN; i += 2)
        y = y.mul(0.999).add(0.001);
    return y;
}
function loop(fn) {
    return (count) => {
        for (let i = 0; i < count; i++)
            fn();
    };
}
/** A loss over a [64] float32 leaf, and a runner doing `objective(loss)`'s forward and backward. */
function lossCase(id, label, objective, baseline) {
    return {
        id, family: "perturb", label, baseline,
        tapegrad: () => {
            const x = fromStorage(Float32Array.from(values(64)), [64], true);
            return loop(() => {
                objective(x.mul(x).sum()).backward();
                x.grad = null;
            });
        },
    };
}
/** W2's parameters (64-128-64-10, float32), each with a gradient, and `make`'s optimizer over them. */
function optimCase(id, label, make) {
    const sizes = [64, 128, 64, 10];
    const shapes = sizes.slice(1).flatMap((out, l) => [[out, sizes[l]], [out]]);
    const count = shapes.reduce((s, sh) => s + sh.reduce((a, b) => a * b, 1), 0);
    return {
        id, family: "optim", label: `${label}, W2's ${count} float32 parameters`,
        tapegrad: () => {
            const params = shapes.map((sh, i) => {
                const n = sh.reduce((a, b) => a * b, 1);
                const p = fromStorage(Float32Array.from(values(n, i)), sh, true);
                p.grad = fromStorage(Float32Array.from(values(n, 100 + i), (v) => v * 1e-3), sh);
                return p;
            });
            const opt = make(params);
            return loop(() => opt.step());
        },
    };
}
export const AUTODIFF_CASES = [
    {
        id: "tape.record", family: "tape", label: `record a chain of ${CHAIN} scalar ops (forward only)`,
        derived: { unit: "ns/node", amount: CHAIN },
        tapegrad: () => {
            const x = tensor(0.5, { requiresGrad: true });
            return loop(() => chain(x));
        },
    },
    {
        id: "tape.backward", family: "tape", label: `record + backward, chain of ${CHAIN} scalar ops`,
        derived: { unit: "ns/node", amount: CHAIN },
        tapegrad: () => {
            const x = tensor(0.5, { requiresGrad: true });
            return loop(() => {
                chain(x).backward();
                x.grad = null;
            });
        },
    },
    {
        id: "detach", family: "tape", label: "detach a [64] tensor that requires grad",
        derived: { unit: "ns/call", amount: CHAIN },
        tapegrad: () => {
            const x = fromStorage(Float32Array.from(values(64)), [64], true);
            return loop(() => {
                for (let i = 0; i < CHAIN; i++)
                    x.detach();
            });
        },
    },
    lossCase("perturb.none", "L = Σx², forward + backward (baseline)", (loss) => loss),
    lossCase("perturb.composed", "L + n·L/sg(L) composed (add, mul, div, detach), forward + backward", (loss) => perturbLoss(loss, 0.05), "perturb.none"),
    lossCase("perturb.fused", "L + n·L/sg(L) fused (one node), forward + backward", (loss) => perturbLoss(loss, 0.05, { fused: true }), "perturb.none"),
    optimCase("optim.sgd", "SGD step (lr 0.01)", (params) => new SGD(params, { lr: 0.01 })),
    optimCase("optim.sgd-momentum", "SGD step (momentum 0.9, nesterov)", (params) => new SGD(params, { lr: 0.01, momentum: 0.9, nesterov: true })),
    optimCase("optim.adam", "Adam step", (params) => new Adam(params, { lr: 1e-3 })),
];
