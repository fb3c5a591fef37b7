/**
 * Finite-difference checks of backward rules, in float64.
 *
 * gradcheck compares the full Jacobian: row j of the analytic one is the vector-Jacobian product with the unit
 * vector e_j; column i of the numeric one is (f(x + εeᵢ) − f(x − εeᵢ)) / 2ε. An element passes when
 * |analytic − numeric| ≤ atol + rtol·|numeric| (PyTorch's defaults: ε = 1e-6, atol = 1e-5, rtol = 1e-3).
 * The central difference has truncation error O(ε²·f‴) and rounding error O(eps₆₄·|f| / ε) ≈ 1e-10·|f|, both far
 * below atol for smooth functions of moderate size.
 *
 * checkVjp is JAX's cheaper random-direction test: for random c and t, ⟨vjp(c), t⟩ must equal
 * ⟨c, (f(x + εt) − f(x − εt)) / 2ε⟩; one backward and two forwards, at any size. After a failure it repeats the
 * test along each coordinate to name the worst element.
 *
 * A mismatch is re-examined with smaller steps (gradcheck-probe.ts): one that smaller steps resolve is not a
 * failure, and one at a kink or a tie throws NotDifferentiableError (no rule can be judged there) instead of
 * reporting a false failure.
 */
import { FINITE_DIFFERENCE_TOLERANCE as FD } from "../testing/tolerances.ts";
import { probe, type Verdict } from "./gradcheck-probe.ts";
import { Generator } from "./random.ts";
import { ArgumentError, GradError } from "./errors.ts";
import { grad } from "./grad.ts";
import { enableGrad, noGrad } from "./mode.ts";
import { formatShape, stridesOf } from "./shape.ts";
import { Tensor } from "./tensor-base.ts";

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Return false instead of throwing on a mismatch. */
  raise?: boolean;
  /** Seed of the random directions (checkVjp, gradgradcheck). */
  seed?: number;
  /** A name for messages (defaults to the function's name). */
  name?: string;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

export class GradcheckError extends GradError {
  override name = "GradcheckError";
}

/** The function has a kink (or a tie) at the inputs: finite differences cannot judge its rule there. */
export class NotDifferentiableError extends ArgumentError {
  override name = "NotDifferentiableError";
}

/** One Jacobian element where backward and central differences disagree. */
interface Mismatch {
  readonly x: Tensor;
  readonly c: number;
  readonly j: number;
  readonly r: number;
  readonly a: number;
  readonly numeric: number;
  readonly excess: number;
}

/** How many mismatches (worst first) are re-examined with smaller steps; the rest are judged like them. */
const MAX_PROBES = 64;
/** How many elements of each input checkVjp examines one by one to name the worst after a failure. */
const MAX_LOCATE = 4096;

function kinkNote(verdict: Verdict & { kind: "kink" | "jump" }): string {
  const { left, right } = verdict;
  const what =
    verdict.kind === "kink"
      ? `slope ${left} from the left, ${right} from the right: a kink or a tie`
      : `it jumps from ${left} just left to ${right} just right: a discontinuity`;
  return (
    `the function is not differentiable at the given inputs (${what}), where no rule can be checked; ` +
    `draw inputs away from it (arbTensor's avoid option)`
  );
}

function outputsOf(name: string, fn: Fn, inputs: readonly Tensor[]): Tensor[] {
  const out = fn(...inputs);
  const list = out instanceof Tensor ? [out] : out;
  if (!Array.isArray(list) || list.some((t) => !(t instanceof Tensor))) {
    const got = Array.isArray(out) ? `an array holding ${list.map((t) => (t instanceof Tensor ? "Tensor" : typeof t)).join(", ")}` : typeof out;
    throw new ArgumentError(`${name}: the function must return a Tensor or an array of Tensors, got ${got}`);
  }
  return [...list];
}

function checkInputs(name: string, inputs: readonly Tensor[]): Tensor[] {
  if (!Array.isArray(inputs)) throw new ArgumentError(`${name}: inputs must be an array of tensors`);
  const diff = inputs.filter((t) => t instanceof Tensor && t.requiresGrad);
  inputs.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new ArgumentError(`${name}: input ${i} is not a Tensor`);
    if (t.requiresGrad && t.dtype !== "float64") {
      throw new ArgumentError(
        `${name}: input ${i} is ${t.dtype}; finite differences need float64 (pass x.to("float64") as a leaf)`,
      );
    }
    for (let k = 0; k < t.size; k++) {
      if (!Number.isFinite(t.data[k])) {
        throw new ArgumentError(`${name}: input ${i} holds ${t.data[k]} at element ${k}; the check needs finite inputs`);
      }
    }
  });
  if (diff.length === 0) throw new ArgumentError(`${name}: no input requires grad, so there is nothing to check`);
  return diff;
}

