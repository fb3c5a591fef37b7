import { AnomalyError, ArgumentError } from "../../autograd/errors.ts";
import type { Storage } from "../../autograd/dtype.ts";
import { kernels } from "../../autograd/kernels/index.ts";
import type { Tensor } from "../../autograd/tensor.ts";

export interface ClipGradNormOptions {
  /** 2 (default) or Infinity. */
  normType?: number;
  /** Throw when the total norm is NaN or infinite, instead of scaling by it. */
  errorIfNonfinite?: boolean;
}

/**
 * Scales every gradient in place so that their joint norm is at most maxNorm (torch's clip_grad_norm_):
 *   total = ‖(‖g₁‖, …, ‖g_k‖)‖,  coef = min(maxNorm/(total + 1e-6), 1),  gᵢ ← coef·gᵢ
 * Returns the total norm before clipping. Parameters without a gradient are skipped.
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, options: ClipGradNormOptions = {}): number {
  if (typeof maxNorm !== "number" || !(maxNorm >= 0)) {
    throw new ArgumentError(`clipGradNorm: maxNorm must be a number ≥ 0, got ${String(maxNorm)}`);
  }
  const normType = options.normType ?? 2;
  if (normType !== 2 && normType !== Infinity) {
    throw new ArgumentError(`clipGradNorm: normType must be 2 or Infinity, got ${normType}`);
  }
  const grads: Tensor[] = [];
  for (const p of params) if (p.grad !== null) grads.push(p.grad);
  const kind = normType === Infinity ? "maxAbs" : "squares";
  let total = 0;
  for (const g of grads) {
    const part = kernels.normPart(g.data, kind);
    total = kind === "maxAbs" ? Math.max(total, part) : total + part;
  }
  if (normType === 2) total = Math.sqrt(total);
  if (options.errorIfNonfinite && !Number.isFinite(total)) {
    throw new AnomalyError(
      `clipGradNorm: the total gradient norm is ${total}; the gradients hold NaN or infinity ` +
        `(check the loss, or lower the learning rate)`,
    );
  }
  const coef = Math.min(maxNorm / (total + 1e-6), 1);
  // Gradients may share storage (a + b passes one gradient to both): scale each storage once.
  const seen = new Set<Storage>();
  for (const g of grads) {
    const d = g.data;
    if (seen.has(d)) continue;
    seen.add(d);
    kernels.scaleInPlace(d, coef);
    g.bumpVersion();
  }
  return total;
}
