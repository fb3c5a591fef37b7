/**
 * The gradient spec of every op in `OPS`: where its source lives, whether it has a derivative, and a sample
 * that calls it. Typed `satisfies Record<OpName, Spec>`, so an op added to `OpName` without a spec here is a
 * type error; table.test.ts also fails at run time for an op in `OPS` that has none.
 * Samples are float64 leaves away from kinks (|x| ≥ 0.1 from 0 and clamp's bounds), poles (x > 0 for log and
 * sqrt, |b| ≥ 1 for div) and ties (max/min inputs are distinct).
 */
import type { GradcheckOptions } from "../../../src/autograd/gradcheck.ts";
import { OPS, type OpName } from "../../../src/autograd/ops/index.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { fromValues, randLeaf } from "./helpers.ts";
import { customOps, registeredOps } from "../../../src/autograd/registry.ts";
import { binaryCrossEntropyWithLogits, crossEntropy, gelu, linear, mseLoss } from "../../../src/nn/functional/index.ts";

export interface Spec {
  /** The op's source file under src/autograd/ops/, which must carry its formula. */
  readonly file: string;
  /** false for ops with no derivative (detach and the comparisons): they pass no gradient. */
  readonly differentiable: boolean;
  /** Fresh sample inputs on every call. */
  readonly inputs: () => Tensor[];
  /** Calls the op through `OPS` on the inputs. */
  readonly call: (...xs: Tensor[]) => Tensor;
  /** Only where the sample needs it (cast: see below). */
  readonly gradcheck?: GradcheckOptions;
}

const rand = (shape: number[], seed: number, scale = 1, shift = 0) => () => [randLeaf(shape, seed, scale, shift)];
const pair = (a: number[], b: number[], bShift = 0) => () => [randLeaf(a, 1), randLeaf(b, 2, bShift === 0 ? 1 : 0.3, bShift)];
const awayFromZero = () => [fromValues([-1.2, 0.3, 0.8, -0.4, 1.9, -2.2], [2, 3])];
const distinct = () => [fromValues([0.3, -1.2, 2.1, 0.9, -0.4, 1.5, -2.2, 0.1, 1.1, -0.8, 2.6, -1.7], [2, 3, 2])];
const positive = (v: number) => (v > 0 ? 1 : 0);
const cond = tensor([[1, 0, 1], [0, 0, 1]]);
const compareInputs = () => [fromValues([1, 2, 3], [3]), fromValues([2], [1])];

