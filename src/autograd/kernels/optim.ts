/**
 * The optimizers' per-element updates (nn/optim keeps the state, the step counts and the checks). Each loop does
 * PyTorch's operations in doubles, storing to the parameter's and the state's own type; float32 arrays of SIMD_MIN
 * elements or more run optim-f32.ts's f64x2 kernels, which give the same bits.
 */
import type { Storage } from "../dtype.ts";
import { axpyF32 } from "./elementwise-f32.ts";
import { adamF32, sgdMomentumF32 } from "./optim-f32.ts";

/** SGD's constants: d ← sign·g + λ·x;  b ← d (first) or μ·b + (1 − τ)·d;  d ← d + μ·b (Nesterov) or b;  x ← x − lr·d. */
export interface SgdStep {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  /** −1 to maximize. */
  readonly sign: 1 | -1;
  /** The momentum buffer holds nothing yet. */
  readonly first: boolean;
}

/** x ← x − lr·d (in place), b updated; without momentum (b null) d = sign·g + λ·x. */
export function sgdStep(x: Storage, g: Storage, b: Storage | null, o: SgdStep): void {
  const { lr, momentum, dampening, nesterov, weightDecay: wd, sign, first } = o;
  const n = x.length;
  if (b === null) {
    if (wd === 0 && sign === 1 && axpyF32(x, g, -lr)) return;
    for (let j = 0; j < n; j++) {
      let d = sign * g[j];
      if (wd !== 0) d = d + wd * x[j];
      x[j] = x[j] + -lr * d;
    }
    return;
  }
  if (sgdMomentumF32(x, g, b, o)) return;
  for (let j = 0; j < n; j++) {
    let d = sign * g[j];
    if (wd !== 0) d = d + wd * x[j];
    b[j] = first ? d : b[j] * momentum + (1 - dampening) * d;
    const bj = b[j];
    d = nesterov ? d + momentum * bj : bj;
    x[j] = x[j] + -lr * d;
  }
}

/** Adam's constants for one step t: stepSize = η/(1 − β₁ᵗ), bc2Sqrt = √(1 − β₂ᵗ); l2 (Adam) or shrink (AdamW). */
export interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly stepSize: number;
  readonly bc2Sqrt: number;
  /** λ added to the gradient as λ·x (Adam's weight decay), or 0. */
  readonly l2: number;
  /** 1 − η·λ, AdamW's decoupled decay applied to x first, or 1. */
  readonly shrink: number;
  readonly sign: 1 | -1;
}

/** m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;  v̂ ← max(v̂, v);  x ← x − stepSize·m/(√v̂/bc2Sqrt + ε). */
export function adamStep(x: Storage, g: Storage, m: Storage, v: Storage, vMax: Storage | null, o: AdamStep): void {
  if (adamF32(x, g, m, v, vMax, o)) return;
  const { beta1, beta2, eps, stepSize, bc2Sqrt, l2, shrink, sign } = o;
  const n = x.length;
  for (let j = 0; j < n; j++) {
    if (shrink !== 1) x[j] = x[j] * shrink;
    let gj = sign * g[j];
    if (l2 !== 0) gj = gj + l2 * x[j];
    // Read back what was stored, so that float32 state rounds as it does in PyTorch.
    m[j] = m[j] * beta1 + (1 - beta1) * gj;
    v[j] = v[j] * beta2 + (1 - beta2) * gj * gj;
    const mj = m[j];
    const vj = v[j];
    let vHat = vj;
    if (vMax !== null) {
      if (vj > vMax[j]) vMax[j] = vj;
      vHat = vMax[j];
    }
    x[j] = x[j] + (-stepSize * mj) / (Math.sqrt(vHat) / bc2Sqrt + eps);
  }
}

/** One gradient's part of clipGradNorm's total: Σ x² ("squares") or max |x| ("maxAbs"; NaN propagates). */
export function normPart(x: Storage, kind: "squares" | "maxAbs"): number {
  let acc = 0;
  if (kind === "maxAbs") {
    for (let j = 0; j < x.length; j++) acc = Math.max(acc, Math.abs(x[j]));
  } else {
    for (let j = 0; j < x.length; j++) acc += x[j] * x[j];
  }
  return acc;
}

/** x ← c·x, in place (each product rounded once to x's type). */
export function scaleInPlace(x: Storage, c: number): void {
  for (let j = 0; j < x.length; j++) x[j] *= c;
}
