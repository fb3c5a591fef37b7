import { allocate } from "../../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../../autograd/errors.ts";
import { kernels } from "../../autograd/kernels/index.ts";
import { isGradEnabled } from "../../autograd/mode.ts";
import { defineOp } from "../../autograd/op.ts";
import { formatShape } from "../../autograd/shape.ts";
import { record, type OpDef } from "../../autograd/tape.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { toLabels, type Labels } from "./labels.ts";
import { checkReduction, type ReductionOptions, type Reduction } from "./reduction.ts";

export interface CrossEntropyOptions extends ReductionOptions {
  /** s in [0, 1]: the target becomes (1 − s)·onehot + s/C, as torch's label_smoothing. */
  labelSmoothing?: number;
}

interface Attrs {
  readonly labels: Int32Array;
  readonly smoothing: number;
  readonly reduction: Reduction;
  /** softmax(x) from the forward pass, reused by a backward that is not itself recorded. */
  readonly probs: Tensor;
}

/** q = (1 − s)·onehot(y) + s/C, the smoothed target distribution. */
function targetOf(x: Tensor, { labels, smoothing }: Attrs): Tensor {
  const [n, c] = x.shape;
  const q = allocate(x.dtype, n * c);
  kernels.smoothedTarget(labels, c, smoothing, q);
  return new Tensor(q, [n, c]);
}

/**
 * lᵢ = logsumexp(xᵢ) − Σ_c qᵢc·xᵢc with q = (1 − s)·onehot(yᵢ) + s/C, then reduced.  ∂x = (softmax(x) − q)·g
 * (g divided by n for "mean", one row of g per sample for "none"). Under createGraph the softmax is recomputed
 * with tensor ops, so the rule is itself differentiable; otherwise the forward's softmax is reused.
 */
const def: OpDef<Attrs> = {
  name: "crossEntropy",
  formula: "logsumexp(x) - Σ q·x, q = (1-s)·onehot(y) + s/C;  ∂x = (softmax(x) - q)·g",
  savesInputs: true,
  backward: (g, [x], _out, a) => {
    const [n, c] = x.shape;
    if (!isGradEnabled()) {
      // One pass over the forward's softmax, with the same roundings as the tensor ops below.
      const out = allocate(x.dtype, x.size);
      const scale = a.reduction === "mean" ? g.div(n) : g;
      kernels.crossEntropyGrad(a.probs.data, a.labels, c, a.smoothing, scale.data, a.reduction === "none", out);
      return [new Tensor(out, x.shape)];
    }
    const d = x.softmax(-1).sub(targetOf(x, a));
    const scale = a.reduction === "none" ? g.reshape([n, 1]) : a.reduction === "mean" ? g.div(n) : g;
    return [d.mul(scale)];
  },
};

/**
 * Softmax cross-entropy of logits [n, C] against integer class labels, fused and stable: the softmax kernel's one
 * pass gives each row's probabilities and its log-sum-exp, shifted by the row's maximum, so no exp overflows. Returns [n] for "none", else a scalar.
 */
export const crossEntropy = defineOp(
  (logits: Tensor, labels: Labels, options: CrossEntropyOptions = {}): Tensor => {
    const fn = "crossEntropy";
    if (!(logits instanceof Tensor)) throw new ArgumentError(`${fn}: the logits must be a Tensor`);
    if (logits.ndim !== 2) {
      throw new ShapeError(
        `${fn}: logits must be 2-D [batch, classes], got shape ${formatShape(logits.shape)}` +
          (logits.ndim === 1 ? " (for one sample, reshape to [1, C])" : ""),
      );
    }
    const reduction = checkReduction(fn, options.reduction);
    const smoothing = options.labelSmoothing ?? 0;
    if (typeof smoothing !== "number" || !(smoothing >= 0 && smoothing <= 1)) {
      throw new ArgumentError(`${fn}: labelSmoothing must be a number in [0, 1], got ${smoothing}`);
    }
    const [n, c] = logits.shape;
    const y = toLabels(fn, labels, n, c);
    const probs = allocate(logits.dtype, n * c);
    // Kept in doubles, as each row's loss is formed from it before any rounding to the dtype.
    const lse = new Float64Array(n);
    kernels.softmax(logits.data, { outer: n, r: c, inner: 1 }, probs, false, lse);
    const losses = reduction === "none" ? allocate(logits.dtype, n) : null;
    const total = kernels.crossEntropy(logits.data, lse, y, c, smoothing, losses);
    let out: Tensor;
    if (losses !== null) out = new Tensor(losses, [n]);
    else {
      const v = allocate(logits.dtype, 1);
      v[0] = reduction === "mean" ? total / n : total;
      out = new Tensor(v, []);
    }
    const attrs: Attrs = { labels: y, smoothing, reduction, probs: new Tensor(probs, [n, c]) };
    return record(def, [logits], out, attrs);
  },
  def,
);