function indexOf(shape: readonly number[], k: number): string {
  const st = stridesOf(shape);
  return `[${shape.map((_, d) => Math.floor(k / st[d]) % shape[d]).join(", ")}]`;
}

function fail(name: string, message: string, raise: boolean): false {
  if (raise) throw new GradcheckError(message);
  return false;
}

function assertFiniteOutputs(name: string, outs: readonly Tensor[], where: string): void {
  outs.forEach((o, j) => {
    for (let k = 0; k < o.size; k++) {
      if (!Number.isFinite(o.data[k])) {
        throw new ArgumentError(
          `${name}: output ${j} is ${o.data[k]} at ${indexOf(o.shape, k)} ${where}; the function is not ` +
            `finite there, so its derivative cannot be checked (move the inputs away from poles and kinks)`,
        );
      }
    }
  });
}

/** Compares the analytic Jacobian of `fn` at `inputs` with central differences; true or throws. */
export function gradcheck(fn: Fn, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const name = options.name ?? (fn.name ? `gradcheck(${fn.name})` : "gradcheck");
  const { eps = FD.eps, atol = FD.atol, rtol = FD.rtol, raise = true } = options;
  const diff = checkInputs(name, inputs);
  const outs = outputsOf(name, fn, inputs);
  assertFiniteOutputs(name, outs, "at the given inputs");
  // Analytic Jacobian, one row per output element.
  const analytic = diff.map((x) => outs.map((o) => new Float64Array(o.size * x.size)));
  outs.forEach((o, j) => {
    if (!o.requiresGrad) return;
    for (let r = 0; r < o.size; r++) {
      const seed = new Tensor(new Float64Array(o.size), o.shape);
      seed.data[r] = 1;
      const gs = grad(o, diff, { gradOutputs: seed, retainGraph: true, allowUnused: true });
      gs.forEach((g, i) => g && analytic[i][j].set(g.data, r * diff[i].size));
    }
  });
  // Numeric Jacobian, one column per input element.
  const mismatches: Mismatch[] = [];
  diff.forEach((x, i) => {
    for (let c = 0; c < x.size; c++) {
      const orig = x.data[c];
      x.data[c] = orig + eps;
      const plus = noGrad(() => outputsOf(name, fn, inputs)).map((t) => Float64Array.from(t.data));
      x.data[c] = orig - eps;
      const minus = noGrad(() => outputsOf(name, fn, inputs)).map((t) => Float64Array.from(t.data));
      x.data[c] = orig;
      outs.forEach((o, j) => {
        for (let r = 0; r < o.size; r++) {
          const numeric = (plus[j][r] - minus[j][r]) / (2 * eps);
          const a = analytic[i][j][r * x.size + c];
          const excess = Math.abs(a - numeric) / (atol + rtol * Math.abs(numeric));
          if (!(excess <= 1)) mismatches.push({ x, c, j, r, a, numeric, excess: Number.isNaN(excess) ? Infinity : excess });
        }
      });
    }
  });
  // The worst mismatch that smaller steps confirm; kinks are not the rule's fault.
  mismatches.sort((p, q) => q.excess - p.excess);
  let kink: string | null = null;
  for (const m of mismatches.slice(0, MAX_PROBES)) {
    const { x, c, j, r, a, numeric } = m;
    const where = `d(output ${j}${indexOf(outs[j].shape, r)}) / d(input ${inputs.indexOf(x)}${indexOf(x.shape, c)})`;
    const phi = (s: number): number => {
      const orig = x.data[c];
      x.data[c] = orig + s;
      try {
        return noGrad(() => outputsOf(name, fn, inputs))[j].data[r];
      } finally {
        x.data[c] = orig;
      }
    };
    const verdict = probe(phi, a, eps, atol, rtol);
    if (verdict.kind === "kink" || verdict.kind === "jump") kink ??= `${where}: ${kinkNote(verdict)}`;
    if (verdict.kind === "fail") {
      return fail(
        name,
        `${name}: ${where} is ${a} by backward but ${numeric} by central differences ` +
          `(|difference| ${Math.abs(a - numeric).toExponential(3)} > atol ${atol} + rtol ${rtol}·|numeric|; ` +
          `input shape ${formatShape(x.shape)}, eps ${eps})`,
        raise,
      );
    }
  }
  if (kink !== null) throw new NotDifferentiableError(`${name}: ${kink}`);
  return true;
}

function randomLike(g: Generator, t: Tensor): Tensor {
  const out = new Tensor(new Float64Array(t.size), t.shape);
  for (let k = 0; k < t.size; k++) out.data[k] = g.normal();
  return out;
}

