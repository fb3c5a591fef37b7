/**
 * Small random programs for property tests of the tape: a few leaves whose shapes all broadcast to [2, 3], then a
 * sequence of unary, binary (broadcasting), reduction, softmax, where and detach steps, each reading earlier
 * values, and a scalar loss: the sum of the last value.
 *
 * Every step is built so that values stay O(1) when the leaves are in [-2, 2] (tanh before exp and as a
 * multiplier, 1 + y² as a divisor and under log and sqrt), so that programs never overflow and the gradients'
 * rounding errors are on the scale of the values. A step names its operands by index modulo the number of
 * values so far, so fast-check can shrink any part of a program independently.
 */
import fc from "fast-check";
import { tensor } from "../../src/autograd/creation.ts";
import { where } from "../../src/autograd/ops/where.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";

/** Shapes that broadcast to [2, 3], and so with each other. */
export const LEAF_SHAPES: readonly (readonly number[])[] = [[], [3], [1, 3], [2, 1], [2, 3]];

export const UNARY = ["tanh", "sigmoid", "neg", "exp", "log", "sqrt", "relu", "abs", "square", "clamp"] as const;
export const BINARY = ["add", "sub", "mul", "div", "where"] as const;
export const REDUCE = ["sum", "mean", "max", "min", "logsumexp", "softmax", "logSoftmax"] as const;

export type Step =
  | { readonly kind: "unary"; readonly op: (typeof UNARY)[number]; readonly x: number }
  | { readonly kind: "binary"; readonly op: (typeof BINARY)[number]; readonly a: number; readonly b: number }
  | { readonly kind: "reduce"; readonly op: (typeof REDUCE)[number]; readonly x: number; readonly axis: number }
  | { readonly kind: "scale"; readonly x: number; readonly c: number }
  | { readonly kind: "detach"; readonly x: number };

export interface Program {
  readonly leaves: readonly { readonly shape: readonly number[]; readonly values: readonly number[] }[];
  readonly steps: readonly Step[];
}

const index = fc.nat({ max: 1000 });
// NOTE: values below 1e-4 in size flush to 0: products of a few of them would reach subnormals, where scaling
// by a power of two stops being exact and relative rounding bounds stop holding; they test nothing else.
const value = fc
  .double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true })
  .map((v) => (Math.abs(v) < 1e-4 ? 0 : v));

const leafArb = fc
  .constantFrom(...LEAF_SHAPES)
  .chain((shape) =>
    fc.array(value, { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })
      .map((values) => ({ shape, values })),
  );

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("unary" as const), op: fc.constantFrom(...UNARY), x: index }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("binary" as const), op: fc.constantFrom(...BINARY), a: index, b: index }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("reduce" as const),
      op: fc.constantFrom(...REDUCE),
      x: index,
      axis: fc.nat({ max: 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("scale" as const),
      x: index,
      c: value,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("detach" as const), x: index }) },
);

/** Programs of 1 to `maxLeaves` leaves and 1 to `maxSteps` steps. */
export function programArb(maxLeaves = 3, maxSteps = 8): fc.Arbitrary<Program> {
  return fc.record({
    leaves: fc.array(leafArb, { minLength: 1, maxLength: maxLeaves }),
    steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps }),
  });
}

/** Fresh float64 leaves for a program, all requiring grad. */
export function makeLeaves(p: Program): Tensor[] {
  return p.leaves.map((l) => tensor([...l.values], { shape: l.shape, requiresGrad: true }));
}

function unary(op: Step & { kind: "unary" }, x: Tensor): Tensor {
  switch (op.op) {
    case "tanh":
      return x.tanh();
    case "sigmoid":
      return x.sigmoid();
    case "neg":
      return x.neg();
    case "exp":
      return x.tanh().exp();
    case "log":
      return x.mul(x).add(1).log();
    case "sqrt":
      return x.mul(x).add(1).sqrt();
    case "relu":
      return x.relu();
    case "abs":
      return x.abs();
    case "square":
      return x.tanh().pow(2);
    case "clamp":
      return x.clamp(-0.5, 0.75);
  }
}

function binary(op: Step & { kind: "binary" }, a: Tensor, b: Tensor): Tensor {
  switch (op.op) {
    case "add":
      return a.add(b);
    case "sub":
      return a.sub(b);
    case "mul":
      return a.mul(b.tanh());
    case "div":
      return a.div(b.mul(b).add(1));
    case "where":
      return where(a.gt(b), a, b);
  }
}

function reduce(op: Step & { kind: "reduce" }, x: Tensor): Tensor {
  // Reduced axes are kept as 1 so that every value still broadcasts to [2, 3]; a scalar is reduced whole.
  const axis = x.ndim === 0 ? undefined : op.axis % x.ndim;
  const soft = axis ?? 0;
  switch (op.op) {
    case "sum":
      return x.sum(axis, true);
    case "mean":
      return x.mean(axis, true);
    case "max":
      return x.max(axis, true);
    case "min":
      return x.min(axis, true);
    case "logsumexp":
      return x.logsumexp(axis, true);
    case "softmax":
      return x.softmax(soft);
    case "logSoftmax":
      return x.logSoftmax(soft);
  }
}

/** Runs the program on `leaves`; returns every value computed (leaves first) and the loss, Σ of the last one. */
export function runProgram(p: Program, leaves: readonly Tensor[]): { values: Tensor[]; loss: Tensor } {
  const values: Tensor[] = [...leaves];
  const at = (i: number) => values[i % values.length];
  for (const s of p.steps) {
    switch (s.kind) {
      case "unary":
        values.push(unary(s, at(s.x)));
        break;
      case "binary":
        values.push(binary(s, at(s.a), at(s.b)));
        break;
      case "reduce":
        values.push(reduce(s, at(s.x)));
        break;
      case "scale":
        values.push(at(s.x).mul(s.c));
        break;
      case "detach":
        values.push(at(s.x).detach());
        break;
    }
  }
  return { values, loss: values[values.length - 1].sum() };
}

/** A one-line description for failure messages. */
export function describeProgram(p: Program): string {
  const leaves = p.leaves.map((l, i) => `x${i}${JSON.stringify(l.shape)}`).join(" ");
  const steps = p.steps.map((s) => {
    switch (s.kind) {
      case "unary":
        return `${s.op}(#${s.x})`;
      case "binary":
        return `${s.op}(#${s.a}, #${s.b})`;
      case "reduce":
        return `${s.op}(#${s.x}, axis ${s.axis})`;
      case "scale":
        return `${s.c}·#${s.x}`;
      case "detach":
        return `detach(#${s.x})`;
    }
  });
  return `${leaves}; ${steps.join("; ")}`;
}
