/**
 * The comparison points from the thread: noise that enters *inside* the loss, on the predictions or on the
 * targets, instead of scaling the loss from outside.
 *   predictions  ŷ + ε:  the loss is evaluated at a shifted point, so the gradient changes in a way that depends on
 *                        the loss's curvature there (for MSE: ∂ = 2(ŷ + ε − y)·∂ŷ/∂θ).
 *   targets      y + ε:  for MSE the gradient gains −2ε·∂ŷ/∂θ, an additive term, not a multiplicative one.
 * Class labels take target noise as a noisy one-hot (soft targets t = onehot(y) + ε, cross-entropy −Σ t·log p).
 * ε is a constant: it never requires grad.
 */
import { fromStorage } from "../autograd/creation.ts";
import { allocate } from "../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../autograd/errors.ts";
import { asTensor } from "../autograd/op.ts";
import { formatShape } from "../autograd/shape.ts";
import type { Tensor } from "../autograd/tensor.ts";
import type { NoiseSource } from "./noise.ts";

/** A constant tensor of draws with the shape and dtype of `like`. */
export function noiseLike(like: Tensor, noise: NoiseSource): Tensor {
  return fromStorage(noise.fill(allocate(like.dtype, like.size)), like.shape);
}

/** ŷ + ε: noisy predictions, still differentiable with respect to ŷ. */
export function noisyPredictions(pred: Tensor, noise: NoiseSource): Tensor {
  const p = asTensor("noisyPredictions", pred, "the predictions");
  return p.add(noiseLike(p, noise));
}

/** y + ε: noisy regression targets. */
export function noisyTargets(target: Tensor, noise: NoiseSource): Tensor {
  const y = asTensor("noisyTargets", target, "the targets");
  return y.add(noiseLike(y, noise));
}

/** onehot(labels) + ε: soft targets of shape [B, classes] for class labels. */
export function noisyOneHot(labels: ArrayLike<number>, classes: number, noise: NoiseSource): Tensor {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new ArgumentError(`noisyOneHot: classes must be a positive integer, got ${classes}`);
  }
  const B = labels.length;
  const data = noise.fill(allocate("float64", B * classes));
  for (let i = 0; i < B; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new ArgumentError(`noisyOneHot: label ${i} is ${y}; labels must be integers in [0, ${classes})`);
    }
    data[i * classes + y] += 1;
  }
  return fromStorage(data, [B, classes]);
}

/** −Σⱼ tᵢⱼ·log softmax(zᵢ)ⱼ per sample (shape [B]): cross-entropy against soft (here: noisy) targets. */
export function softCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  const z = asTensor("softCrossEntropy", logits, "the logits");
  const t = asTensor("softCrossEntropy", targets, "the targets");
  if (z.ndim !== 2 || t.ndim !== 2 || z.shape[0] !== t.shape[0] || z.shape[1] !== t.shape[1]) {
    throw new ShapeError(
      `softCrossEntropy: logits ${formatShape(z.shape)} and targets ${formatShape(t.shape)} must both be ` +
        `[batch, classes]`,
    );
  }
  return z.logSoftmax(1).mul(t).sum(1).neg();
}
