/**
 * Runs one corpus program through tapegrad's public API, the way FORMAT.md says the PyTorch oracle reads it:
 * every op output, the first-order gradient (or null) of every input with requires_grad, and, when the program
 * asks for it, the double-backward scalar s = Σᵢ sum(gᵢ·vᵢ) and the gradients of s.
 */
import { grad, tensor, where, type Tensor } from "../../src/index.ts";
import { decode, type JsonNumber, type Program, type ProgramOp } from "./corpus.ts";

type Attrs = Readonly<Record<string, unknown>>;

interface OpSpec {
  readonly arity: number;
  readonly attrs: readonly string[];
  readonly run: (args: readonly Tensor[], attrs: Attrs) => Tensor;
}

const num = (attrs: Attrs, key: string): number => {
  const v = attrs[key];
  if (typeof v !== "number") throw new Error(`attr '${key}' must be a number, got ${JSON.stringify(v)}`);
  return v;
};
const optNum = (attrs: Attrs, key: string): number | null => (attrs[key] == null ? null : num(attrs, key));
/** `axis: null` (or absent) reduces every axis. */
const axisOf = (attrs: Attrs): number | undefined => optNum(attrs, "axis") ?? undefined;
const keepdim = (attrs: Attrs): boolean => attrs.keepdims === true;
const shapeOf = (attrs: Attrs): number[] => attrs.shape as number[];
const reduction = (attrs: Attrs): string => (attrs.reduction as string | undefined) ?? "mean";

function reduce(x: Tensor, how: string): Tensor {
  if (how === "none") return x;
  if (how === "sum") return x.sum();
  if (how === "mean") return x.mean();
  throw new Error(`unknown reduction '${how}'`);
}

const unary = (f: (x: Tensor) => Tensor): OpSpec => ({ arity: 1, attrs: [], run: ([x]) => f(x) });
const binary = (f: (a: Tensor, b: Tensor) => Tensor): OpSpec => ({ arity: 2, attrs: [], run: ([a, b]) => f(a, b) });
const reducer = (f: (x: Tensor, axis: number | undefined, keep: boolean) => Tensor): OpSpec => ({
  arity: 1,
  attrs: ["axis", "keepdims"],
  run: ([x], a) => f(x, axisOf(a), keepdim(a)),
});

const OPS: Readonly<Record<string, OpSpec>> = {
  add: binary((a, b) => a.add(b)),
  sub: binary((a, b) => a.sub(b)),
  mul: binary((a, b) => a.mul(b)),
  div: binary((a, b) => a.div(b)),
  neg: unary((x) => x.neg()),
  pow: { arity: 1, attrs: ["exponent"], run: ([x], a) => x.pow(num(a, "exponent")) },
  exp: unary((x) => x.exp()),
  log: unary((x) => x.log()),
  tanh: unary((x) => x.tanh()),
  sigmoid: unary((x) => x.sigmoid()),
  sqrt: unary((x) => x.sqrt()),
  abs: unary((x) => x.abs()),
  relu: unary((x) => x.relu()),
  matmul: binary((a, b) => a.matmul(b)),
  sum: reducer((x, axis, keep) => x.sum(axis, keep)),
  mean: reducer((x, axis, keep) => x.mean(axis, keep)),
  max: reducer((x, axis, keep) => x.max(axis, keep)),
  logsumexp: reducer((x, axis, keep) => x.logsumexp(axis, keep)),
  reshape: { arity: 1, attrs: ["shape"], run: ([x], a) => x.reshape(shapeOf(a)) },
  transpose: unary((x) => x.transpose()),
  broadcast_to: { arity: 1, attrs: ["shape"], run: ([x], a) => x.broadcastTo(shapeOf(a)) },
  softmax: unary((x) => x.softmax(-1)),
  log_softmax: unary((x) => x.logSoftmax(-1)),
  // l_i = logsumexp(logits_i) − logits_i[label_i], then the reduction (mean divides by N).
  cross_entropy: {
    arity: 1,
    attrs: ["labels", "reduction"],
    run: ([logits], a) => {
      const labels = a.labels as number[];
      const picked = logits.gather(1, labels.map((l) => [l]));
      return reduce(logits.logsumexp(1, true).sub(picked).reshape([labels.length]), reduction(a));
    },
  },
  // (pred − target)², both differentiable, mean over all elements.
  mse: {
    arity: 2,
    attrs: ["reduction"],
    run: ([pred, target], a) => {
      if (pred.shape.join() !== target.shape.join()) throw new Error("mse: pred and target shapes differ");
      return reduce(pred.sub(target).pow(2), reduction(a));
    },
  },
  detach: unary((x) => x.detach()),
  gt: binary((a, b) => a.gt(b)),
  ge: binary((a, b) => a.ge(b)),
  lt: binary((a, b) => a.lt(b)),
  le: binary((a, b) => a.le(b)),
  eq: binary((a, b) => a.eq(b)),
  ne: binary((a, b) => a.ne(b)),
  where: { arity: 3, attrs: [], run: ([c, a, b]) => where(c, a, b) },
  clamp: { arity: 1, attrs: ["min", "max"], run: ([x], a) => x.clamp(optNum(a, "min"), optNum(a, "max")) },
  // L + n·L/sg(L), composed from mul, div, detach and add exactly as the seed writes it. The perturbation
  // module's fused node (one op with its own rule) is a separate thing; this replays the composed formula.
  perturb_loss: {
    arity: 1,
    attrs: ["n"],
    run: ([loss], a) => loss.add(loss.mul(num(a, "n")).div(loss.detach())),
  },
};