export const SPECS = {
  add: { file: "add.ts", differentiable: true, inputs: pair([2, 3], [3]), call: (a, b) => OPS.add(a, b) },
  sub: { file: "sub.ts", differentiable: true, inputs: pair([2, 3], [2, 1]), call: (a, b) => OPS.sub(a, b) },
  mul: { file: "mul.ts", differentiable: true, inputs: pair([2, 3], [3]), call: (a, b) => OPS.mul(a, b) },
  div: { file: "div.ts", differentiable: true, inputs: pair([2, 3], [3], 1.5), call: (a, b) => OPS.div(a, b) },
  neg: { file: "neg.ts", differentiable: true, inputs: rand([2, 3], 3), call: (x) => OPS.neg(x) },
  pow: { file: "pow.ts", differentiable: true, inputs: rand([2, 3], 4, 0.3, 1.5), call: (x) => OPS.pow(x, 2.5) },
  exp: { file: "exp.ts", differentiable: true, inputs: rand([2, 3], 5), call: (x) => OPS.exp(x) },
  expm1: { file: "expm1.ts", differentiable: true, inputs: rand([2, 3], 31), call: (x) => OPS.expm1(x) },
  log: { file: "log.ts", differentiable: true, inputs: rand([2, 3], 6, 0.3, 1.5), call: (x) => OPS.log(x) },
  sqrt: { file: "sqrt.ts", differentiable: true, inputs: rand([2, 3], 7, 0.3, 1.5), call: (x) => OPS.sqrt(x) },
  abs: { file: "abs.ts", differentiable: true, inputs: awayFromZero, call: (x) => OPS.abs(x) },
  tanh: { file: "tanh.ts", differentiable: true, inputs: rand([2, 3], 8), call: (x) => OPS.tanh(x) },
  sigmoid: { file: "sigmoid.ts", differentiable: true, inputs: rand([2, 3], 9), call: (x) => OPS.sigmoid(x) },
  relu: { file: "relu.ts", differentiable: true, inputs: awayFromZero, call: (x) => OPS.relu(x) },
  matmul: { file: "matmul.ts", differentiable: true, inputs: pair([2, 2, 3], [4, 3]), call: (a, b) => OPS.matmul(a, b, false, true) },
  sum: { file: "sum.ts", differentiable: true, inputs: rand([2, 3, 2], 10), call: (x) => OPS.sum(x, [0, 2], true) },
  mean: { file: "mean.ts", differentiable: true, inputs: rand([2, 3, 2], 11), call: (x) => OPS.mean(x, 1) },
  max: { file: "max.ts", differentiable: true, inputs: distinct, call: (x) => OPS.max(x, [0, 2]) },
  min: { file: "min.ts", differentiable: true, inputs: distinct, call: (x) => OPS.min(x, 1, true) },
  logsumexp: { file: "logsumexp.ts", differentiable: true, inputs: rand([2, 3, 2], 12), call: (x) => OPS.logsumexp(x, -1) },
  softmax: { file: "softmax.ts", differentiable: true, inputs: rand([2, 3], 13), call: (x) => OPS.softmax(x, 0) },
  logSoftmax: { file: "log-softmax.ts", differentiable: true, inputs: rand([2, 3], 14), call: (x) => OPS.logSoftmax(x, 1) },
  reshape: { file: "reshape.ts", differentiable: true, inputs: rand([2, 3], 15), call: (x) => OPS.reshape(x, [3, -1]) },
  permute: { file: "permute.ts", differentiable: true, inputs: rand([2, 3, 2], 16), call: (x) => OPS.permute(x, [2, 0, 1]) },
  broadcastTo: { file: "broadcast-to.ts", differentiable: true, inputs: rand([3, 1], 17), call: (x) => OPS.broadcastTo(x, [2, 3, 4]) },
  sumTo: { file: "sum-to.ts", differentiable: true, inputs: rand([2, 3, 4], 18), call: (x) => OPS.sumTo(x, [3, 1]) },
  concat: { file: "concat.ts", differentiable: true, inputs: pair([2, 1], [2, 3]), call: (a, b) => OPS.concat([a, b, a], 1) },
  slice: { file: "slice.ts", differentiable: true, inputs: rand([2, 5], 19), call: (x) => OPS.slice(x, 1, -4, undefined, 2) },
  sliceBackward: { file: "slice-backward.ts", differentiable: true, inputs: rand([2, 2], 32), call: (g) => OPS.sliceBackward(g, [2, 5], { axis: 1, start: 1, step: 2, count: 2 }) },
  gather: { file: "gather.ts", differentiable: true, inputs: rand([2, 3], 20), call: (x) => OPS.gather(x, 1, [[0, 2, 2], [1, 1, 0]]) },
  scatterAdd: {
    file: "scatter-add.ts",
    differentiable: true,
    inputs: rand([2, 3], 33),
    call: (g) => OPS.scatterAdd(g, [2, 3], { axis: 1, index: { values: Float64Array.from([0, 2, 2, 1, 1, 0]), shape: [2, 3] } }),
  },
  cast: {
    file: "cast.ts",
    differentiable: true,
    inputs: rand([2, 3], 21),
    call: (x) => OPS.cast(OPS.cast(x, "float32"), "float64"),
    // Linear, so central differences have no truncation error at any step; 1e-2 keeps float32's rounding of
    // x ± eps (≈ u₃₂·|x| / eps ≈ 6e-6 relative) far below rtol.
    gradcheck: { eps: 1e-2 },
  },
  clamp: { file: "clamp.ts", differentiable: true, inputs: () => [fromValues([-1.7, -0.3, 0.1, 0.6, 1.2, 2.5], [2, 3])], call: (x) => OPS.clamp(x, -0.5, 0.75) },
  where: { file: "where.ts", differentiable: true, inputs: pair([2, 3], [3]), call: (a, b) => OPS.where(cond, a, b) },
  gt: { file: "gt.ts", differentiable: false, inputs: compareInputs, call: (a, b) => OPS.gt(a, b) },
  ge: { file: "ge.ts", differentiable: false, inputs: compareInputs, call: (a, b) => OPS.ge(a, b) },
  lt: { file: "lt.ts", differentiable: false, inputs: compareInputs, call: (a, b) => OPS.lt(a, b) },
  le: { file: "le.ts", differentiable: false, inputs: compareInputs, call: (a, b) => OPS.le(a, b) },
  eq: { file: "eq.ts", differentiable: false, inputs: compareInputs, call: (a, b) => OPS.eq(a, b) },
  ne: { file: "ne.ts", differentiable: false, inputs: compareInputs, call: (a, b) => OPS.ne(a, b) },
  detach: { file: "detach.ts", differentiable: false, inputs: rand([2, 3], 22), call: (x) => OPS.detach(x) },
  reluBackward: { file: "relu-backward.ts", differentiable: true, inputs: () => [randLeaf([2, 3], 23), ...awayFromZero()], call: (g, x) => OPS.reluBackward(g, x, positive) },
  absBackward: { file: "abs-backward.ts", differentiable: true, inputs: () => [randLeaf([2, 3], 24), ...awayFromZero()], call: (g, x) => OPS.absBackward(g, x, Math.sign) },
  clampBackward: { file: "clamp-backward.ts", differentiable: true, inputs: () => [randLeaf([2, 3], 25), ...awayFromZero()], call: (g, x) => OPS.clampBackward(g, x, (v) => (v >= -1 && v <= 1 ? 1 : 0)) },
  maxBackward: { file: "max-backward.ts", differentiable: true, inputs: () => [randLeaf([2, 3], 26), ...awayFromZero()], call: (g, x) => OPS.maxBackward(g, x, tensor([[0.5, 0, 0.5], [1, 0, 0]])) },
  tanhBackward: { file: "tanh-backward.ts", differentiable: true, inputs: () => [randLeaf([2, 3], 27), randLeaf([2, 3], 28, 0.9)], call: (g, y) => OPS.tanhBackward(g, y) },
  sigmoidBackward: { file: "sigmoid-backward.ts", differentiable: true, inputs: () => [randLeaf([2, 3], 29), randLeaf([2, 3], 30, 0.4, 0.5)], call: (g, s) => OPS.sigmoidBackward(g, s) },
} satisfies Record<OpName, Spec>;

