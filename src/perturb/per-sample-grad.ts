/**
 * Per-sample gradients, and what the perturbation does to each sample's share of the batch gradient.
 *   ∇lᵢ = vjp(losses, eᵢ): one grad call per sample, seeded with the unit vector eᵢ (the graph is kept between calls).
 *   batch gradient   = Σᵢ wᵢ·∇lᵢ,  wᵢ = (1/B for "mean", 1 for "sum")·factorᵢ.
 * With one shared factor every wᵢ is scaled alike (the gradient keeps its direction); with independent factors the
 * weights differ and the direction turns.
 */
import { fromStorage, zeros } from "../autograd/creation.ts";
import { allocate } from "../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../autograd/errors.ts";
import { grad } from "../autograd/grad.ts";
import { asTensor } from "../autograd/op.ts";
import type { Tensor } from "../autograd/tensor.ts";
import type { BatchReduction } from "./per-sample.ts";

/** ∇lᵢ for every sample i (outer) and parameter (inner); a parameter a sample does not reach gets zeros. */
export function perSampleGrads(
  losses: Tensor,
  params: readonly Tensor[],
  options: { readonly retainGraph?: boolean } = {},
): Tensor[][] {
  const l = asTensor("perSampleGrads", losses, "the per-sample losses");
  if (!l.requiresGrad) {
    throw new ArgumentError("perSampleGrads: the losses do not require grad; compute them from parameters that do");
  }
  const out: Tensor[][] = [];
  for (let i = 0; i < l.size; i++) {
    const seed = allocate(l.dtype, l.size);
    seed[i] = 1;
    const last = i === l.size - 1;
    const gs = grad(l, params, {
      gradOutputs: fromStorage(seed, l.shape),
      retainGraph: !last || options.retainGraph === true,
      allowUnused: true,
    });
    out.push(gs.map((g, k) => g ?? zeros(params[k].shape, { dtype: params[k].dtype })));
  }
  return out;
}

export interface SampleContribution {
  readonly index: number;
  readonly loss: number;
  /** The factor applied to this sample's loss: 1 + n/L (shared) or 1 + nᵢ/lᵢ (independent). */
  readonly factor: number;
  /** factor × the reduction's weight (1/B for "mean"): this sample's coefficient in the batch gradient. */
  readonly weight: number;
  /** ‖∇lᵢ‖ over all parameters. */
  readonly gradNorm: number;
  /** |weight|·‖∇lᵢ‖: the length of this sample's share of the perturbed gradient. */
  readonly contributionNorm: number;
}

export interface ContributionReport {
  readonly samples: readonly SampleContribution[];
  /** The clean batch gradient reduce(∇lᵢ), per parameter. */
  readonly clean: readonly Tensor[];
  /** The perturbed batch gradient Σᵢ weightᵢ·∇lᵢ, per parameter. */
  readonly perturbed: readonly Tensor[];
  /** cos(perturbed, clean): 1 for one positive shared factor, −1 for a negative one, anything for independent. */
  readonly cosine: number;
  /** ‖perturbed‖ / ‖clean‖. */
  readonly lengthRatio: number;
}

/**
 * Each sample's share of the batch gradient before and after the perturbation. `factors` is one number (the shared
 * factor) or one per sample; `reduction` is the batch loss's.
 */
export function sampleContributions(
  losses: Tensor,
  params: readonly Tensor[],
  factors: number | ArrayLike<number>,
  options: { readonly reduction?: BatchReduction; readonly retainGraph?: boolean } = {},
): ContributionReport {
  const grads = perSampleGrads(losses, params, options);
  const B = grads.length;
  const per = typeof factors === "number" ? null : factors;
  if (per !== null && per.length !== B) {
    throw new ShapeError(`sampleContributions: ${per.length} factors for ${B} samples; give one, or one per sample`);
  }
  const base = (options.reduction ?? "mean") === "mean" ? 1 / B : 1;
  const clean = params.map((p) => new Float64Array(p.size));
  const perturbed = params.map((p) => new Float64Array(p.size));
  const samples: SampleContribution[] = [];
  for (let i = 0; i < B; i++) {
    const factor = per === null ? (factors as number) : per[i];
    const weight = base * factor;
    let sq = 0;
    grads[i].forEach((g, k) => {
      for (let j = 0; j < g.size; j++) {
        const v = g.data[j];
        sq += v * v;
        clean[k][j] += base * v;
        perturbed[k][j] += weight * v;
      }
    });
    const gradNorm = Math.sqrt(sq);
    const contributionNorm = Math.abs(weight) * gradNorm;
    samples.push({ index: i, loss: losses.data[i], factor, weight, gradNorm, contributionNorm });
  }
  let dot = 0, cc = 0, pp = 0;
  clean.forEach((c, k) => {
    for (let j = 0; j < c.length; j++) {
      dot += c[j] * perturbed[k][j];
      cc += c[j] * c[j];
      pp += perturbed[k][j] * perturbed[k][j];
    }
  });
  const shape = (k: number) => params[k].shape;
  return {
    samples,
    clean: clean.map((c, k) => fromStorage(c, shape(k))),
    perturbed: perturbed.map((p, k) => fromStorage(p, shape(k))),
    cosine: dot / Math.sqrt(cc * pp),
    lengthRatio: Math.sqrt(pp / cc),
  };
}
