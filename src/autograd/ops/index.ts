/**
 * Every op function, re-exported for the Tensor methods and the public entry. Re-exports only: nothing here reads
 * an op's value while the modules load, so the tensor ↔ ops import cycle can be entered at any op file.
 * The table of all ops (`OPS`) is in `table.ts`.
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

export {
  abs, add, broadcastTo, cast, clamp, concat, detach, div, eq, exp, gather, ge, gt, le, log, logSoftmax,
  logsumexp, lt, matmulT, max, mean, min, mul, ne, neg, permute, pow, relu, reshape, sigmoid, slice, softmax, sqrt,
  sub, sum, sumTo, tanh, where,
};
export { matmul } from "./matmul.ts";
export { squeeze, unsqueeze } from "./reshape.ts";
export { transpose } from "./permute.ts";
export { stack } from "./concat.ts";
export { select } from "./slice.ts";
export type { IndexLike } from "./gather.ts";
