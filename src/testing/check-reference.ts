/**
 * Does a rule agree with a reference implementation composed of trusted ops? Compares the values, then the
 * vector-Jacobian products with one random cotangent c (one backward through each), and with `order: 2` the
 * second-order products ⟨∂(vjp(c)·d)/∂x⟩ for a random d (through createGraph).
 *
 * No finite differences, so it works where gradcheck cannot: at kinks and ties (both sides follow their own
 * conventions there), in float32, and for rules that deliberately differ from the derivative of their value,
 * such as a detach trick (L + n·L/sg(L) has value L + n but gradient (1 + n/L)·∇L).
 * The reference always runs in float64 on copies of the inputs, so a float32 op is judged against exact-ish math.
 */
import { describe } from "../autograd/describe.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { GradcheckError } from "../autograd/gradcheck.ts";
import { grad } from "../autograd/grad.ts";
import { Generator } from "../autograd/random.ts";
import { formatShape, sameShape, stridesOf } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";
import { leafFrom } from "./arb-tensor.ts";
import { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE } from "./tolerances.ts";

export type TensorFn = (...inputs: Tensor[]) => Tensor;

export interface ReferenceOptions {
  /** Defaults: FLOAT64_TOLERANCE, or FLOAT32_TOLERANCE when an input or the op's output is float32. */
  readonly rtol?: number;
  readonly atol?: number;
  /** Seed of the random cotangents (default 0). */
  readonly seed?: number;
  /** 2 also compares second-order products (default 1). */
  readonly order?: 1 | 2;
  /** Return false instead of throwing on a mismatch (bad input still throws). */
  readonly raise?: boolean;
  /** Names the op in messages (default: the op function's name). */
  readonly name?: string;
}

function indexOf(shape: readonly number[], k: number): string {
  const st = stridesOf(shape);
  return `[${shape.map((_, d) => Math.floor(k / st[d]) % shape[d]).join(", ")}]`;
}

function call(name: string, which: string, fn: TensorFn, xs: readonly Tensor[]): Tensor {
  const y: unknown = fn(...xs);
  if (!(y instanceof Tensor)) throw new ArgumentError(`${name}: the ${which} must return a Tensor, got ${describe(y)}`);
  return y;
}

function random(gen: Generator, like: Tensor, float32: boolean): Tensor {
  const data = new Float64Array(like.size);
  for (let k = 0; k < data.length; k++) data[k] = float32 ? Math.fround(gen.normal()) : gen.normal();
  return new Tensor(float32 && like.dtype === "float32" ? Float32Array.from(data) : data, like.shape);
}

/** The worst element of `actual` against `expected` beyond the tolerance, as a message, or null. */
function compare(actual: Tensor | null, expected: Tensor | null, rtol: number, atol: number): string | null {
  const a = actual?.data ?? null;
  const e = expected?.data ?? null;
  const shape = expected?.shape ?? actual?.shape ?? [];
  if (actual && expected && !sameShape(actual.shape, expected.shape)) {
    return `shape ${formatShape(actual.shape)} where the reference has ${formatShape(expected.shape)}`;
  }
  let worst = { excess: 1, k: -1, x: 0, y: 0 };
  const n = Math.max(a?.length ?? 0, e?.length ?? 0);
  for (let k = 0; k < n; k++) {
    const x = a ? a[k] : 0; // NOTE: no gradient (null) counts as a zero gradient
    const y = e ? e[k] : 0;
    const excess = Math.abs(x - y) / (atol + rtol * Math.abs(y));
    if (!(excess <= worst.excess)) worst = { excess: Number.isNaN(excess) ? Infinity : excess, k, x, y };
  }
  if (worst.k < 0) return null;
  return (
    `at ${indexOf(shape, worst.k)}: ${worst.x} by the op, ${worst.y} by the reference ` +
    `(|difference| ${Math.abs(worst.x - worst.y).toExponential(3)} > atol ${atol} + rtol ${rtol}·|reference|)`
  );
}

