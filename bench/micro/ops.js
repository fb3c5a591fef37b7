/**
 * Op families, forward only with nothing requiring grad (so nothing is recorded): elementwise with and without
 * broadcasting, reductions, matmul at several sizes; and the fused softmax cross-entropy, forward + backward.
 * float32 unless the label says float64.
 */
import { fromStorage } from "../../src/index.js";
import * as nn from "../../src/nn/index.js";
import { tidyRunner, values } from "./case.js";
const N = 256;
function t32(shape, seed = 7) {
    return fromStorage(Float32Array.from(values(shape.reduce((a, b) => a * b, 1), seed)), shape);
}
function tf32(tf, shape, seed = 7) {
    return tf.tensor(Float32Array.from(values(shape.reduce((a, b) => a * b, 1), seed)), shape);
}
function loop(fn) {
    return (count) => {
        for (let i = 0; i < count; i++)
            fn();
    };
}
/** An elementwise case on [N, N] with a second operand of shape `other`. */
function binaryCase(id, label, other, f, g) {
    return {
        id, family: "elementwise", label,
        tapegrad: () => {
            const a = t32([N, N]);
            const b = t32(other, 8);
            return loop(() => f(a, b));
        },
        tfjs: (tf) => {
            const a = tf32(tf, [N, N]);
            const b = tf32(tf, other, 8);
            const op = g(tf);
            return tidyRunner(tf, () => op(a, b));
        },
    };
}
/** One op on a [N, N] float32 input, in tapegrad and in TF.js. */
function squareCase(family, id, label, f, g) {
    return {
        id, family, label,
        tapegrad: () => {
            const x = t32([N, N]);
            return loop(() => f(x));
        },
        tfjs: (tf) => {
            const x = tf32(tf, [N, N]);
            return tidyRunner(tf, () => g(tf, x));
        },
    };
}
function unaryCase(id, f, g) {
    return squareCase("elementwise", id, `${id.split(".")[0]} [${N}, ${N}]`, f, g);
}
function reduceCase(id, label, f, g) {
    return squareCase("reduction", id, label, f, g);
}
function matmulCase(n, dtype) {
    const make = (seed) => {
        const v = values(n * n, seed);
        return fromStorage(dtype === "float32" ? Float32Array.from(v) : v, [n, n]);
    };
    return {
        id: `matmul.${n}${dtype === "float64" ? ".f64" : ""}`, family: "matmul",
        label: `matmul ${n}×${n} · ${n}×${n}${dtype === "float64" ? " float64" : ""}`,
        derived: { unit: "GFLOP/s", amount: 2 * n ** 3 },
        tapegrad: () => {
            const a = make(1);
            const b = make(2);
            return loop(() => a.matmul(b));
        },
        tfjs: dtype === "float32"
            ? (tf) => {
                const a = tf32(tf, [n, n], 1);
                const b = tf32(tf, [n, n], 2);
                return tidyRunner(tf, () => tf.matMul(a, b));
            }
            : undefined,
    };
}
function crossEntropyCase(batch, classes) {
    const labels = Int32Array.from(values(batch, 9), (u) => Math.floor(((u + 1) / 2) * classes));
    return {
        id: `xent.${batch}x${classes}`, family: "loss",
        label: `softmax cross-entropy [${batch}, ${classes}], forward + backward`,
        tapegrad: () => {
            const logits = fromStorage(Float32Array.from(values(batch * classes)), [batch, classes], true);
            return loop(() => {
                nn.functional.crossEntropy(logits, labels).backward();
                logits.grad = null;
            });
        },
        tfjs: (tf) => {
            const logits = tf.variable(tf32(tf, [batch, classes]));
            const onehot = tf.oneHot(tf.tensor1d(labels, "int32"), classes).toFloat();
            const f = () => tf.losses.softmaxCrossEntropy(onehot, logits);
            return tidyRunner(tf, () => tf.variableGrads(f, [logits]));
        },
    };
}
export const OP_CASES = [
    binaryCase("add.same", `add [${N}, ${N}] + [${N}, ${N}]`, [N, N], (a, b) => a.add(b), (tf) => tf.add),
    binaryCase("add.row", `add [${N}, ${N}] + [${N}] (row broadcast)`, [N], (a, b) => a.add(b), (tf) => tf.add),
    binaryCase("mul.col", `mul [${N}, ${N}] * [${N}, 1] (column broadcast)`, [N, 1], (a, b) => a.mul(b), (tf) => tf.mul),
    {
        id: "mul.scalar", family: "elementwise", label: `mul [${N}, ${N}] * 1.5 (a number)`,
        tapegrad: () => {
            const x = t32([N, N]);
            return loop(() => x.mul(1.5));
        },
        tfjs: (tf) => {
            const x = tf32(tf, [N, N]);
            return tidyRunner(tf, () => tf.mul(x, 1.5));
        },
    },
    unaryCase("tanh", (x) => x.tanh(), (tf, x) => tf.tanh(x)),
    unaryCase("relu", (x) => x.relu(), (tf, x) => tf.relu(x)),
    unaryCase("exp", (x) => x.exp(), (tf, x) => tf.exp(x)),
    reduceCase("sum.all", `sum [${N}, ${N}] → scalar`, (x) => x.sum(), (tf, x) => tf.sum(x)),
    reduceCase("sum.axis0", `sum [${N}, ${N}] over axis 0`, (x) => x.sum(0), (tf, x) => tf.sum(x, 0)),
    reduceCase("sum.axis1", `sum [${N}, ${N}] over axis 1`, (x) => x.sum(1), (tf, x) => tf.sum(x, 1)),
    reduceCase("max.axis1", `max [${N}, ${N}] over axis 1`, (x) => x.max(1), (tf, x) => tf.max(x, 1)),
    reduceCase("logsumexp.axis1", `logsumexp [${N}, ${N}] over axis 1`, (x) => x.logsumexp(1), (tf, x) => tf.logSumExp(x, 1)),
    reduceCase("softmax.axis1", `softmax [${N}, ${N}] over axis 1`, (x) => x.softmax(1), (tf, x) => tf.softmax(x, 1)),
    matmulCase(32, "float32"),
    matmulCase(64, "float32"),
    matmulCase(128, "float32"),
    matmulCase(256, "float32"),
    matmulCase(256, "float64"),
    crossEntropyCase(64, 10),
    crossEntropyCase(128, 10),
];
