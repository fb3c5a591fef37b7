/**
 * The further comparison point: noise added to the gradients directly, ∇θ ← ∇θ + ε with ε ~ N(0, σ²) per
 * element (as in SGLD or gradient-noise injection), after backward and before the optimizer step. Unlike the loss
 * perturbation it is additive and isotropic: it does not follow the gradient's direction or the loss's size.
 */
import { fromStorage } from "../autograd/creation.ts";
import type { Tensor } from "../autograd/tensor.ts";
import type { NoiseSource } from "./noise.ts";

/**
 * Adds fresh draws to the `.grad` of every parameter that has one. Each gradient is replaced by a new tensor
 * rather than changed in place.
 * NOTE: backward can hand the same gradient tensor to two leaves (an add of two same-shape leaves), so writing into
 * one `.grad` could change the other.
 */
export function addGradientNoise(params: readonly Tensor[], noise: NoiseSource): void {
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    const data = g.data.slice();
    for (let i = 0; i < data.length; i++) data[i] += noise.sample();
    p.grad = fromStorage(data, g.shape);
  }
}
