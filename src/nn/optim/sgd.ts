import type { Storage } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { axpyF32 } from "../../autograd/kernels/elementwise-f32.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { checkNonNegative, Optimizer, stateBuffer } from "./optimizer.ts";

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  maximize?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch's equations (torch 1.13, per parameter):
 *   g ← ∇ + λ·p;   b ← g on the first step, else μ·b + (1 − τ)·g;   d ← g + μ·b (Nesterov) or b;   p ← p − η·d
 * (λ weightDecay, μ momentum, τ dampening, η lr; without momentum d = g).
 */
export class SGD extends Optimizer {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
  private readonly buffers: (Storage | null)[];

  constructor(params: Iterable<Tensor>, options: SGDOptions = {}) {
    super("SGD", params, options.lr ?? 1e-3);
    this.momentum = checkNonNegative("SGD", "momentum", options.momentum ?? 0);
    this.dampening = checkNonNegative("SGD", "dampening", options.dampening ?? 0);
    this.weightDecay = checkNonNegative("SGD", "weightDecay", options.weightDecay ?? 0);
    this.nesterov = options.nesterov ?? false;
    this.maximize = options.maximize ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new ArgumentError("SGD: nesterov needs momentum > 0 and dampening = 0 (as in PyTorch)");
    }
    this.buffers = this.params.map(() => null);
  }

  /** The momentum buffer of parameter i (null before its first step or without momentum). */
  momentumBuffer(i: number): Storage | null {
    return this.buffers[i];
  }

  step(): void {
    this.checkGrads();
    const { lr, momentum, dampening, nesterov, weightDecay: wd, params } = this;
    const sign = this.maximize ? -1 : 1;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const grad = p.grad;
      if (grad === null) continue;
      const x = p.data;
      const g = grad.data;
      const n = x.length;
      if (momentum === 0) {
        if (wd === 0 && sign === 1 && axpyF32(x, g, -lr)) {
          p.bumpVersion();
          continue;
        }
        for (let j = 0; j < n; j++) {
          let d = sign * g[j];
          if (wd !== 0) d = d + wd * x[j];
          x[j] = x[j] + -lr * d;
        }
      } else {
        let b = this.buffers[i];
        const first = b === null;
        if (b === null) b = this.buffers[i] = stateBuffer(p);
        for (let j = 0; j < n; j++) {
          let d = sign * g[j];
          if (wd !== 0) d = d + wd * x[j];
          b[j] = first ? d : b[j] * momentum + (1 - dampening) * d;
          const bj = b[j];
          d = nesterov ? d + momentum * bj : bj;
          x[j] = x[j] + -lr * d;
        }
      }
      p.bumpVersion();
    }
  }
}