function checkInputs(name: string, inputs: readonly Tensor[]): void {
  if (!Array.isArray(inputs)) throw new ArgumentError(`${name}: inputs must be an array of tensors`);
  inputs.forEach((t: unknown, i) => {
    if (!(t instanceof Tensor)) throw new ArgumentError(`${name}: input ${i} is ${describe(t)}, not a Tensor`);
    for (let k = 0; k < t.size; k++) {
      if (!Number.isFinite(t.data[k])) {
        throw new ArgumentError(
          `${name}: input ${i} holds ${t.data[k]} at ${indexOf(t.shape, k)}; the check needs finite inputs`,
        );
      }
    }
  });
  if (!inputs.some((t) => t.requiresGrad)) {
    throw new ArgumentError(`${name}: no input requires grad, so there is no rule to compare`);
  }
}

function checkFinite(name: string, y: Tensor): void {
  for (let k = 0; k < y.size; k++) {
    if (!Number.isFinite(y.data[k])) {
      throw new ArgumentError(
        `${name}: the reference is ${y.data[k]} at ${indexOf(y.shape, k)} for these inputs, so there is nothing ` +
          `to compare with; draw inputs inside its domain (arbTensor's min, max and avoid)`,
      );
    }
  }
}

/** Compares `op` with `reference` at `inputs`: values, VJPs, and with order 2 second-order VJPs. */
export function checkAgainstReference(op: TensorFn, reference: TensorFn, inputs: readonly Tensor[], options: ReferenceOptions = {}): boolean {
  const name = options.name ?? `checkAgainstReference(${op.name || "op"})`;
  const { seed = 0, order = 1, raise = true } = options;
  checkInputs(name, inputs);
  const refInputs = inputs.map((x) => leafFrom(Array.from(x.data), x.shape, "float64", x.requiresGrad));
  const y = call(name, "op", op, inputs);
  const yRef = call(name, "reference", reference, refInputs);
  checkFinite(name, yRef);
  const float32 = y.dtype === "float32" || inputs.some((x) => x.dtype === "float32");
  const dflt = float32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
  const { rtol = dflt.rtol, atol = dflt.atol } = options;
  const failure = (what: string, detail: string): false => {
    const message = `${name}: ${what} differs from the reference ${detail}`;
    if (raise) throw new GradcheckError(message);
    return false;
  };
  const valueMismatch = compare(y, yRef, rtol, atol);
  if (valueMismatch !== null) return failure("the value", valueMismatch);

  const gen = new Generator(seed);
  const c = random(gen, y, float32);
  const diff = inputs.map((x, i) => i).filter((i) => inputs[i].requiresGrad);
  const vjp = (out: Tensor, xs: readonly Tensor[], cot: Tensor, createGraph: boolean) =>
    out.requiresGrad
      ? grad(out, diff.map((i) => xs[i]), { gradOutputs: cot.dtype === out.dtype ? cot : cot.to(out.dtype), allowUnused: true, createGraph })
      : diff.map(() => null);
  const twice = order === 2;
  const g = vjp(y, inputs, c, twice);
  const gRef = vjp(yRef, refInputs, c, twice);
  for (let m = 0; m < diff.length; m++) {
    const mismatch = compare(g[m], gRef[m], rtol, atol);
    if (mismatch !== null) {
      return failure(`the gradient of input ${diff[m]} (shape ${formatShape(inputs[diff[m]].shape)})`, `${mismatch}; cotangent seed ${seed}`);
    }
  }
  if (!twice) return true;

  // Second order: d/dx ⟨vjp(c), d⟩ with one random d per input, through both graphs.
  const ds = diff.map((i) => random(gen, inputs[i], float32));
  const second = (gs: readonly (Tensor | null)[], xs: readonly Tensor[]) => {
    const live = gs.map((t, m) => [t, ds[m]] as const).filter((p): p is readonly [Tensor, Tensor] => p[0] !== null && p[0].requiresGrad);
    if (live.length === 0) return diff.map(() => null);
    return grad(live.map(([t]) => t), diff.map((i) => xs[i]), {
      gradOutputs: live.map(([t, d]) => (d.dtype === t.dtype ? d : d.to(t.dtype))),
      allowUnused: true,
    });
  };
  const h = second(g, inputs);
  const hRef = second(gRef, refInputs);
  for (let m = 0; m < diff.length; m++) {
    const mismatch = compare(h[m], hRef[m], rtol, atol);
    if (mismatch !== null) {
      return failure(
        `the second-order gradient of input ${diff[m]} (shape ${formatShape(inputs[diff[m]].shape)})`,
        `${mismatch}; seed ${seed}`,
      );
    }
  }
  return true;
}
