/**
 * The reference loops: each workload step written by hand in plain JS loops over preallocated typed arrays, with no autodiff,
 * no allocation and no generality. Matrix products are plain loops in a cache-aware order (a row of the output
 * updated by a scaled row of the other operand, or a dot product of two rows), without packing or register
 * blocking: what a careful hand-written step looks like.
 */
import { matmulData, mlpData, noiseStream } from "../data.ts";
import { LR, type MatmulWorkload, type MlpWorkload, type Workload } from "../workloads.ts";
import { plainStepper, typed, type BenchDType, type Stepper, type System } from "./system.ts";
import { maxOf } from "../../src/plot/extent.ts";

type Arr = Float32Array | Float64Array;

function alloc(dtype: BenchDType, n: number): Arr {
  return dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
}

/** Rows of the right operand that one pass keeps in cache while every output row is updated. */
const KBLOCK = 64;

/** out[m, n] = a[m, k]·b[k, n] (+ bias[n] when given), a KBLOCK-row panel of b at a time. */
function matmulAB(a: Arr, b: Arr, out: Arr, m: number, k: number, n: number, bias: Arr | null): void {
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = bias === null ? 0 : bias[j];
  for (let p0 = 0; p0 < k; p0 += KBLOCK) {
    const p1 = Math.min(k, p0 + KBLOCK);
    for (let i = 0; i < m; i++) {
      const o = i * n;
      for (let p = p0; p < p1; p++) {
        const v = a[i * k + p];
        const r = p * n;
        for (let j = 0; j < n; j++) out[o + j] += v * b[r + j];
      }
    }
  }
}

/** out[k, n] = a[m, k]ᵀ·g[m, n], one output row at a time (it stays in cache while g streams past). */
function matmulAtB(a: Arr, g: Arr, out: Arr, m: number, k: number, n: number): void {
  out.fill(0);
  for (let p = 0; p < k; p++) {
    const r = p * n;
    for (let i = 0; i < m; i++) {
      const v = a[i * k + p];
      const gi = i * n;
      for (let j = 0; j < n; j++) out[r + j] += v * g[gi + j];
    }
  }
}

/** out[m, k] = g[m, n]·b[k, n]ᵀ: each element a dot product of two contiguous rows. */
function matmulABt(g: Arr, b: Arr, out: Arr, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const gi = i * n;
    for (let p = 0; p < k; p++) {
      const bp = p * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += g[gi + j] * b[bp + j];
      out[i * k + p] = s;
    }
  }
}

function mlp(w: MlpWorkload, dtype: BenchDType): Stepper {
  const data = mlpData(w.seed, w.sizes, w.batch, w.loss);
  const B = w.batch;
  const S = w.sizes;
  const L = S.length - 1;
  const W = data.weights.map((v) => typed(v, dtype));
  const b = data.biases.map((v) => typed(v, dtype));
  const dW = W.map((v) => alloc(dtype, v.length));
  const db = b.map((v) => alloc(dtype, v.length));
  // h[l]: input of layer l (h[0] = x); z[l]: its output before the activation; dz[l]: ∂loss/∂z[l].
  const h = [typed(data.x, dtype), ...S.slice(1, L).map((s) => alloc(dtype, B * s))];
  const z = S.slice(1).map((s) => alloc(dtype, B * s));
  const dz = S.slice(1).map((s) => alloc(dtype, B * s));
  const dh = alloc(dtype, B * maxOf(S));
  const out = S[L];
  const y = data.targets === null ? null : typed(data.targets, dtype);
  const labels = data.labels;
  const noise = w.perturbed ? noiseStream(w.seed) : null;
  const tanh = w.activation === "tanh";

  const step = (): number => {
    for (let l = 0; l < L; l++) {
      matmulAB(h[l], W[l], z[l], B, S[l], S[l + 1], b[l]);
      if (l + 1 < L) {
        const zl = z[l];
        const hn = h[l + 1];
        for (let i = 0; i < zl.length; i++) hn[i] = tanh ? Math.tanh(zl[i]) : zl[i] > 0 ? zl[i] : 0;
      }
    }
    const logits = z[L - 1];
    const g = dz[L - 1];
    let loss = 0;
    if (y !== null) {
      // mean (p − y)²; ∂p = 2(p − y)/count
      const count = B * out;
      for (let i = 0; i < count; i++) {
        const d = logits[i] - y[i];
        loss += d * d;
        g[i] = (2 * d) / count;
      }
      loss /= count;
    } else {
      // mean −log softmax(p)[label]; ∂p = (softmax(p) − onehot)/B
      for (let i = 0; i < B; i++) {
        const o = i * out;
        let m = -Infinity;
        for (let j = 0; j < out; j++) m = Math.max(m, logits[o + j]);
        let s = 0;
        for (let j = 0; j < out; j++) s += Math.exp(logits[o + j] - m);
        const lse = m + Math.log(s);
        loss += lse - logits[o + (labels as Int32Array)[i]];
        for (let j = 0; j < out; j++) g[o + j] = Math.exp(logits[o + j] - lse) / B;
        g[o + (labels as Int32Array)[i]] -= 1 / B;
      }
      loss /= B;
    }
    if (noise !== null) {
      // L + n·L/sg(L) scales every gradient by 1 + n/L
      const scale = 1 + noise() / loss;
      for (let i = 0; i < g.length; i++) g[i] *= scale;
    }
    for (let l = L - 1; l >= 0; l--) {
      const n = S[l + 1];
      const k = S[l];
      matmulAtB(h[l], dz[l], dW[l], B, k, n);
      const dbl = db[l];
      dbl.fill(0);
      for (let i = 0; i < B; i++) for (let j = 0; j < n; j++) dbl[j] += dz[l][i * n + j];
      if (l > 0) {
        matmulABt(dz[l], W[l], dh, B, k, n);
        const hl = h[l];
        const prev = dz[l - 1];
        for (let i = 0; i < B * k; i++) prev[i] = tanh ? dh[i] * (1 - hl[i] * hl[i]) : hl[i] > 0 ? dh[i] : 0;
      }
    }
    for (let l = 0; l < L; l++) {
      const Wl = W[l], dWl = dW[l], bl = b[l], dbl = db[l];
      for (let i = 0; i < Wl.length; i++) Wl[i] -= LR * dWl[i];
      for (let i = 0; i < bl.length; i++) bl[i] -= LR * dbl[i];
    }
    return loss;
  };
  return plainStepper(step);
}

function matmul(w: MatmulWorkload, dtype: BenchDType): Stepper {
  const n = w.n;
  const data = matmulData(w.seed, n);
  const a = typed(data.a, dtype);
  const b = typed(data.b, dtype);
  const c = alloc(dtype, n * n);
  const ones = alloc(dtype, n * n).fill(1);
  const ga = alloc(dtype, n * n);
  const gb = alloc(dtype, n * n);
  const step = (): number => {
    matmulAB(a, b, c, n, n, n, null);
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i];
    // s = Σ A·B; ∂A = G·Bᵀ, ∂B = Aᵀ·G with G = ∂s/∂C = ones
    matmulABt(ones, b, ga, n, n, n);
    matmulAtB(a, ones, gb, n, n, n);
    return s;
  };
  return plainStepper(step);
}

export const loops: System = {
  id: "loops",
  dtypes: ["float32", "float64"],
  enter: async () => false,
  create: (w: Workload, dtype) => (w.kind === "mlp" ? mlp(w, dtype) : matmul(w, dtype)),
};
