/**
 * Every op, in one table. `OPS` is checked against `OpName`, so an op without a definition (and so without a
 * backward rule) is a type error, and tests iterate it to find ops that lack a gradient spec.
 * NOTE: a file apart from `index.ts` (which the Tensor class imports), because building this object reads every
 * op while the modules load, which must not happen inside the tensor ↔ ops import cycle.
 */
import { abs } from "./abs.ts";
import { add } from "./add.ts";
import { broadcastTo } from "./broadcast-to.ts";
import { cast } from "./cast.ts";
import { clamp } from "./clamp.ts";
import { eq, ge, gt, le, lt, ne } from "./compare.ts";
import { concat } from "./concat.ts";
import { detach } from "./detach.ts";
import { div } from "./div.ts";
import { exp } from "./exp.ts";
import { gather } from "./gather.ts";
import { absBackward, clampBackward, extremeBackward, reluBackward } from "./gate.ts";
import { sigmoidBackward } from "./sigmoid-backward.ts";
import { tanhBackward } from "./tanh-backward.ts";
import { log } from "./log.ts";
import { logSoftmax } from "./log-softmax.ts";
import { logsumexp } from "./logsumexp.ts";
import { matmulT } from "./matmul.ts";
import { max, min } from "./max.ts";
import { mean } from "./mean.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";
import { permute } from "./permute.ts";
import { pow } from "./pow.ts";
import { relu } from "./relu.ts";
import { reshape } from "./reshape.ts";
import { sigmoid } from "./sigmoid.ts";
import { slice } from "./slice.ts";
import { softmax } from "./softmax.ts";
import { sqrt } from "./sqrt.ts";
import { sub } from "./sub.ts";
import { sum } from "./sum.ts";
import { sumTo } from "./sum-to.ts";
import { tanh } from "./tanh.ts";
import { where } from "./where.ts";
import type { OpDef } from "../tape.ts";

export type OpName =
  | "add" | "sub" | "mul" | "div" | "neg" | "pow" | "exp" | "log" | "sqrt" | "abs" | "tanh" | "sigmoid" | "relu"
  | "matmul" | "sum" | "mean" | "max" | "min" | "logsumexp" | "softmax" | "logSoftmax"
  | "reshape" | "permute" | "broadcastTo" | "sumTo" | "concat" | "slice" | "gather" | "cast"
  | "clamp" | "where" | "gt" | "ge" | "lt" | "le" | "eq" | "ne" | "detach"
  | "reluBackward" | "absBackward" | "clampBackward" | "maxBackward" | "tanhBackward" | "sigmoidBackward";

export const OPS = {
  add, sub, mul, div, neg, pow, exp, log, sqrt, abs, tanh, sigmoid, relu,
  matmul: matmulT, sum, mean, max, min, logsumexp, softmax, logSoftmax,
  reshape, permute, broadcastTo, sumTo, concat, slice, gather, cast,
  clamp, where, gt, ge, lt, le, eq, ne, detach,
  reluBackward, absBackward, clampBackward, maxBackward: extremeBackward, tanhBackward, sigmoidBackward,
} satisfies Record<OpName, { readonly def: OpDef<never> }>;