/** Checks second derivatives: gradcheck of x ↦ vjp(f, x, v) for fixed random v. */
export function gradgradcheck(fn: Fn, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const name = options.name ?? (fn.name ? `gradgradcheck(${fn.name})` : "gradgradcheck");
  const diff = checkInputs(name, inputs);
  const gen = new Generator(options.seed ?? 0);
  const vs = outputsOf(name, fn, inputs).map((o) => randomLike(gen, o));
  // NOTE: enableGrad, because gradcheck evaluates the function under noGrad for its differences.
  const firstOrder = (...xs: Tensor[]): Tensor[] => enableGrad(() => {
    const outs = outputsOf(name, fn, xs);
    const live = outs.map((o, j) => [o, vs[j]] as const).filter(([o]) => o.requiresGrad);
    if (live.length === 0) return [];
    const gs = grad(live.map(([o]) => o), xs.filter((x) => diff.includes(x)), {
      gradOutputs: live.map(([, v]) => v),
      createGraph: true,
      allowUnused: true,
    });
    return gs.filter((g): g is Tensor => g !== null);
  });
  return gradcheck(firstOrder, inputs, { ...options, name });
}

/** JAX's check_vjp: ⟨vjp(c), t⟩ = ⟨c, Jt⟩ for random c, t, with Jt by central differences. */
export function checkVjp(fn: Fn, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const name = options.name ?? (fn.name ? `checkVjp(${fn.name})` : "checkVjp");
  const { eps = FD.eps, atol = FD.atol, rtol = FD.rtol, raise = true } = options;
  const diff = checkInputs(name, inputs);
  const gen = new Generator(options.seed ?? 0);
  const outs = outputsOf(name, fn, inputs);
  assertFiniteOutputs(name, outs, "at the given inputs");
  const cs = outs.map((o) => randomLike(gen, o));
  const ts = diff.map((x) => randomLike(gen, x));
  const live = outs.map((o, j) => [o, cs[j]] as const).filter(([o]) => o.requiresGrad);
  const gs = live.length === 0 ? diff.map(() => null) :
    grad(live.map(([o]) => o), diff, { gradOutputs: live.map(([, c]) => c), allowUnused: true });
  let lhs = 0;
  gs.forEach((g, i) => {
    if (g) for (let k = 0; k < g.size; k++) lhs += g.data[k] * ts[i].data[k];
  });
  // φ(s) = ⟨c, f(x + s·d)⟩ for a direction d that `move` adds, scaled by s, to each differentiable input.
  const phiAlong = (move: (x: Tensor, i: number, s: number) => void) => (s: number): number => {
    const saved = diff.map((x) => Float64Array.from(x.data));
    diff.forEach((x, i) => move(x, i, s));
    try {
      const ys = noGrad(() => outputsOf(name, fn, inputs));
      let acc = 0;
      cs.forEach((c, j) => {
        for (let k = 0; k < c.size; k++) acc += c.data[k] * ys[j].data[k];
      });
      return acc;
    } finally {
      diff.forEach((x, i) => x.data.set(saved[i]));
    }
  };
  const phi = phiAlong((x, i, s) => {
    for (let k = 0; k < x.size; k++) x.data[k] += s * ts[i].data[k];
  });
  const rhs = (phi(eps) - phi(-eps)) / (2 * eps);
  const tol = atol + rtol * Math.abs(rhs);
  if (Math.abs(lhs - rhs) <= tol) return true;
  const seed = options.seed ?? 0;
  const verdict = probe(phi, lhs, eps, atol, rtol);
  if (verdict.kind === "pass") return true;
  if (verdict.kind === "kink" || verdict.kind === "jump") {
    throw new NotDifferentiableError(`${name}: along the random direction (seed ${seed}), ${kinkNote(verdict)}`);
  }
  // Locate the worst element: the same test along each coordinate direction of each input.
  let worst = { excess: 1, note: "no single element exceeds the tolerance: the errors add up over elements" };
  diff.forEach((x, i) => {
    for (let k = 0; k < x.size && k < MAX_LOCATE; k++) {
      const phiK = phiAlong((y, m, s) => {
        if (m === i) y.data[k] += s;
      });
      const numeric = (phiK(eps) - phiK(-eps)) / (2 * eps);
      const a = gs[i]?.data[k] ?? 0;
      const excess = Math.abs(a - numeric) / (atol + rtol * Math.abs(numeric));
      if (excess > worst.excess || (Number.isNaN(excess) && worst.excess !== Infinity)) {
        worst = {
          excess: Number.isNaN(excess) ? Infinity : excess,
          note:
            `worst element: input ${inputs.indexOf(x)}${indexOf(x.shape, k)} (shape ${formatShape(x.shape)}), where ` +
            `vjp(c) is ${a} but ⟨c, ∂f/∂x⟩ by central differences is ${numeric}`,
        };
      }
    }
  });
  return fail(
    name,
    `${name}: ⟨vjp(c), t⟩ = ${lhs} but ⟨c, J·t⟩ = ${rhs} by central differences ` +
      `(|difference| ${Math.abs(lhs - rhs).toExponential(3)} > atol ${atol} + rtol ${rtol}·|J·t|; seed ${seed}); ` +
      worst.note,
    raise,
  );
}
