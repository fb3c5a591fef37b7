/**
 * How a batch shares the perturbation. With the seed's form every per-sample loss lᵢ is scaled by the same
 * factor 1 + n/L (n divided by the batch loss), so the gradient keeps its direction; with one draw per sample,
 * lᵢ + nᵢ·lᵢ/sg(lᵢ), each sample gets its own factor 1 + nᵢ/lᵢ and the gradient turns.
 */
import { keepValues } from "../../autograd/mode.ts";
import { grad } from "../../autograd/grad.ts";
import { Generator } from "../../autograd/random.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { crossEntropy } from "../../nn/functional/cross-entropy.ts";
import { toLabels } from "../../nn/functional/labels.ts";
import { normalNoise } from "../../perturb/noise.ts";
import { sampleContributions } from "../../perturb/per-sample-grad.ts";
import { perturbIndependentParts, perturbSharedParts } from "../../perturb/per-sample.ts";
import { fixed, fmt, norm, signed } from "../numbers.ts";
import { compareGradients, graphOf, identity, relativeDeviation, type ScenarioResult } from "../scenario.ts";
import { traceGradients } from "../trace.ts";
import { drawN, worstRow, type LossOptions } from "./loss-variant.ts";
import { labelConstant, toySetup } from "./setup.ts";

/** cos(a, b) over all parameters together. */
function cosine(a: readonly (Tensor | null)[], b: readonly (Tensor | null)[]): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, k) => {
    const y = b[k];
    if (x === null || y === null) return;
    for (let i = 0; i < x.size; i++) {
      ab += x.data[i] * y.data[i];
      aa += x.data[i] * x.data[i];
      bb += y.data[i] * y.data[i];
    }
  });
  return ab / Math.sqrt(aa * bb);
}

