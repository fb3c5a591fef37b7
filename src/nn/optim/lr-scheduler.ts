/**
 * Learning-rate schedulers: call `step()` after `optimizer.step()`, once per epoch or per step as you choose.
 * Both follow torch 1.13's recursive updates, so the learning rates agree with PyTorch's bit for bit in the
 * usual cases (the closed forms are in each class's comment).
 */
import { ArgumentError } from "../../autograd/errors.ts";
import type { Optimizer } from "./optimizer.ts";

export abstract class LRScheduler {
  /** The learning rate at construction. */
  readonly baseLr: number;
  /** How many times step() was called. */
  lastEpoch = 0;

  constructor(readonly optimizer: Optimizer) {
    this.baseLr = optimizer.lr;
  }

  /** The learning rate for epoch `lastEpoch`, given the current one. */
  protected abstract next(lr: number): number;

  step(): void {
    this.lastEpoch++;
    this.optimizer.lr = this.next(this.optimizer.lr);
  }

  getLastLr(): number {
    return this.optimizer.lr;
  }
}

function positiveInteger(scheduler: string, what: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) {
    throw new ArgumentError(`${scheduler}: ${what} must be a positive integer, got ${String(v)}`);
  }
  return v;
}

export interface StepLROptions {
  stepSize: number;
  gamma?: number;
}

/** η_t = η₀·γ^⌊t/stepSize⌋, applied as one multiplication by γ every stepSize steps. */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super(optimizer);
    this.stepSize = positiveInteger("StepLR", "stepSize", options?.stepSize);
    this.gamma = options.gamma ?? 0.1;
  }

  protected next(lr: number): number {
    return this.lastEpoch % this.stepSize === 0 ? lr * this.gamma : lr;
  }
}

export interface CosineAnnealingLROptions {
  tMax: number;
  etaMin?: number;
}

/**
 * η_t = η_min + (η₀ − η_min)·(1 + cos(πt/T))/2, computed as PyTorch does, recursively:
 *   η_t = η_min + (η_{t−1} − η_min)·(1 + cos(πt/T))/(1 + cos(π(t−1)/T)),
 * except just after each minimum (t − 1 − T ≡ 0 mod 2T), where that ratio is 0/0 and
 *   η_t = η_{t−1} + (η₀ − η_min)·(1 − cos(π/T))/2.  Past T the rate rises again, as PyTorch's does.
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super(optimizer);
    this.tMax = positiveInteger("CosineAnnealingLR", "tMax", options?.tMax);
    this.etaMin = options.etaMin ?? 0;
  }

  protected next(lr: number): number {
    const t = this.lastEpoch;
    const T = this.tMax;
    if ((t - 1 - T) % (2 * T) === 0) return lr + ((this.baseLr - this.etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    return ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (lr - this.etaMin) + this.etaMin;
  }
}