function checkAttrs(op: ProgramOp, spec: OpSpec): Attrs {
  const attrs = op.attrs ?? {};
  for (const key of Object.keys(attrs)) {
    if (key.startsWith("_") || key === "comment") continue;
    if (!spec.attrs.includes(key)) throw new Error(`op '${op.out}': unknown attr '${key}' for ${op.op}`);
  }
  return attrs;
}

function fromJson(data: readonly JsonNumber[], shape: readonly number[], requiresGrad = false): Tensor {
  return tensor(Float64Array.from(data, decode), { shape, requiresGrad });
}

export interface DoubleBackward {
  readonly s: number;
  readonly grads: ReadonlyMap<string, Tensor | null>;
}

export interface Replay {
  /** Every op output, by name. */
  readonly values: ReadonlyMap<string, Tensor>;
  /** The gradient of every input with requires_grad, or null where the output does not depend on it. */
  readonly grads: ReadonlyMap<string, Tensor | null>;
  readonly doubleBackward: DoubleBackward | null;
}

/** Runs the ops of `program` in order and differentiates its output. */
export function interpret(program: Program): Replay {
  const env = new Map<string, Tensor>();
  for (const input of program.inputs) env.set(input.name, fromJson(input.data, input.shape, input.requires_grad));
  const values = new Map<string, Tensor>();
  for (const op of program.ops) {
    const spec = OPS[op.op];
    if (spec === undefined) throw new Error(`op '${op.out}': unknown op '${op.op}'`);
    if (op.args.length !== spec.arity) throw new Error(`op '${op.out}': ${op.op} takes ${spec.arity} args`);
    const args = op.args.map((name) => {
      const t = env.get(name);
      if (t === undefined) throw new Error(`op '${op.out}': '${name}' is not defined before it`);
      return t;
    });
    const out = spec.run(args, checkAttrs(op, spec));
    env.set(op.out, out);
    values.set(op.out, out);
  }
  const output = env.get(program.output);
  if (output === undefined) throw new Error(`output '${program.output}' is not defined`);
  const wrt = program.inputs.filter((i) => i.requires_grad);
  const leaves = wrt.map((i) => env.get(i.name) as Tensor);
  const seed = program.grad_output === undefined ? undefined : fromJson(program.grad_output, output.shape);
  const createGraph = program.double_backward === true;
  // With allowUnused, grad() gives null for every input when the output itself has no differentiable path.
  const first = grad(output, leaves, { gradOutputs: seed, createGraph, allowUnused: true });
  const grads = new Map(wrt.map((input, i) => [input.name, first[i]] as const));
  if (!createGraph) return { values, grads, doubleBackward: null };

  // s = Σᵢ sum(gᵢ·vᵢ) over the inputs whose first-order gradient exists; vᵢ defaults to ones.
  let s: Tensor | null = null;
  wrt.forEach((input, i) => {
    const g = first[i];
    if (g === null) return;
    const given = program.double_backward_vectors?.[input.name];
    const term = given === undefined ? g.sum() : g.mul(fromJson(given, input.shape)).sum();
    s = s === null ? term : s.add(term);
  });
  const total = s as Tensor | null;
  const second = total === null ? leaves.map(() => null) : grad(total, leaves, { allowUnused: true });
  return {
    values,
    grads,
    doubleBackward: {
      s: total === null ? 0 : total.item(),
      grads: new Map(wrt.map((input, i) => [input.name, second[i]] as const)),
    },
  };
}
