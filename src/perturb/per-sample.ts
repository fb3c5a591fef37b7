/**
 * The perturbation on a per-sample loss vector l (a loss computed with reduction "none"), in its two forms.
 *
 *   shared (the seed's case):  l̃ᵢ = lᵢ + n·lᵢ/sg(L), L = reduce(l)   ⇒  reduce(l̃) = L + n,  ∇ = (1 + n/L)·∇L.
 *     Every sample's loss is scaled by the same factor, built from the batch loss, so only the length of the
 *     gradient changes.
 *   independent:               l̃ᵢ = lᵢ + nᵢ·lᵢ/sg(lᵢ)              ⇒  ∇ = reduce((1 + nᵢ/lᵢ)·∇lᵢ).
 *     Each sample gets its own factor, so the gradient's direction changes too.
 *
 * `reduce` is the batch reduction ("mean", PyTorch's default, or "sum"). Each element of `losses` is one sample;
 * for an elementwise loss of shape [B, D], reduce over D first to get one loss per sample.
 */
import { fromStorage } from "../autograd/creation.ts";
import { allocate } from "../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../autograd/errors.ts";
import { asTensor } from "../autograd/op.ts";
import { formatShape } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";
import { checkDraw, denominator, type GuardOptions } from "./guard.ts";

export type BatchReduction = "mean" | "sum";

export interface PerSampleOptions extends GuardOptions {
  /** How the batch loss is formed from the per-sample losses (default "mean"). */
  readonly reduction?: BatchReduction;
}

function reductionOf(op: string, options: PerSampleOptions): BatchReduction {
  const r = options.reduction ?? "mean";
  if (r !== "mean" && r !== "sum") {
    throw new ArgumentError(`${op}: reduction must be "mean" or "sum" (the batch loss), got ${JSON.stringify(r)}`);
  }
  return r;
}

function lossVector(op: string, losses: unknown): Tensor {
  const t = asTensor(op, losses, "the per-sample losses");
  if (t.size === 0) throw new ShapeError(`${op}: the per-sample losses are empty (shape ${formatShape(t.shape)})`);
  return t;
}

function reduce(t: Tensor, r: BatchReduction): Tensor {
  return r === "mean" ? t.mean() : t.sum();
}

export interface SharedParts {
  /** reduce(l + n·l/sg(L)). */
  readonly loss: Tensor;
  /** The batch loss value L = reduce(l). */
  readonly batchLoss: number;
  /** What L was divided by (L itself, or a clamped floor), or null when a "skip" guard fired. */
  readonly divisor: number | null;
}

/** The shared form with the batch loss it was built from. */
export function perturbSharedParts(losses: Tensor, n: number, options: PerSampleOptions = {}): SharedParts {
  const l = lossVector("perturbShared", losses);
  const r = reductionOf("perturbShared", options);
  checkDraw("perturbShared", n);
  const batch = reduce(l, r);
  const L = batch.data[0];
  const c = denominator("perturbShared", L, options, "the batch loss");
  if (c === null) return { loss: batch, batchLoss: L, divisor: null };
  const divisor = c === L ? batch.detach() : c;
  // (1 + fac)·lᵢ for every sample, with fac = n / sg(L) built from the batch loss.
  return { loss: reduce(l.add(l.div(divisor).mul(n)), r), batchLoss: L, divisor: c };
}

/** The shared form: reduce(l + n·l/sg(L)) with L = reduce(l). Its value is L + n; its gradient (1 + n/L)·∇L. */
export function perturbShared(losses: Tensor, n: number, options: PerSampleOptions = {}): Tensor {
  return perturbSharedParts(losses, n, options).loss;
}

export interface IndependentParts {
  /** reduce(lᵢ + nᵢ·lᵢ/sg(lᵢ)). */
  readonly loss: Tensor;
  /** 1 + nᵢ/lᵢ per sample (1 where a "skip" guard fired). */
  readonly factors: Float64Array;
  /** What each lᵢ was divided by (lᵢ, or a clamped floor; NaN where a "skip" guard fired). */
  readonly divisors: Float64Array;
}

/** The independent form with its factors; `ns` holds one draw per sample. */
export function perturbIndependentParts(
  losses: Tensor,
  ns: ArrayLike<number> | Tensor,
  options: PerSampleOptions = {},
): IndependentParts {
  const op = "perturbIndependent";
  const l = lossVector(op, losses);
  const r = reductionOf(op, options);
  const draws = ns instanceof Tensor ? ns.data : ns;
  if (draws.length !== l.size) {
    throw new ShapeError(
      `${op}: ${draws.length} draws for ${l.size} per-sample losses (shape ${formatShape(l.shape)}); ` +
        `give one draw per sample`,
    );
  }
  const nData = allocate(l.dtype, l.size);
  const cData = allocate(l.dtype, l.size);
  const factors = new Float64Array(l.size);
  const divisors = new Float64Array(l.size);
  let exact = true;
  for (let i = 0; i < l.size; i++) {
    const li = l.data[i];
    const ni = checkDraw(op, draws[i], `draw ${i}`);
    const c = denominator(op, li, options, `the loss of sample ${i}`);
    exact &&= c === li;
    // A skipped sample keeps its clean loss: no draw, and any non-zero divisor.
    nData[i] = c === null ? 0 : ni;
    cData[i] = c ?? 1;
    factors[i] = c === null ? 1 : 1 + ni / c;
    divisors[i] = c ?? Number.NaN;
  }
  const nT = fromStorage(nData, l.shape);
  const divisor = exact ? l.detach() : fromStorage(cData, l.shape);
  return { loss: reduce(l.add(l.div(divisor).mul(nT)), r), factors, divisors };
}

/** The independent form: reduce(lᵢ + nᵢ·lᵢ/sg(lᵢ)), gradient reduce((1 + nᵢ/lᵢ)·∇lᵢ). */
export function perturbIndependent(
  losses: Tensor,
  ns: ArrayLike<number> | Tensor,
  options: PerSampleOptions = {},
): Tensor {
  return perturbIndependentParts(losses, ns, options).loss;
}
