/**
 * A small straight-line program over the public ops: leaves x0, x1, … (given shapes), then steps v0, v1, …, each
 * one op applied to earlier values, any operand possibly cut by detach (printed sg(·)); the last value is the
 * output. `arbProgram` draws them; here they run on given leaves and print as readable code.
 */
import { where } from "../autograd/ops/where.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { noGrad } from "../autograd/mode.ts";
import { formatShape, sameShape, type Shape } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";

export const UNARY = ["neg", "exp", "log", "sqrt", "square", "tanh", "sigmoid", "relu", "abs", "clamp"] as const;
export const BINARY = ["add", "sub", "mul", "div"] as const;
export const AXIS = ["sum", "mean", "max", "logsumexp", "softmax", "logSoftmax"] as const;

export type UnaryName = (typeof UNARY)[number];
export type BinaryName = (typeof BINARY)[number];
export type AxisName = (typeof AXIS)[number];

/** An operand: an earlier value (leaves first, then steps), possibly detached. */
export interface Ref {
  readonly value: number;
  readonly detach: boolean;
}

export type Step =
  | { readonly kind: "unary"; readonly op: UnaryName; readonly x: Ref }
  | { readonly kind: "binary"; readonly op: BinaryName; readonly a: Ref; readonly b: Ref }
  /** Reductions keep the reduced axis (as 1); softmax and logSoftmax keep the shape. */
  | { readonly kind: "axis"; readonly op: AxisName; readonly x: Ref; readonly axis: number }
  /** x @ w for a leaf w of shape [n, n], n the last dimension of x. */
  | { readonly kind: "matmul"; readonly x: Ref; readonly w: number }
  /** where(gt(cond, 0), a, b): the condition carries no gradient. */
  | { readonly kind: "where"; readonly cond: Ref; readonly a: Ref; readonly b: Ref };

const unary: Record<UnaryName, (x: Tensor) => Tensor> = {
  neg: (x) => x.neg(),
  exp: (x) => x.exp(),
  log: (x) => x.log(),
  sqrt: (x) => x.sqrt(),
  square: (x) => x.pow(2),
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  relu: (x) => x.relu(),
  abs: (x) => x.abs(),
  clamp: (x) => x.clamp(-1, 1),
};

const binary: Record<BinaryName, (a: Tensor, b: Tensor) => Tensor> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
};

const axisOps: Record<AxisName, (x: Tensor, axis: number) => Tensor> = {
  sum: (x, axis) => x.sum(axis, true),
  mean: (x, axis) => x.mean(axis, true),
  max: (x, axis) => x.max(axis, true),
  logsumexp: (x, axis) => x.logsumexp(axis, true),
  softmax: (x, axis) => x.softmax(axis),
  logSoftmax: (x, axis) => x.logSoftmax(axis),
};

export class Program {
  /**
   * @param leaves the leaves' shapes, in the order `run` takes them
   * @param steps each step's op and operands
   * @param shapes the shape of every value, leaves then steps
   */
  constructor(
    readonly leaves: readonly Shape[],
    readonly steps: readonly Step[],
    readonly shapes: readonly Shape[],
  ) {}

  /** The shape of the output (the last value). */
  get outputShape(): Shape {
    return this.shapes[this.shapes.length - 1];
  }

  /** Runs the program on one tensor per leaf, recording on the tape as any code would. */
  run(...leaves: Tensor[]): Tensor {
    return this.evaluate(leaves, null);
  }

  /**
   * The program with every detached operand replaced by a constant: its value at `at` (copied now). This is what
   * stop-gradient means, so at `at` the derivatives of the frozen program, by finite differences or at any order,
   * must equal autodiff's derivatives of `run` there: `gradcheck(p.frozenAt(xs), xs)` checks detach itself.
   */
  frozenAt(at: readonly Tensor[]): (...leaves: Tensor[]) => Tensor {
    const frozen = new Map<number, Tensor>();
    const record = (k: number, t: Tensor) => frozen.set(k, new Tensor(t.data.slice(), t.shape));
    noGrad(() => this.evaluate(at, null, record));
    return (...leaves) => this.evaluate(leaves, frozen);
  }

  private evaluate(leaves: readonly Tensor[], frozen: Map<number, Tensor> | null, seen?: (k: number, t: Tensor) => void): Tensor {
    if (leaves.length !== this.leaves.length) {
      throw new ArgumentError(`program: takes ${this.leaves.length} leaves, got ${leaves.length}`);
    }
    leaves.forEach((t, i) => {
      if (!(t instanceof Tensor) || !sameShape(t.shape, this.leaves[i])) {
        const got = t instanceof Tensor ? `shape ${formatShape(t.shape)}` : typeof t;
        throw new ArgumentError(`program: leaf x${i} must have shape ${formatShape(this.leaves[i])}, got ${got}`);
      }
    });
    const values: Tensor[] = [...leaves];
    const get = (r: Ref) => {
      if (!r.detach) return values[r.value];
      seen?.(r.value, values[r.value]);
      return frozen?.get(r.value) ?? values[r.value].detach();
    };
    for (const s of this.steps) {
      if (s.kind === "unary") values.push(unary[s.op](get(s.x)));
      else if (s.kind === "binary") values.push(binary[s.op](get(s.a), get(s.b)));
      else if (s.kind === "axis") values.push(axisOps[s.op](get(s.x), s.axis));
      else if (s.kind === "matmul") values.push(get(s.x).matmul(values[s.w]));
      else values.push(where(get(s.cond).gt(0), get(s.a), get(s.b)));
    }
    return values[values.length - 1];
  }

  /** The program as code: one line per step, then the output. */
  toString(): string {
    const n = this.leaves.length;
    const name = (v: number) => (v < n ? `x${v}` : `v${v - n}`);
    const ref = (r: Ref) => (r.detach ? `sg(${name(r.value)})` : name(r.value));
    const lines = this.steps.map((s, k) => {
      const rhs =
        s.kind === "unary"
          ? s.op === "square"
            ? `pow(${ref(s.x)}, 2)`
            : s.op === "clamp"
              ? `clamp(${ref(s.x)}, -1, 1)`
              : `${s.op}(${ref(s.x)})`
          : s.kind === "binary"
            ? `${s.op}(${ref(s.a)}, ${ref(s.b)})`
            : s.kind === "axis"
              ? `${s.op}(${ref(s.x)}, ${s.axis}${s.op === "softmax" || s.op === "logSoftmax" ? "" : ", keepdim"})`
              : s.kind === "matmul"
                ? `matmul(${ref(s.x)}, ${name(s.w)})`
                : `where(gt(${ref(s.cond)}, 0), ${ref(s.a)}, ${ref(s.b)})`;
      return `  v${k} = ${rhs}  // ${formatShape(this.shapes[n + k])}`;
    });
    const params = this.leaves.map((s, i) => `x${i}: ${formatShape(s)}`).join(", ");
    return [`(${params}) => {`, ...lines, `  return ${name(this.shapes.length - 1)}`, "}"].join("\n");
  }
}
