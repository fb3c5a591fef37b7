/**
 * Random MLPs for the perturbation properties, built from engine ops only: depth, widths, activation, batch, loss
 * (MSE or cross-entropy), reduction, and a noise draw n that is as often larger than L in size as smaller.
 */
import fc from "fast-check";
import { fromStorage } from "../../src/autograd/creation.ts";
import { Generator } from "../../src/autograd/random.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { crossEntropy } from "../../src/nn/functional/cross-entropy.ts";
import { mseLoss } from "../../src/nn/functional/mse-loss.ts";

/** float64 unit roundoff. */
export const U64 = 2 ** -53;

export type Activation = "tanh" | "relu" | "sigmoid";
export type LossKind = "mse" | "ce";
export type Reduction = "mean" | "sum" | "none";

export interface MlpSpec {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly batch: number;
  readonly loss: LossKind;
  readonly reduction: Reduction;
  /** The loss from engine ops ("ops") or nn.functional's fused losses ("nn", with their own reductions). */
  readonly impl: "ops" | "nn";
  readonly seed: number;
  /** n = ratio·L when relative (so |n| > L whenever |ratio| > 1), else n itself. */
  readonly draw: { readonly relative: boolean; readonly value: number };
}

export const mlpSpec: fc.Arbitrary<MlpSpec> = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }),
  activation: fc.constantFrom<Activation>("tanh", "relu", "sigmoid"),
  batch: fc.integer({ min: 1, max: 6 }),
  loss: fc.constantFrom<LossKind>("mse", "ce"),
  reduction: fc.constantFrom<Reduction>("mean", "sum", "none"),
  impl: fc.constantFrom<"ops" | "nn">("ops", "nn"),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  draw: fc.record({
    relative: fc.boolean(),
    value: fc.double({ min: -4, max: 4, noNaN: true }),
  }),
}).map((s) => ({
  ...s,
  // Cross-entropy needs at least two classes.
  sizes: s.loss === "ce" && s.sizes[s.sizes.length - 1] < 2 ? [...s.sizes.slice(0, -1), 2] : s.sizes,
}));

export interface Mlp {
  readonly spec: MlpSpec;
  /** W₀, b₀, W₁, b₁, … (W stored [in, out]). */
  readonly params: Tensor[];
  /** The per-sample losses (reduction "none"): [B] for cross-entropy, [B, out] for MSE. */
  losses(): Tensor;
  /** The loss with the spec's reduction ("none" returns the per-sample losses). */
  loss(): Tensor;
  /** The draw n for a batch loss of value L. */
  n(L: number): number;
}

function leaf(g: Generator, shape: readonly number[], scale: number, requiresGrad: boolean): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = scale * g.normal();
  return fromStorage(data, shape, requiresGrad);
}

export function buildMlp(spec: MlpSpec): Mlp {
  const g = new Generator(spec.seed);
  const { sizes, batch } = spec;
  const params: Tensor[] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    params.push(leaf(g, [sizes[k], sizes[k + 1]], 1 / Math.sqrt(sizes[k]), true));
    params.push(leaf(g, [sizes[k + 1]], 0.5, true));
  }
  const x = leaf(g, [batch, sizes[0]], 1, false);
  const out = sizes[sizes.length - 1];
  const y = leaf(g, [batch, out], 1, false);
  const labels = Array.from({ length: batch }, () => g.int(out));
  const act = (h: Tensor): Tensor => (spec.activation === "tanh" ? h.tanh() : spec.activation === "relu" ? h.relu() : h.sigmoid());
  const forward = (): Tensor => {
    let h = x;
    for (let k = 0; k < params.length; k += 2) {
      h = h.matmul(params[k]).add(params[k + 1]);
      if (k + 2 < params.length) h = act(h);
    }
    return h;
  };
  const fromNn = (reduction: Reduction): Tensor => {
    const z = forward();
    return spec.loss === "mse" ? mseLoss(z, y, { reduction }) : crossEntropy(z, labels, { reduction });
  };
  const losses = (): Tensor => {
    if (spec.impl === "nn") return fromNn("none");
    const z = forward();
    // MSE: (ŷ − y)² per element; cross-entropy: −log softmax(z)[label] per sample.
    if (spec.loss === "mse") return z.sub(y).pow(2);
    return z.logSoftmax(1).gather(1, labels.map((c) => [c])).reshape([batch]).neg();
  };
  return {
    spec,
    params,
    losses,
    loss: () => {
      if (spec.impl === "nn") return fromNn(spec.reduction);
      const l = losses();
      return spec.reduction === "mean" ? l.mean() : spec.reduction === "sum" ? l.sum() : l;
    },
    n: (L) => (spec.draw.relative ? spec.draw.value * L : spec.draw.value),
  };
}

/** max |xᵢ| over every element of every tensor. */
export function maxAbs(ts: readonly (Tensor | null)[]): number {
  let m = 0;
  for (const t of ts) if (t !== null) for (let i = 0; i < t.size; i++) m = Math.max(m, Math.abs(t.data[i]));
  return m;
}

/** max |aᵢ − f·bᵢ| over every element of every pair of tensors. */
export function maxDiff(a: readonly (Tensor | null)[], b: readonly (Tensor | null)[], f = 1): number {
  let m = 0;
  a.forEach((t, k) => {
    const u = b[k];
    if (t === null || u === null) {
      if (t !== u) m = Number.POSITIVE_INFINITY;
      return;
    }
    for (let i = 0; i < t.size; i++) m = Math.max(m, Math.abs(t.data[i] - f * u.data[i]));
  });
  return m;
}
