/**
 * The workloads in jax-js 0.1.25 on its WebAssembly device, as its documentation writes a training step: the loss
 * as a function of the parameters, `valueAndGrad` of it and the SGD update, the whole step under one `jit`.
 * jax-js arrays are reference-counted: every call consumes its arguments, so operands used again pass `.ref`.
 * NOTE: jax-js runs lazily; reading the loss with dataSync each step is what makes the step's work happen inside
 * the timed region (without it, pending work piles up and each later step gets slower).
 */
import type { Array as JaxArray } from "@jax-js/jax";
import { matmulData, mlpData, noiseStream } from "../data.ts";
import { LR, type MatmulWorkload, type MlpWorkload, type Workload } from "../workloads.ts";
import { plainStepper, type BenchDType, type Stepper, type System } from "./system.ts";

type Jax = typeof import("@jax-js/jax");

let loading: Promise<Jax> | null = null;

/** Loads jax-js once and starts its WebAssembly device only (others probe browser globals Node lacks). */
export function loadJax(): Promise<Jax> {
  loading ??= (async () => {
    const jax = await import("@jax-js/jax");
    const devices = await jax.init("wasm");
    if (!devices.includes("wasm")) throw new Error("jax-js: the wasm device failed to initialise");
    jax.defaultDevice("wasm");
    return jax;
  })();
  return loading;
}

function matrix(jax: Jax, values: Float64Array, rows: number, cols: number): JaxArray {
  return jax.numpy.array(Float32Array.from(values)).reshape([rows, cols]);
}

function mlp(jax: Jax, w: MlpWorkload): Stepper {
  const np = jax.numpy;
  const data = mlpData(w.seed, w.sizes, w.batch, w.loss);
  const S = w.sizes;
  const L = S.length - 1;
  // params: W1, b1, W2, b2, …
  let params: JaxArray[] = data.weights.flatMap((v, l) => [matrix(jax, v, S[l], S[l + 1]), np.array(Float32Array.from(data.biases[l]))]);
  const x = matrix(jax, data.x, w.batch, S[0]);
  let target: JaxArray;
  if (data.targets !== null) target = matrix(jax, data.targets, w.batch, S[L]);
  else {
    const onehot = new Float64Array(w.batch * S[L]);
    (data.labels as Int32Array).forEach((c, i) => (onehot[i * S[L] + c] = 1));
    target = matrix(jax, onehot, w.batch, S[L]);
  }
  const loss = (p: JaxArray[], xs: JaxArray, t: JaxArray): JaxArray => {
    let h = xs;
    for (let l = 0; l < L; l++) {
      h = np.matmul(h, p[2 * l]).add(p[2 * l + 1]);
      if (l + 1 < L) h = w.activation === "tanh" ? np.tanh(h) : jax.nn.relu(h);
    }
    if (w.loss === "mse") return np.mean(np.square(h.sub(t)));
    // mean over the batch of −Σ onehot · log softmax
    return np.sum(t.mul(jax.nn.logSoftmax(h, -1))).mul(-1 / w.batch);
  };
  const objective = (p: JaxArray[], xs: JaxArray, t: JaxArray, n: JaxArray): JaxArray => {
    const l = loss(p, xs, t);
    return l.ref.add(n.mul(l.ref.div(jax.lax.stopGradient(l))));
  };
  const step = jax.jit((p: JaxArray[], xs: JaxArray, t: JaxArray, n: JaxArray): [JaxArray, JaxArray[]] => {
    const [value, grads] = w.perturbed
      ? jax.valueAndGrad(objective)(p.map((a) => a.ref), xs.ref, t.ref, n)
      : jax.valueAndGrad(loss)(p.map((a) => a.ref), xs.ref, t.ref);
    if (!w.perturbed) n.dispose();
    // W5 reports the unperturbed L, which the objective's value L + n·1 hides: recompute it (cheap beside the step).
    const reported = w.perturbed ? (value.dispose(), loss(p.map((a) => a.ref), xs, t)) : (xs.dispose(), t.dispose(), value);
    return [reported, p.map((a, i) => a.sub(grads[i].mul(LR)))];
  });
  const noise = w.perturbed ? noiseStream(w.seed) : () => 0;
  return plainStepper(() => {
    const [value, next] = step(params, x.ref, target.ref, np.array(noise()));
    params = next;
    return value.dataSync()[0];
  });
}

function matmul(jax: Jax, w: MatmulWorkload): Stepper {
  const np = jax.numpy;
  const data = matmulData(w.seed, w.n);
  const a = matrix(jax, data.a, w.n, w.n);
  const b = matrix(jax, data.b, w.n, w.n);
  const f = (x: JaxArray, y: JaxArray): JaxArray => np.sum(np.matmul(x, y));
  const step = jax.jit((x: JaxArray, y: JaxArray) => jax.valueAndGrad(f, { argnums: [0, 1] })(x, y));
  return plainStepper(() => {
    const [value, [ga, gb]] = step(a.ref, b.ref);
    // Reading the gradients too makes sure a lazy runtime cannot skip them (the copies are 2% of the step).
    ga.dataSync();
    gb.dataSync();
    return value.dataSync()[0];
  });
}

let jaxModule: Jax | null = null;

export const jaxjs: System = {
  id: "jaxjs",
  dtypes: ["float32"],
  async enter() {
    jaxModule ??= await loadJax();
    return false;
  },
  create(w: Workload, dtype: BenchDType) {
    if (jaxModule === null) throw new Error("jax-js: call enter() before create()");
    if (dtype !== "float32") throw new Error(`the jax-js peer runs float32 only, not ${dtype}`);
    return w.kind === "mlp" ? mlp(jaxModule, w) : matmul(jaxModule, w);
  },
};

/** The loaded jax-js package's version. */
export async function jaxVersion(): Promise<Record<string, string>> {
  // The package's exports hide package.json from require; it sits one level above the entry point.
  const { createRequire } = await import("node:module");
  const { readFileSync } = await import("node:fs");
  const entry = createRequire(import.meta.url).resolve("@jax-js/jax");
  const pkg = JSON.parse(readFileSync(new URL("../package.json", `file://${entry}`), "utf8")) as { version: string };
  return { "jax-js": pkg.version };
}
