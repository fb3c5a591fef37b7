/**
 * The kernel boundary: every loop over storage that the engine runs, listed once. Ops and nn's fused ops validate
 * their arguments, allocate the result, call an entry of `kernels` and record a node; nothing outside `kernels/`
 * loops over a storage. A faster backend (SIMD, WebAssembly, a GPU) replaces entries with `useKernels`.
 *
 * The contract of every entry:
 * - Storages are flat row-major `Float64Array` or `Float32Array` (`Storage`), float64 and float32 mixed unless an
 *   entry says otherwise: the arithmetic is done in doubles and each store rounds to the destination's type.
 * - The destination (`out`, `c`) is passed in, already allocated with its final length (and zeroed where the entry
 *   adds into it); the entry never allocates a result, never sees a Tensor, and returns nothing but a number
 *   where it says so. Shapes are `readonly number[]`, never mutated.
 * - A destination never overlaps an input unless the entry says it may (in place: `out` may be `x`).
 * - Results must equal the JavaScript implementations' to within float rounding of the same operations; the
 *   property tests in test/autograd/kernels/ state each one's reference. Float32's SIMD exp, tanh, sigmoid and
 *   softmax are the exception: they do not compute in doubles, and their tests derive their bounds in ulps.
 */
import type { Storage } from "../dtype.ts";
import { ArgumentError } from "../errors.ts";
import type { Shape } from "../shape.ts";
import * as activation from "./activation.ts";
import { binary, broadcastCopy, unary, type BinaryFn, type Code, type UnaryFn } from "./elementwise.ts";
import { gemm } from "./gemm.ts";
import * as indexing from "./indexing.ts";
import type { AxisRange } from "./indexing.ts";
import { permute, type Blocks } from "./layout.ts";
import * as losses from "./losses.ts";
import * as mask from "./mask.ts";
import * as optim from "./optim.ts";
import type { AdamStep, SgdStep } from "./optim.ts";
import type { MaskKind } from "./mask.ts";
import { affine, batchedGemm, type Gemm } from "./matmul.ts";
import * as pointwise from "./pointwise.ts";
import * as reduce from "./reduce.ts";

export type { AdamStep, AxisRange, BinaryFn, Blocks, Gemm, MaskKind, SgdStep, Storage, UnaryFn };

/** Every kernel the engine calls, with the dtypes it handles. */
export interface Kernels {
  // elementwise (elementwise.ts)
  /** out = f(a, b) with NumPy broadcasting (`code` picks add/sub/mul/div's own loops). f64, f32, mixed. */
  binary(code: Code, f: BinaryFn, a: Storage, aShape: Shape, b: Storage, bShape: Shape, out: Storage, outShape: Shape): void;
  /** out[i] = f(x[i]). f64, f32, mixed; in place allowed. */
  unary(f: UnaryFn, x: Storage, out: Storage): void;
  /** out (shape `to`) = x (shape `from`) repeated along broadcast dimensions. f64, f32, mixed. */
  broadcastCopy(x: Storage, from: Shape, out: Storage, to: Shape): void;

  // exp, tanh, sigmoid (activation.ts); f64, f32 (WebAssembly SIMD where it runs, within stated ulps), mixed
  /** out = eˣ. */
  exp(x: Storage, out: Storage): void;
  /** out = tanh x. */
  tanh(x: Storage, out: Storage): void;
  /** out = 1/(1 + e⁻ˣ). */
  sigmoid(x: Storage, out: Storage): void;

  // pointwise formulas (pointwise.ts); f64, f32, mixed; in place allowed
  /** out = x ** e. */
  pow(x: Storage, e: number, out: Storage): void;
  /** out = min(max(x, lo), hi). */
  clamp(x: Storage, lo: number, hi: number, out: Storage): void;
  /** out = x / d. */
  divScalar(x: Storage, d: number, out: Storage): void;
  /** out = g·(1 − y²). */
  tanhBackward(g: Storage, y: Storage, out: Storage): void;
  /** out = g·s·(1 − s). */
  sigmoidBackward(g: Storage, s: Storage, out: Storage): void;
  /** out = [a = b]. */
  equalMask(a: Storage, b: Storage, out: Storage): void;
  /** out = x ≠ 0 ? x / d : 0. */
  divideNonzero(x: Storage, d: Storage, out: Storage): void;
  /** out = c ≠ 0 ? a : b, each broadcast to outShape. No overlap. */
  where(c: Storage, cShape: Shape, a: Storage, aShape: Shape, b: Storage, bShape: Shape, out: Storage, outShape: Shape): void;

