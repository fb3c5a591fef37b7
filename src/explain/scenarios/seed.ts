/**
 * The seed's perturbation L̃ = L + n·L/sg(L). Its value is L + n (L/sg(L) is exactly 1), but to autodiff the
 * quotient is L times the constant 1/sg(L), so the gradient arriving at L is 1 + n/L and every parameter's
 * gradient is the clean one times that same factor.
 */
import { keepValues } from "../../autograd/mode.ts";
import { perturbLoss } from "../../perturb/perturb-loss.ts";
import { fixed, signed } from "../numbers.ts";
import { compareGradients, graphOf, identity, type ScenarioResult } from "../scenario.ts";
import { lossVariant, worstRow, type LossOptions } from "./loss-variant.ts";

const EPS = 2 ** -52;

export function seedScenario(options: LossOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: LossOptions): ScenarioResult {
  const v = lossVariant(options, (L, n) => perturbLoss(L, n), "L̃");
  const { n, setup } = v;
  const L = v.L.item();
  const value = v.variant.item();
  const factor = 1 + n / L;
  const gradients = compareGradients(setup.names, setup.params, v.clean, v.got, factor);
  const worst = worstRow(gradients);
  const atL = v.trace.received(v.L)?.item() ?? Number.NaN;
  return {
    name: "seed",
    title: "the seed: L + n·L/L.detach()",
    expression: "L̃ = L + n · L / sg(L)",
    lesson:
      "sg(L) is a constant to autodiff, so L/sg(L) is 1 in value but has gradient 1/L: the loss becomes L + n, " +
      "and every gradient becomes (1 + n/L) times the clean one — one shared factor for every parameter and sample.",
    graphs: [graphOf("L~ = L + n*L/sg(L), after backward", v.variant, v.trace)],
    gradientColumns: ["∇L (clean)", "∇L̃"],
    gradients,
    tables: [],
    identities: [
      // Every gradient is computed from the seed 1 + n/L by the same ops as the clean one; each op rounds
      // (relative ε = 2^-52) once per term it sums, so for these sizes (sums of ≤ a few hundred terms, a few ops
      // deep) the normwise deviation stays far below 1e-12.
      identity(
        "∇L̃ = (1 + n/L) · ∇L for every parameter",
        `every gradient / clean gradient = ${fixed(worst.ratio)} = 1 + n/L = 1 ${signed(n)}/${fixed(L)}`,
        worst.deviation,
        1e-12,
        "max over parameters of ‖∇L̃ − (1 + n/L)∇L‖ / ‖(1 + n/L)∇L‖",
      ),
      // L/L is exactly 1 in floating point, so the value is one rounding of L + n: at most ε relative.
      identity(
        "L̃ = L + n (the value does not see the detach)",
        `L̃ = ${fixed(value)} = L + n = ${fixed(L)} ${signed(n)}`,
        Math.abs(value - (L + n)) / Math.abs(L + n),
        EPS,
        "|L̃ − (L + n)| / |L + n|",
      ),
      // 1 + n·(1/L): two roundings.
      identity(
        "the gradient arriving at L is 1 + n/sg(L)",
        `gradient arriving at L = ${fixed(atL)} = 1 + n/L = ${fixed(factor)}`,
        Math.abs(atL - factor) / Math.abs(factor),
        4 * EPS,
        "|g_L − (1 + n/L)| / |1 + n/L|",
      ),
    ],
    numbers: {
      n,
      L,
      perturbedLoss: value,
      factor,
      measuredRatio: worst.ratio,
      maxDeviation: worst.deviation,
      gradientAtL: atL,
    },
  };
}
