/**
 * Random well-typed programs (see program.ts), drawn as raw genes and decoded, so that every shrink of the genes
 * is again a valid program: fast-check drops steps, turns ops into `add`, points operands at the newest value and
 * removes detaches, all without ever producing an ill-typed program.
 *
 * Typing by construction:
 *   - shapes: every leaf's shape is a base shape with leading axes dropped and some dimensions set to 1, and every
 *     op keeps that property (reductions keep their axis as 1, matmul multiplies by a square leaf), so any two
 *     values broadcast together;
 *   - values: each value carries an interval bound from the leaves' range, and a gene whose op would leave its
 *     domain (log or sqrt of something that may be below 0.1, division by something that may be near 0, exp of more
 *     than 10) or exceed 1e4 in size is skipped. So every program is finite on every leaf in the range.
 */
import fc from "fast-check";
import type { Shape } from "../autograd/shape.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { applyMask, arbBroadcastMask, arbShape, type BroadcastMask, type ShapeOptions } from "./arb-shape.ts";
import { arbTensors, type ValueOptions } from "./arb-tensor.ts";
import { AXIS, BINARY, Program, UNARY, type Ref, type Step } from "./program.ts";
import { maxOf, minOf } from "../plot/extent.ts";

/** Every op a program can use; the first is what a shrunk op becomes. */
export const PROGRAM_OPS = [...BINARY, ...UNARY, ...AXIS, "matmul", "where"] as const;
export type ProgramOp = (typeof PROGRAM_OPS)[number];

export interface ProgramOptions {
  /** Default 5. */
  readonly maxSteps?: number;
  /** Input leaves (default 3); matmul adds a square leaf of its own. */
  readonly maxLeaves?: number;
  /** The base shape (default rank 1 to 2, dimensions 1 to 3); leaves may drop axes of it down to scalars. */
  readonly shape?: ShapeOptions;
  /** The ops to draw from (default all of PROGRAM_OPS). */
  readonly ops?: readonly ProgramOp[];
  /** Draw detach placements (default true). */
  readonly detach?: boolean;
  /** The leaves' range (default −2 to 2): intervals start from it, and arbProgramCase draws from it. */
  readonly min?: number;
  readonly max?: number;
}

type Interval = readonly [number, number];

const LIMIT = 1e4;
const MARGIN = 0.1;

interface Gene {
  readonly op: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly axis: number;
  readonly sgA: boolean;
  readonly sgB: boolean;
}

const hull = (xs: readonly number[]): Interval => [minOf(xs), maxOf(xs)];

function unaryBound(op: (typeof UNARY)[number], [lo, hi]: Interval): Interval | null {
  switch (op) {
    case "neg": return [-hi, -lo];
    case "exp": return hi <= 10 ? [Math.exp(lo), Math.exp(hi)] : null;
    case "log": return lo >= MARGIN ? [Math.log(lo), Math.log(hi)] : null;
    case "sqrt": return lo >= MARGIN ? [Math.sqrt(lo), Math.sqrt(hi)] : null;
    case "square": return [lo <= 0 && hi >= 0 ? 0 : Math.min(lo * lo, hi * hi), Math.max(lo * lo, hi * hi)];
    case "tanh": return [Math.tanh(lo), Math.tanh(hi)];
    case "sigmoid": return [1 / (1 + Math.exp(-lo)), 1 / (1 + Math.exp(-hi))];
    case "relu": return [Math.max(lo, 0), Math.max(hi, 0)];
    case "abs": return [lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi)), Math.max(Math.abs(lo), Math.abs(hi))];
    case "clamp": return [Math.min(Math.max(lo, -1), 1), Math.min(Math.max(hi, -1), 1)];
  }
}

function binaryBound(op: (typeof BINARY)[number], a: Interval, b: Interval): Interval | null {
  switch (op) {
    case "add": return [a[0] + b[0], a[1] + b[1]];
    case "sub": return [a[0] - b[1], a[1] - b[0]];
    case "mul": return hull([a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]);
    case "div": return b[0] >= MARGIN || b[1] <= -MARGIN ? hull([a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]) : null;
  }
}

function axisBound(op: (typeof AXIS)[number], [lo, hi]: Interval, n: number): Interval {
  switch (op) {
    case "sum": return hull([n * lo, n * hi]);
    case "mean": case "max": return [lo, hi];
    case "logsumexp": return [lo, hi + Math.log(n)];
    case "softmax": return [0, 1];
    case "logSoftmax": return [lo - hi - Math.log(n), 0];
  }
}

const broadcast = (a: Shape, b: Shape): Shape => {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => Math.max(a[i - n + a.length] ?? 1, b[i - n + b.length] ?? 1));
};

