/**
 * The seed's perturbation, `L̃ = L + n · L / sg(L)`, as a drop-in replacement for a scalar loss.
 *   value  L + n  (L/sg(L) is exactly 1 for finite L ≠ 0);   gradient  ∇L̃ = (1 + n/L) · ∇L.
 * The composed form is built from div, detach, mul and add, so the tape shows the seed's formula op for op; the
 * fused form is one `perturb` node with the same value and rule.
 */
import { asTensor } from "../autograd/op.ts";
import { ShapeError } from "../autograd/errors.ts";
import { formatShape } from "../autograd/shape.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { checkDraw, denominator, type GuardOptions } from "./guard.ts";
import { perturbNode } from "./perturb-op.ts";

export interface PerturbOptions extends GuardOptions {
  /** One `perturb` node with its own backward rule instead of the composed add/mul/div/detach. */
  readonly fused?: boolean;
}

/** The value of a one-element loss tensor, with an error that names the remedy for anything else. */
export function scalarLoss(op: string, loss: unknown): number {
  const t = asTensor(op, loss, "the loss");
  if (t.size !== 1) {
    throw new ShapeError(
      `${op}: the loss has shape ${formatShape(t.shape)}, but the perturbation needs a scalar loss; reduce it ` +
        `first (.mean() or .sum()), or pass the per-sample vector to perturb.perturbShared / perturbIndependent`,
    );
  }
  return t.data[0];
}

/**
 * `L + n·L/sg(L)`: the perturbed loss, value L + n, gradient (1 + n/L)·∇L. A zero or non-finite loss throws an
 * AnomalyError unless `guard` says otherwise ("skip" returns `loss` itself; "clamp" divides by a floor).
 */
export function perturbLoss(loss: Tensor, n: number, options: PerturbOptions = {}): Tensor {
  const L = scalarLoss("perturbLoss", loss);
  checkDraw("perturbLoss", n);
  const c = denominator("perturbLoss", L, options);
  if (c === null) return loss;
  if (options.fused === true) return perturbNode(loss, n, c);
  // NOTE: L/sg(L) first, then ·n: L/L is exactly 1, so the value is exactly fl(L + n); (n·L)/L could be off by an ulp.
  const quotient = c === L ? loss.div(loss.detach()) : loss.div(c);
  return loss.add(quotient.mul(n));
}

/** The factor `1 + n/L` that `perturbLoss(loss, n)` applies to every gradient (1 when a "skip" guard fires). */
export function perturbFactor(loss: Tensor | number, n: number, options: GuardOptions = {}): number {
  const L = typeof loss === "number" ? loss : scalarLoss("perturbFactor", loss);
  checkDraw("perturbFactor", n);
  const c = denominator("perturbFactor", L, options);
  return c === null ? 1 : 1 + n / c;
}
