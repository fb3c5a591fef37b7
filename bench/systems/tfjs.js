/**
 * The workloads in TensorFlow.js 4.22, idiomatically: variables, `matMul` + `add`, `tf.losses`, and
 * `train.sgd(lr).minimize`. One module instance serves both backends; `enter` switches between them (tensors
 * move to the current backend on first use, so the harness runs one untimed step after a switch).
 * NOTE: TF.js has no public stop-gradient, so W5 reads L out with dataSync and divides by it as a constant.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { matmulData, mlpData, noiseStream } from "../data.js";
import { LR } from "../workloads.js";
let loading = null;
let wasmVersion = "";
/** Loads TF.js once, registers the WASM backend with its .wasm files, and turns off its debug checks. */
export function loadTf() {
    loading ??= (async () => {
        const tf = await import("@tensorflow/tfjs");
        const wasm = await import("@tensorflow/tfjs-backend-wasm");
        const require = createRequire(import.meta.url);
        const dist = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
        wasm.setWasmPaths(dist + path.sep);
        wasmVersion = wasm.version_wasm;
        // Production mode also silences the console notice that suggests the native Node backend.
        tf.enableProdMode();
        return tf;
    })();
    return loading;
}
/** The versions of the loaded TF.js packages. */
export async function tfVersions() {
    const tf = await loadTf();
    return { tfjs: tf.version.tfjs, "tfjs-backend-wasm": wasmVersion };
}
function mlp(tf, w) {
    const data = mlpData(w.seed, w.sizes, w.batch, w.loss);
    const S = w.sizes;
    const vars = [
        ...data.weights.map((v, l) => tf.variable(tf.tensor2d(Float32Array.from(v), [S[l], S[l + 1]]))),
        ...data.biases.map((v) => tf.variable(tf.tensor1d(Float32Array.from(v)))),
    ];
    const L = S.length - 1;
    const x = tf.tensor2d(Float32Array.from(data.x), [w.batch, S[0]]);
    const target = data.targets !== null
        ? tf.tensor2d(Float32Array.from(data.targets), [w.batch, S[L]])
        : tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, "int32"), S[L]).toFloat());
    const noise = w.perturbed ? noiseStream(w.seed) : null;
    const opt = tf.train.sgd(LR);
    let lastLoss = NaN;
    const loss = () => {
        let h = x;
        for (let l = 0; l < L; l++) {
            h = tf.add(tf.matMul(h, vars[l]), vars[L + l]);
            if (l + 1 < L)
                h = w.activation === "tanh" ? tf.tanh(h) : tf.relu(h);
        }
        const value = w.loss === "mse" ? tf.losses.meanSquaredError(target, h) : tf.losses.softmaxCrossEntropy(target, h);
        if (noise === null)
            return value;
        lastLoss = value.dataSync()[0];
        return tf.add(value, tf.mul(noise(), tf.div(value, lastLoss)));
    };
    const f = () => loss();
    return {
        run(count) {
            for (let i = 0; i < count; i++)
                opt.minimize(f, false, vars);
        },
        lossStep() {
            const cost = opt.minimize(f, true, vars);
            const v = cost.dataSync()[0];
            cost.dispose();
            return noise === null ? v : lastLoss;
        },
        dispose() {
            opt.dispose();
            tf.dispose([...vars, x, target]);
        },
    };
}
function matmul(tf, w) {
    const data = matmulData(w.seed, w.n);
    const a = tf.variable(tf.tensor2d(Float32Array.from(data.a), [w.n, w.n]));
    const b = tf.variable(tf.tensor2d(Float32Array.from(data.b), [w.n, w.n]));
    const f = () => tf.sum(tf.matMul(a, b));
    const step = (read) => {
        const { value, grads } = tf.variableGrads(f, [a, b]);
        const v = read ? value.dataSync()[0] : NaN;
        tf.dispose([value, ...Object.values(grads)]);
        return v;
    };
    return {
        run(count) {
            for (let i = 0; i < count; i++)
                step(false);
        },
        lossStep: () => step(true),
        dispose() {
            tf.dispose([a, b]);
        },
    };
}
function tfSystem(id, backend) {
    let tf = null;
    return {
        id,
        dtypes: ["float32"],
        async enter() {
            tf = await loadTf();
            if (tf.getBackend() === backend)
                return false;
            if (!(await tf.setBackend(backend)))
                throw new Error(`TF.js: the ${backend} backend failed to initialise`);
            return true;
        },
        create(w, dtype) {
            if (tf === null || tf.getBackend() !== backend)
                throw new Error(`TF.js ${backend}: call enter() before create()`);
            if (dtype !== "float32")
                throw new Error(`TF.js has no ${dtype} tensors`);
            return w.kind === "mlp" ? mlp(tf, w) : matmul(tf, w);
        },
    };
}
export const tfjsCpu = tfSystem("tfjs-cpu", "cpu");
export const tfjsWasm = tfSystem("tfjs-wasm", "wasm");