  // relu and the derivative gates (mask.ts); f64, f32 (WebAssembly SIMD where it runs), mixed; in place allowed
  /** out = max(x, 0): NaN stays NaN, −0 becomes +0. */
  relu(x: Storage, out: Storage): void;
  /** out = g·m(x) for relu's [x > 0] ("positive") or abs's sign(x) ("sign"), in one pass; +0 where m(x) = 0. */
  gate(kind: MaskKind, g: Storage, x: Storage, out: Storage): void;
  /** out = g·mask, exactly 0 where the mask is 0. */
  maskMul(g: Storage, mask: Storage, out: Storage): void;
  /** out = the mask of x: a kind's values (1, −1, 0), or m(x) elementwise. */
  mask(m: MaskKind | UnaryFn, x: Storage, out: Storage): void;

  // reductions over [outer, r, inner] (reduce.ts, layout.ts); f64, f32, mixed; out has outer·inner elements
  /** out = Σ over r. */
  sum(x: Storage, blocks: Blocks, out: Storage): void;
  /** out = max (sign 1) or min (sign −1) over r; NaN propagates. r ≥ 1. */
  extreme(x: Storage, blocks: Blocks, out: Storage, sign: 1 | -1): void;
  /** out = log Σ exp over r, shifted by the maximum. */
  logsumexp(x: Storage, blocks: Blocks, out: Storage): void;
  /** out (x's size) = softmax or log-softmax along r; `lse`, when given, also gets each log Σ exp. */
  softmax(x: Storage, blocks: Blocks, out: Storage, log: boolean, lse?: Storage | null): void;
  /** out = x with its axes reordered (out's axis i is x's axis perm[i]). */
  permute(x: Storage, shape: Shape, perm: readonly number[], out: Storage): void;

  // indexing (indexing.ts); f64, f32, mixed
  /** out = x[start::step] (count of them) along an axis of `shape`; with `add`, the adjoint (out += at those). */
  slice(x: Storage, shape: Shape, range: AxisRange, out: Storage, add: boolean): void;
  /** out [outer, Σ rows] = the parts [outer, rows[p]] side by side. */
  concat(parts: readonly Storage[], rows: readonly number[], outer: number, out: Storage): void;
  /** out (index's shape) = x gathered along an axis at whole-number `index` values. */
  gather(x: Storage, shape: Shape, axis: number, index: Float64Array, indexShape: Shape, out: Storage): void;
  /** out (`shape`, zeroed) += g scattered along an axis at `index`: gather's adjoint. */
  scatterAdd(g: Storage, shape: Shape, axis: number, index: Float64Array, indexShape: Shape, out: Storage): void;
  /** Copies whole numbers into out; returns the first position that is not one, or −1. Any array-like. */
  copyIntegers(values: ArrayLike<unknown>, out: Float64Array | Int32Array): number;
  /** The first position of a value outside [0, n), or −1. Any array-like. */
  firstOutOfRange(values: ArrayLike<number>, n: number): number;

  // products (gemm.ts, matmul.ts)
  /** C[m×n] = op(A)·op(B) (+ C), op = transpose when flagged; f64, f32 (WebAssembly SIMD where it runs), mixed. */
  gemm: Gemm;
  /** A batch of gemms; stride 0 shares one operand. Calls `gemm`. */
  batchedGemm(transA: boolean, transB: boolean, batch: number, m: number, n: number, k: number,
    a: Storage, strideA: number, b: Storage, strideB: number, out: Storage): void;
  /** out [rows×m] = x [rows×k]·Wᵀ + bias (W [m×k]). Calls `gemm`. */
  affine(rows: number, m: number, k: number, x: Storage, w: Storage, bias: Storage | null, out: Storage): void;

  // losses (losses.ts): each writes the losses into out when given, else returns their double sum
  /** (a − b)². */
  squaredError(a: Storage, b: Storage, out: Storage | null): number;
  /** max(x, 0) − x·y + log1p(e^−|x|). */
  bceWithLogits(a: Storage, b: Storage, out: Storage | null): number;
  /** lse − (1 − s)·x[y] − (s/C)·Σ x per row of x [rows, classes]; `lse` from `softmax`. */
  crossEntropy(x: Storage, lse: Storage, labels: Int32Array, classes: number, smoothing: number, out: Storage | null): number;
  /** out [rows, classes] = (1 − s)·onehot(labels) + s/C. */
  smoothedTarget(labels: Int32Array, classes: number, smoothing: number, out: Storage): void;
  /** out [rows, classes] = (p − q)·scale, q the smoothed target, scale one value or (perRow) one per row. No overlap. */
  crossEntropyGrad(p: Storage, labels: Int32Array, classes: number, smoothing: number, scale: Storage, perRow: boolean, out: Storage): void;