/** Decodes genes into a program; see the header for the typing rules. */
function decode(base: Shape, masks: readonly BroadcastMask[], genes: readonly Gene[], options: ProgramOptions): Program {
  const { min = -2, max = 2, detach = true } = options;
  const ops = options.ops ?? PROGRAM_OPS;
  const leafRange: Interval = [min, max];
  const inputs = masks.map((m) => applyMask(base, m));
  // Values in draw order: inputs, then steps; weights (matmul's leaves) are numbered after the inputs at the end.
  const values: { shape: Shape; bound: Interval }[] = inputs.map((shape) => ({ shape, bound: leafRange }));
  const steps: Step[] = [];
  const weights: Shape[] = [];
  // The i-th newest value, or (for an operand with a domain) the first one from there whose bound fits it.
  const pick = (i: number, sg: boolean, fits: (b: Interval) => boolean = () => true): Ref => {
    for (let k = 0; k < values.length; k++) {
      const value = values.length - 1 - ((i + k) % values.length);
      if (fits(values[value].bound)) return { value, detach: detach && sg };
    }
    return { value: values.length - 1 - (i % values.length), detach: detach && sg };
  };
  const positive = (b: Interval) => b[0] >= MARGIN;
  for (const g of genes) {
    const op = ops[g.op % ops.length];
    const a = pick(g.a, g.sgA, op === "log" || op === "sqrt" ? positive : undefined);
    const b = pick(g.b, g.sgB, op === "div" ? (v) => positive(v) || v[1] <= -MARGIN : undefined);
    const va = values[a.value];
    const vb = values[b.value];
    let step: Step | null = null;
    let bound: Interval | null = null;
    let shape: Shape = va.shape;
    if ((BINARY as readonly string[]).includes(op)) {
      const name = op as (typeof BINARY)[number];
      step = { kind: "binary", op: name, a, b };
      bound = binaryBound(name, va.bound, vb.bound);
      shape = broadcast(va.shape, vb.shape);
    } else if ((UNARY as readonly string[]).includes(op)) {
      const name = op as (typeof UNARY)[number];
      step = { kind: "unary", op: name, x: a };
      bound = unaryBound(name, va.bound);
    } else if ((AXIS as readonly string[]).includes(op) && va.shape.length > 0) {
      const name = op as (typeof AXIS)[number];
      const axis = -1 - (g.axis % va.shape.length);
      step = { kind: "axis", op: name, x: a, axis };
      bound = axisBound(name, va.bound, va.shape[va.shape.length + axis]);
      shape = name === "softmax" || name === "logSoftmax" ? va.shape : va.shape.map((d, i) => (i === va.shape.length + axis ? 1 : d));
    } else if (op === "matmul" && va.shape.length >= 2 && va.shape.length <= 3) {
      const n = va.shape[va.shape.length - 1];
      step = { kind: "matmul", x: a, w: -1 - weights.length };
      const m = n * Math.max(Math.abs(va.bound[0]), Math.abs(va.bound[1])) * Math.max(Math.abs(min), Math.abs(max));
      bound = [-m, m];
      weights.push([n, n]);
    } else if (op === "where") {
      const c = pick(g.c, false);
      step = { kind: "where", cond: c, a, b };
      bound = hull([...va.bound, ...vb.bound]);
      shape = broadcast(broadcast(values[c.value].shape, va.shape), vb.shape);
    }
    if (step === null || bound === null || !(Math.abs(bound[0]) <= LIMIT && Math.abs(bound[1]) <= LIMIT)) {
      if (step?.kind === "matmul") weights.pop();
      continue;
    }
    steps.push(step);
    values.push({ shape, bound });
  }
  // Final numbering: inputs, weights, steps.
  const L = inputs.length;
  const W = weights.length;
  const renum = (v: number) => (v < 0 ? L + (-1 - v) : v < L ? v : v + W);
  const re = (r: Ref): Ref => ({ value: renum(r.value), detach: r.detach });
  const final = steps.map((s): Step => {
    switch (s.kind) {
      case "unary": return { ...s, x: re(s.x) };
      case "binary": return { ...s, a: re(s.a), b: re(s.b) };
      case "axis": return { ...s, x: re(s.x) };
      case "matmul": return { ...s, x: re(s.x), w: renum(s.w) };
      case "where": return { ...s, cond: re(s.cond), a: re(s.a), b: re(s.b) };
    }
  });
  const shapes = [...inputs, ...weights, ...values.slice(L).map((v) => v.shape)];
  return new Program([...inputs, ...weights], final, shapes);
}

/** Random well-typed programs over the public ops, with random detach placement and broadcasting. */
export function arbProgram(options: ProgramOptions = {}): fc.Arbitrary<Program> {
  const { maxSteps = 5, maxLeaves = 3 } = options;
  const shape = { minRank: 1, maxRank: 2, maxDim: 3, ...options.shape };
  const maxRank = shape.maxRank;
  const count = (options.ops ?? PROGRAM_OPS).length;
  const gene = fc.record({
    op: fc.integer({ min: 0, max: count - 1 }),
    a: fc.nat(7),
    b: fc.nat(7),
    c: fc.nat(7),
    axis: fc.nat(3),
    // A detach on one operand in four: enough to cut most programs somewhere, few enough to leave paths.
    sgA: fc.nat(3).map((k) => k === 3),
    sgB: fc.nat(3).map((k) => k === 3),
  });
  return fc
    .tuple(
      arbShape(shape),
      fc.array(arbBroadcastMask(maxRank), { minLength: 1, maxLength: maxLeaves }),
      fc.array(gene, { minLength: 1, maxLength: maxSteps }),
    )
    .map(([base, masks, genes]) => decode(base, masks, genes, options));
}

/** A program with leaves to run it on, drawn from the program's range (kinks of relu, abs and clamp avoided). */
export function arbProgramCase(options: ProgramOptions & Omit<ValueOptions, "min" | "max"> = {}): fc.Arbitrary<{ program: Program; inputs: Tensor[] }> {
  const { min = -2, max = 2, avoid = [-1, 0, 1], margin, step } = options;
  return arbProgram(options).chain((program) =>
    arbTensors(program.leaves, { min, max, avoid, margin, step }).map((inputs) => ({ program, inputs })),
  );
}
