import type { Storage } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { kernels } from "../../autograd/kernels/index.ts";
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
  /** The kernel's arguments, one object reused so that a step allocates nothing. */
  private readonly args = { lr: 0, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, sign: 1 as 1 | -1, first: false };

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
    const { momentum, params, args } = this;
    args.lr = this.lr;
    args.momentum = momentum;
    args.dampening = this.dampening;
    args.nesterov = this.nesterov;
    args.weightDecay = this.weightDecay;
    args.sign = this.maximize ? -1 : 1;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const grad = p.grad;
      if (grad === null) continue;
      let b = this.buffers[i];
      args.first = b === null;
      if (momentum !== 0 && b === null) b = this.buffers[i] = stateBuffer(p);
      kernels.sgdStep(p.data, grad.data, momentum === 0 ? null : b, args);
      p.bumpVersion();
    }
  }
}
