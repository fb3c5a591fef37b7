/**
 * The list of built-in ops: one line per op file. `OPS` maps each node kind to its op, and `OpName` is derived from
 * it, so a new op is its file plus its line here. Defining an op registers it by name (`registry.ts`); Tensor's
 * methods are installed from here in `methods.ts`.
 */
import { absBackward } from "./abs-backward.ts";
import { abs } from "./abs.ts";
import { add } from "./add.ts";
import { broadcastTo } from "./broadcast-to.ts";
import { cast } from "./cast.ts";
import { clampBackward } from "./clamp-backward.ts";
import { clamp } from "./clamp.ts";
import { concat } from "./concat.ts";
import { detach } from "./detach.ts";
import { div } from "./div.ts";
import { eq } from "./eq.ts";
import { exp } from "./exp.ts";
import { expm1 } from "./expm1.ts";
import { gather } from "./gather.ts";
import { ge } from "./ge.ts";
import { gt } from "./gt.ts";
import { le } from "./le.ts";
import { logSoftmax } from "./log-softmax.ts";
import { log } from "./log.ts";
import { logsumexp } from "./logsumexp.ts";
import { lt } from "./lt.ts";
import { matmulT } from "./matmul.ts";
import { maxBackward } from "./max-backward.ts";
import { max } from "./max.ts";
import { mean } from "./mean.ts";
import { min } from "./min.ts";
import { mul } from "./mul.ts";
import { ne } from "./ne.ts";
import { neg } from "./neg.ts";
import { permute } from "./permute.ts";
import { pow } from "./pow.ts";
import { reluBackward } from "./relu-backward.ts";
import { relu } from "./relu.ts";
import { reshape } from "./reshape.ts";
import { scatterAdd } from "./scatter-add.ts";
import { sigmoidBackward } from "./sigmoid-backward.ts";
import { sigmoid } from "./sigmoid.ts";
import { sliceBackward } from "./slice-backward.ts";
import { slice } from "./slice.ts";
import { softmax } from "./softmax.ts";
import { sqrt } from "./sqrt.ts";
import { sub } from "./sub.ts";
import { sumTo } from "./sum-to.ts";
import { sum } from "./sum.ts";
import { tanhBackward } from "./tanh-backward.ts";
import { tanh } from "./tanh.ts";
import { where } from "./where.ts";

/** Every built-in node kind, by the name its node carries. */
export const OPS = {
  add, sub, mul, div, neg, pow, exp, expm1, log, sqrt, abs, tanh, sigmoid, relu,
  matmul: matmulT, sum, mean, max, min, logsumexp, softmax, logSoftmax,
  reshape, permute, broadcastTo, sumTo, concat, slice, sliceBackward, gather, scatterAdd, cast,
  clamp, where, gt, ge, lt, le, eq, ne, detach,
  reluBackward, absBackward, clampBackward, maxBackward, tanhBackward, sigmoidBackward,
};

export type OpName = keyof typeof OPS;

export {
  abs, add, broadcastTo, cast, clamp, concat, detach, div, eq, exp, expm1, gather, ge, gt, le, log, logSoftmax,
  logsumexp, lt, matmulT, max, mean, min, mul, ne, neg, permute, pow, relu, reshape, sigmoid, slice, softmax, sqrt,
  sub, sum, sumTo, tanh, where,
};
export { matmul } from "./matmul.ts";
export { squeeze, unsqueeze } from "./reshape.ts";
export { transpose } from "./permute.ts";
export { stack } from "./concat.ts";
export { select } from "./slice.ts";
export type { IndexLike } from "./gather.ts";