const registered = (name: string) => ((registeredOps().get(name) ?? customOps().get(name))?.op ?? (() => {
  throw new Error(`no op registered as '${name}'`);
})) as (...args: unknown[]) => Tensor;

/** The node kinds registered outside `OPS`: nn's fused ops, perturb's node, explain's custom op (paths from src/). */
export const NODE_SPECS: Readonly<Record<string, Spec>> = {
  linear: { file: "nn/functional/linear.ts", differentiable: true, inputs: () => [randLeaf([4, 3], 40), randLeaf([2, 3], 41), randLeaf([2], 42)], call: (x, w, b) => linear(x, w, b) },
  mseLoss: { file: "nn/functional/mse-loss.ts", differentiable: true, inputs: pair([2, 3], [2, 3]), call: (a, b) => mseLoss(a, b) },
  crossEntropy: { file: "nn/functional/cross-entropy.ts", differentiable: true, inputs: rand([3, 4], 43), call: (x) => crossEntropy(x, [0, 3, 1]) },
  binaryCrossEntropyWithLogits: {
    file: "nn/functional/binary-cross-entropy-with-logits.ts",
    differentiable: true,
    inputs: () => [randLeaf([2, 3], 44), randLeaf([2, 3], 45, 0.3, 0.5)],
    call: (x, y) => binaryCrossEntropyWithLogits(x, y, { reduction: "sum" }),
  },
  gelu: { file: "nn/functional/gelu.ts", differentiable: true, inputs: rand([2, 3], 46), call: (x) => gelu(x) },
  geluGrad: { file: "nn/functional/gelu-grad.ts", differentiable: true, inputs: rand([2, 3], 47), call: (x) => registered("geluGrad")(x) },
  // explain's straight-through scenario defines round as a custom op; values away from the half-integers.
  round: { file: "explain/scenarios/ste.ts", differentiable: true, inputs: awayFromZero, call: (z) => registered("round")(z) },
  perturb: { file: "perturb/perturb-op.ts", differentiable: true, inputs: () => [randLeaf([1], 48, 0.3, 1.5)], call: (l) => registered("perturb")(l.reshape([]), 0.3, 1.2) },
};