export function persampleScenario(options: LossOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: LossOptions): ScenarioResult {
  const setup = options.setup ?? toySetup({ seed: options.seed, hidden: options.hidden });
  const n = drawN(options);
  const logits = setup.model.forward(setup.x);
  const losses = crossEntropy(logits, setup.labels, { reduction: "none" });
  losses.label = "l";
  const B = losses.size;
  const noise = normalNoise(options.scale ?? 0.5, new Generator((options.seed ?? 0) + 1).split());
  const ns = noise.fill(new Float64Array(B));
  const cleanLoss = losses.mean();
  const clean = grad(cleanLoss, setup.params, { retainGraph: true, allowUnused: true });

  const shared = perturbSharedParts(losses, n);
  const L = shared.batchLoss;
  shared.loss.label = "shared";
  labelConstant(shared.loss, n, "n");
  const sharedTrace = traceGradients(shared.loss);
  const gotShared = grad(shared.loss, setup.params, { retainGraph: true, allowUnused: true });
  sharedTrace.remove();

  const independent = perturbIndependentParts(losses, ns);
  independent.loss.label = "independent";
  labelConstant(independent.loss, ns, "n_i");
  const indepTrace = traceGradients(independent.loss);
  const gotIndep = grad(independent.loss, setup.params, { retainGraph: true, allowUnused: true });
  indepTrace.remove();

  const factor = 1 + n / L;
  const sharedReport = sampleContributions(losses, setup.params, factor, { retainGraph: true });
  const indepReport = sampleContributions(losses, setup.params, independent.factors);
  const gradients = compareGradients(setup.names, setup.params, clean, gotShared, factor);
  const worst = worstRow(gradients);
  const cosShared = cosine(gotShared, clean);
  const cosIndep = cosine(gotIndep, clean);
  // The autodiff gradient of the independent form against Σᵢ (1/B)(1 + nᵢ/lᵢ)∇lᵢ, rebuilt from per-sample
  // gradients.
  let indepDeviation = 0;
  gotIndep.forEach((g, k) => {
    if (g !== null) indepDeviation = Math.max(indepDeviation, relativeDeviation(g.data, indepReport.perturbed[k].data));
  });
  const labels = toLabels("persample", setup.labels, B, logits.shape[1]);
  const rows = sharedReport.samples.map((s, i) => [
    i,
    labels[i],
    fixed(s.loss),
    fmt(s.gradNorm),
    fixed(s.factor),
    fmt(ns[i]),
    fixed(independent.factors[i]),
    fmt(s.contributionNorm),
    fmt(indepReport.samples[i].contributionNorm),
  ]);
  const sign = Math.sign(factor);
  return {
    name: "persample",
    title: "per-sample: one shared factor versus one per sample",
    expression: "shared: mean(lᵢ + n·lᵢ/sg(L))    independent: mean(lᵢ + nᵢ·lᵢ/sg(lᵢ))",
    lesson:
      "The seed's form divides by the batch loss, so every sample's loss is scaled by the same 1 + n/L and the " +
      "gradient only changes length. One draw per sample gives each its own factor 1 + nᵢ/lᵢ: the samples are " +
      "reweighted and the gradient changes direction.",
    graphs: [
      graphOf("shared: mean(l + n*l/sg(L)), after backward", shared.loss, sharedTrace),
      graphOf("independent: mean(l + n_i*l/sg(l)), after backward", independent.loss, indepTrace),
    ],
    gradientColumns: ["∇L (clean)", "∇ shared"],
    gradients,
    tables: [
      {
        title: "each sample's factor (shared: the same for all; independent: its own)",
        columns: [
          "i", "label", "lᵢ", "‖∇lᵢ‖", "shared 1 + n/L", "nᵢ", "independent 1 + nᵢ/lᵢ", "‖wᵢ∇lᵢ‖ shared",
          "‖wᵢ∇lᵢ‖ indep.",
        ],
        rows,
      },
      {
        title: "the batch gradient",
        columns: ["form", "‖∇‖ / ‖∇L‖", "cos(∇, ∇L)"],
        rows: [
          ["clean", fixed(1), fixed(1)],
          ["shared", fixed(sharedReport.lengthRatio), fixed(cosShared, 6)],
          ["independent", fixed(indepReport.lengthRatio), fixed(cosIndep, 6)],
        ],
      },
    ],
    identities: [
      // As in the seed scenario: the same ops from the seed 1 + n/L, a few ε per op and summed term.
      identity(
        "shared: ∇ = (1 + n/L)·∇L, with L the batch loss",
        `every shared gradient / clean gradient = ${fixed(worst.ratio)} = 1 + n/L = 1 ${signed(n)}/${fixed(L)}`,
        worst.deviation,
        1e-12,
        "max over parameters of ‖∇shared − (1 + n/L)∇L‖ / ‖(1 + n/L)∇L‖",
      ),
      identity(
        "shared: the direction is kept, cos(∇, ∇L) = sign(1 + n/L)",
        `cos(∇shared, ∇L) = ${fixed(cosShared, 6)} = ${sign}`,
        Math.abs(cosShared - sign),
        1e-12,
        "|cos − sign(1 + n/L)|",
      ),
      // Two computations of the same sum: autodiff's, and B per-sample gradients weighted and added here.
      identity(
        "independent: ∇ = (1/B)·Σᵢ (1 + nᵢ/lᵢ)·∇lᵢ",
        `autodiff gradient = Σᵢ weighted per-sample gradients (relative deviation ${fmt(indepDeviation)})`,
        indepDeviation,
        1e-12,
        "max over parameters of ‖∇indep − Σᵢ wᵢ∇lᵢ‖ / ‖Σᵢ wᵢ∇lᵢ‖",
      ),
      identity(
        "independent: the direction turns, cos(∇, ∇L) < 1",
        `cos(∇independent, ∇L) = ${fixed(cosIndep, 6)} < 1`,
        cosIndep,
        1 - 1e-9,
        "the cosine (must stay below 1 − 1e-9)",
      ),
    ],
    numbers: {
      n,
      L,
      batch: B,
      sharedFactor: factor,
      measuredRatio: worst.ratio,
      maxDeviation: worst.deviation,
      cosineShared: cosShared,
      cosineIndependent: cosIndep,
      lengthRatioShared: sharedReport.lengthRatio,
      lengthRatioIndependent: indepReport.lengthRatio,
      independentDeviation: indepDeviation,
      cleanNorm: norm(clean.flatMap((c) => (c === null ? [] : Array.from(c.data)))),
    },
  };
}
