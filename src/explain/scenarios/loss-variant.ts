/**
 * What the seed, const and nodetach scenarios share: the classifier's loss L, its clean gradients, a variant
 * L' built from L and a number n, and the gradients of L' traced node by node.
 */
import { grad } from "../../autograd/grad.ts";
import { Generator } from "../../autograd/random.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { crossEntropy } from "../../nn/functional/cross-entropy.ts";
import { normalNoise } from "../../perturb/noise.ts";
import { traceGradients, type GradientTrace } from "../trace.ts";
import { labelConstant, toySetup, type Setup } from "./setup.ts";

export interface LossOptions {
  /** The number n (default: a draw from N(0, scale²) with `seed`). */
  readonly n?: number;
  /** The noise scale s of the default draw (default 0.5). */
  readonly scale?: number;
  /** Seeds the toy model, its batch and the draw (default 0). */
  readonly seed?: number;
  /** Hidden widths of the toy MLP (default [6]). */
  readonly hidden?: readonly number[];
  /** A model and batch to use instead of the toy classifier. */
  readonly setup?: Setup;
}

export interface LossVariant {
  readonly setup: Setup;
  readonly n: number;
  readonly L: Tensor;
  readonly variant: Tensor;
  readonly clean: readonly (Tensor | null)[];
  readonly got: readonly (Tensor | null)[];
  readonly trace: GradientTrace;
}

/** n from the options: given, or drawn from N(0, s²) by a generator split off the seed. */
export function drawN(options: LossOptions): number {
  if (options.n !== undefined) return options.n;
  return normalNoise(options.scale ?? 0.5, new Generator(options.seed ?? 0).split()).sample();
}

/** Computes L = crossEntropy(model(x), labels), its gradients, and the traced gradients of `build(L, n)`. */
export function lossVariant(options: LossOptions, build: (L: Tensor, n: number) => Tensor, name: string): LossVariant {
  const setup = options.setup ?? toySetup({ seed: options.seed, hidden: options.hidden });
  const n = drawN(options);
  const L = crossEntropy(setup.model.forward(setup.x), setup.labels);
  L.label = "L";
  const clean = grad(L, setup.params, { retainGraph: true, allowUnused: true });
  const variant = build(L, n);
  variant.label = name;
  labelConstant(variant, n, "n");
  const trace = traceGradients(variant);
  const got = grad(variant, setup.params, { allowUnused: true });
  trace.remove();
  return { setup, n, L, variant, clean, got, trace };
}

/** The largest deviation among gradient rows, and the measured ratio of that row. */
export function worstRow(rows: readonly { deviation: number | null; ratio: number | null }[]): {
  deviation: number;
  ratio: number;
} {
  let deviation = 0;
  let ratio = Number.NaN;
  for (const r of rows) {
    if (r.deviation === null || r.ratio === null) continue;
    if (Number.isNaN(ratio) || r.deviation > deviation) {
      deviation = r.deviation;
      ratio = r.ratio;
    }
  }
  return { deviation, ratio };
}
