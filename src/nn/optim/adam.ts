import type { Storage } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { kernels } from "../../autograd/kernels/index.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { checkBeta, checkNonNegative, Optimizer, stateBuffer } from "./optimizer.ts";

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

/** The state Adam keeps per parameter. */
export interface AdamState {
  readonly step: number;
  readonly expAvg: Storage;
  readonly expAvgSq: Storage;
  readonly maxExpAvgSq: Storage | null;
}

/**
 * Adam with PyTorch's equations (torch 1.13, per parameter, step t counted per parameter):
 *   g ← ∇ + λ·p (Adam: L2 into the gradient)   or   p ← p·(1 − η·λ) first (AdamW: decoupled decay)
 *   m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g·g;   v̂ ← max(v̂, v) with amsgrad, else v̂ = v
 *   p ← p − (η/(1 − β₁ᵗ))·m / (√v̂/√(1 − β₂ᵗ) + ε)
 */
export class Adam extends Optimizer {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  private readonly decoupled: boolean;
  private readonly steps: number[];
  private readonly m: (Storage | null)[];
  private readonly v: (Storage | null)[];
  private readonly vMax: (Storage | null)[];
  /** The kernel's arguments, one object reused so that a step allocates nothing. */
  private readonly args = { beta1: 0, beta2: 0, eps: 0, stepSize: 0, bc2Sqrt: 0, l2: 0, shrink: 1, sign: 1 as 1 | -1 };

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}, name = "Adam", decoupled = false) {
    super(name, params, options.lr ?? 1e-3);
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) throw new ArgumentError(`${name}: betas must be a pair [β1, β2]`);
    this.beta1 = checkBeta(name, "betas[0]", betas[0]);
    this.beta2 = checkBeta(name, "betas[1]", betas[1]);
    this.eps = checkNonNegative(name, "eps", options.eps ?? 1e-8);
    this.weightDecay = checkNonNegative(name, "weightDecay", options.weightDecay ?? (decoupled ? 1e-2 : 0));
    this.amsgrad = options.amsgrad ?? false;
    this.maximize = options.maximize ?? false;
    this.decoupled = decoupled;
    this.steps = this.params.map(() => 0);
    this.m = this.params.map(() => null);
    this.v = this.params.map(() => null);
    this.vMax = this.params.map(() => null);
  }

  /** The state of parameter i, or null before its first step. */
  state(i: number): AdamState | null {
    const m = this.m[i];
    const v = this.v[i];
    if (m === null || v === null) return null;
    return { step: this.steps[i], expAvg: m, expAvgSq: v, maxExpAvgSq: this.vMax[i] };
  }

  step(): void {
    this.checkGrads();
    const { lr, beta1, beta2, weightDecay: wd, amsgrad, params, args } = this;
    args.beta1 = beta1;
    args.beta2 = beta2;
    args.eps = this.eps;
    args.sign = this.maximize ? -1 : 1;
    args.l2 = this.decoupled ? 0 : wd;
    args.shrink = this.decoupled ? 1 - lr * wd : 1;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const grad = p.grad;
      if (grad === null) continue;
      let m = this.m[i];
      let v = this.v[i];
      if (m === null || v === null) {
        m = this.m[i] = stateBuffer(p);
        v = this.v[i] = stateBuffer(p);
        if (amsgrad) this.vMax[i] = stateBuffer(p);
      }
      const t = ++this.steps[i];
      args.stepSize = lr / (1 - Math.pow(beta1, t));
      args.bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
      kernels.adamStep(p.data, grad.data, m, v, this.vMax[i], args);
      p.bumpVersion();
    }
  }
}

/** AdamW: Adam with decoupled weight decay, p ← p·(1 − η·λ) before the Adam update (default λ = 0.01). */
export class AdamW extends Adam {
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, options, "AdamW", true);
  }
}