  // optimizer updates in place (optim.ts); f64, f32 (WebAssembly SIMD where it runs, the same bits)
  /** x ← x − lr·d with SGD's d (momentum buffer b updated, null without momentum). */
  sgdStep(x: Storage, g: Storage, b: Storage | null, o: SgdStep): void;
  /** Adam's (or AdamW's) update of x, m, v and v̂ (null without amsgrad). */
  adamStep(x: Storage, g: Storage, m: Storage, v: Storage, vMax: Storage | null, o: AdamStep): void;
  /** Σ x² ("squares") or max |x| ("maxAbs"), in doubles: one gradient's part of clipGradNorm's total. f64, f32. */
  normPart(x: Storage, kind: "squares" | "maxAbs"): number;
  /** x ← c·x in place. f64, f32. */
  scaleInPlace(x: Storage, c: number): void;
}

/** The JavaScript implementations (gemm dispatching to its WebAssembly modules). */
const builtin: Kernels = {
  binary, unary, broadcastCopy,
  exp: activation.exp, tanh: activation.tanh, sigmoid: activation.sigmoid,
  pow: pointwise.pow, clamp: pointwise.clamp, divScalar: pointwise.divScalar,
  tanhBackward: pointwise.tanhBackward, sigmoidBackward: pointwise.sigmoidBackward,
  equalMask: pointwise.equalMask, divideNonzero: pointwise.divideNonzero, where: pointwise.where,
  relu: mask.relu, gate: mask.gateByKind, maskMul: mask.gateByMask, mask: mask.maskOf,
  sum: reduce.sum, extreme: reduce.extreme, logsumexp: reduce.logsumexp, softmax: reduce.softmax, permute,
  slice: indexing.slice, concat: indexing.concat, gather: indexing.gather, scatterAdd: indexing.scatterAdd,
  copyIntegers: indexing.copyIntegers, firstOutOfRange: indexing.firstOutOfRange,
  gemm,
  // Late-bound, so that a replaced gemm serves these too.
  batchedGemm: (transA, transB, batch, m, n, k, a, strideA, b, strideB, out) =>
    batchedGemm(kernels.gemm, transA, transB, batch, m, n, k, a, strideA, b, strideB, out),
  affine: (rows, m, k, x, w, bias, out) => affine(kernels.gemm, rows, m, k, x, w, bias, out),
  squaredError: losses.squaredError, bceWithLogits: losses.bceWithLogits,
  crossEntropy: losses.crossEntropy, smoothedTarget: losses.smoothedTarget, crossEntropyGrad: losses.crossEntropyGrad,
  sgdStep: optim.sgdStep, adamStep: optim.adamStep, normPart: optim.normPart, scaleInPlace: optim.scaleInPlace,
};

const active: Kernels = { ...builtin };

/** The kernels in use: the one object every op calls through (changed only by `useKernels`). */
export const kernels: Readonly<Kernels> = active;

/**
 * Replaces the given entries (a backend may implement only some) and returns the entries they replaced, so that
 * `useKernels(previous)` restores them. Ops see the change at their next call. An unknown name or a value that is
 * not a function is refused before anything is replaced.
 */
export function useKernels(replacement: Partial<Kernels>): Partial<Kernels> {
  const previous: Record<string, unknown> = {};
  const target: Record<string, unknown> = active as unknown as Record<string, unknown>;
  const entries = Object.entries(replacement);
  for (const [name, fn] of entries) {
    if (!Object.hasOwn(builtin, name)) {
      throw new ArgumentError(`useKernels: there is no kernel named '${name}'; kernels/index.ts lists every entry`);
    }
    if (typeof fn !== "function") throw new ArgumentError(`useKernels: '${name}' must be a function, got ${typeof fn}`);
  }
  for (const [name, fn] of entries) {
    previous[name] = target[name];
    target[name] = fn;
  }
  return previous as Partial<Kernels>;
}

/** The JavaScript implementation of every entry (for a backend to fall back on, or a test to compare with). */
export function builtinKernels(): Readonly<Kernels> {
  return builtin;
}
