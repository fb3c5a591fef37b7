/**
 * A perturber draws a fresh n every step, applies the perturbation, and keeps the history that explains the run:
 * n, the loss L, fac = n/L, and whether 1 + fac < 0 (the step goes uphill), next to the probability of that under
 * the noise (Φ(−L/s) for normal noise and L > 0).
 *
 * Modes: "loss" perturbs a scalar loss (the seed's formula); "shared" takes the per-sample vector and scales every
 * sample by the same 1 + n/L; "independent" gives each sample its own draw and factor 1 + nᵢ/lᵢ.
 */
import { ArgumentError } from "../autograd/errors.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { denominator } from "./guard.ts";
import { uphillProbability, type NoiseSource } from "./noise.ts";
import { perturbIndependentParts, perturbSharedParts, type BatchReduction } from "./per-sample.ts";
import { perturbLoss, scalarLoss, type PerturbOptions } from "./perturb-loss.ts";

export type PerturbMode = "loss" | "shared" | "independent";

export interface PerturberOptions extends PerturbOptions {
  /** Default "loss". */
  readonly mode?: PerturbMode;
  /** The batch reduction for the per-sample modes (default "mean"). */
  readonly reduction?: BatchReduction;
}

/** One step. For "independent", n, fac and |fac| are means over the samples. */
export interface PerturbRecord {
  readonly step: number;
  /** The batch loss L. */
  readonly loss: number;
  readonly n: number;
  /** n / L: the gradient is scaled by 1 + fac. 0 when a "skip" guard fired. */
  readonly fac: number;
  readonly absFac: number;
  /** 1 + fac < 0 ("independent": some sample's factor is negative). */
  readonly uphill: boolean;
  /** The fraction of factors below 0: 0 or 1, or a fraction of the samples for "independent". */
  readonly uphillFraction: number;
  /** The probability of an uphill factor under the noise, at this L (mean over samples for "independent"). */
  readonly predictedUphill: number;
  readonly skipped: boolean;
}

export interface PerturberSummary {
  readonly steps: number;
  readonly uphillFraction: number;
  readonly predictedUphill: number;
  readonly meanAbsFac: number;
  readonly meanFactor: number;
}

export class Perturber {
  readonly mode: PerturbMode;
  readonly history: PerturbRecord[] = [];
  private draws: Float64Array = new Float64Array(0);

  constructor(
    readonly noise: NoiseSource,
    readonly options: PerturberOptions = {},
  ) {
    const mode = options.mode ?? "loss";
    if (mode !== "loss" && mode !== "shared" && mode !== "independent") {
      throw new ArgumentError(`Perturber: unknown mode ${JSON.stringify(mode)}; use "loss", "shared" or "independent"`);
    }
    this.mode = mode;
  }

  /** The perturbed loss for this step: a scalar loss ("loss"), or per-sample losses (the other modes). */
  perturb(loss: Tensor): Tensor {
    if (this.mode === "independent") return this.independent(loss);
    const n = this.noise.sample();
    let out: Tensor, L: number, c: number | null;
    if (this.mode === "loss") {
      L = scalarLoss("Perturber", loss);
      c = denominator("Perturber", L, this.options);
      out = perturbLoss(loss, n, this.options);
    } else {
      ({ loss: out, batchLoss: L, divisor: c } = perturbSharedParts(loss, n, this.options));
    }
    const fac = c === null ? 0 : n / c;
    this.history.push({
      step: this.history.length,
      loss: L,
      n,
      fac,
      absFac: Math.abs(fac),
      uphill: 1 + fac < 0,
      uphillFraction: 1 + fac < 0 ? 1 : 0,
      predictedUphill: c === null ? 0 : uphillProbability(this.noise, c),
      skipped: c === null,
    });
    return out;
  }

  private independent(losses: Tensor): Tensor {
    const size = losses.size;
    if (this.draws.length !== size) this.draws = new Float64Array(size);
    this.noise.fill(this.draws);
    const { loss, factors, divisors } = perturbIndependentParts(losses, this.draws, this.options);
    let nSum = 0, facSum = 0, absSum = 0, up = 0, predicted = 0, skipped = 0, L = 0;
    for (let i = 0; i < size; i++) {
      const fac = factors[i] - 1;
      L += losses.data[i];
      nSum += this.draws[i];
      facSum += fac;
      absSum += Math.abs(fac);
      if (factors[i] < 0) up++;
      if (Number.isNaN(divisors[i])) skipped++;
      else predicted += uphillProbability(this.noise, divisors[i]);
    }
    this.history.push({
      step: this.history.length,
      loss: (this.options.reduction ?? "mean") === "mean" ? L / size : L,
      n: nSum / size,
      fac: facSum / size,
      absFac: absSum / size,
      uphill: up > 0,
      uphillFraction: up / size,
      predictedUphill: predicted / size,
      skipped: skipped === size,
    });
    return loss;
  }

  /** Means over the steps so far. */
  summary(): PerturberSummary {
    return summarize(this.history);
  }
}

/** Means of the per-step figures (NaN for an empty history). */
export function summarize(history: readonly PerturbRecord[]): PerturberSummary {
  let up = 0, predicted = 0, abs = 0, factor = 0;
  for (const r of history) {
    up += r.uphillFraction;
    predicted += r.predictedUphill;
    abs += r.absFac;
    factor += 1 + r.fac;
  }
  const k = history.length;
  return {
    steps: k,
    uphillFraction: up / k,
    predictedUphill: predicted / k,
    meanAbsFac: abs / k,
    meanFactor: factor / k,
  };
}
