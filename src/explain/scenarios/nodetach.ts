/**
 * The seed's formula without the detach, L + n·L/L. The value is the same L + n, but now both L's of the quotient
 * are on the tape: ∂(L/L)/∂L = 1/L − L/L² = 0, so the quotient is the constant 1 to autodiff as well and the
 * gradient is the clean one. The detach is what makes the seed's perturbation do anything.
 */
import { keepValues } from "../../autograd/mode.ts";
import { fixed, signed } from "../numbers.ts";
import { compareGradients, graphOf, identity, type ScenarioResult } from "../scenario.ts";
import { lossVariant, worstRow, type LossOptions } from "./loss-variant.ts";

export function nodetachScenario(options: LossOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: LossOptions): ScenarioResult {
  const v = lossVariant(options, (L, n) => L.add(L.div(L).mul(n)), "L'");
  const { n, setup } = v;
  const L = v.L.item();
  const value = v.variant.item();
  const gradients = compareGradients(setup.names, setup.params, v.clean, v.got, 1);
  const worst = worstRow(gradients);
  const atL = v.trace.received(v.L)?.item() ?? Number.NaN;
  return {
    name: "nodetach",
    title: "without the detach: L + n·L/L",
    expression: "L' = L + n · L / L",
    lesson:
      "Without sg the quotient L/L has gradient 1/L − L/L² = 0: its two edges into L cancel, the gradient " +
      "arriving at L is 1, and every gradient is the clean one. Same value as the seed's formula, no effect on " +
      "training.",
    graphs: [graphOf("L + n*L/L, after backward", v.variant, v.trace)],
    gradientColumns: ["∇L (clean)", "∇(L + n·L/L)"],
    gradients,
    tables: [],
    identities: [
      // g_L = 1 + n/L − n·L/L²: the two terms cancel up to their roundings (a few ε·|n/L|), and the same ops
      // then carry g_L down as in the clean pass, so the normwise deviation is a few ε times the chain's length.
      identity(
        "∇(L + n·L/L) = ∇L",
        `every gradient / clean gradient = ${fixed(worst.ratio)} = 1 (no detach, no effect)`,
        worst.deviation,
        1e-12,
        "max over parameters of ‖∇L' − ∇L‖ / ‖∇L‖",
      ),
      identity(
        "the gradient arriving at L is 1 + n/L − n·L/L² = 1",
        `gradient arriving at L = 1 ${signed(n / L)} ${signed(-n / L)} = ${fixed(atL)}`,
        Math.abs(atL - 1),
        8 * 2 ** -52 * (1 + Math.abs(n / L)),
        "|g_L − 1|",
      ),
      identity(
        "L' = L + n (the same value as the seed's formula)",
        `L' = ${fixed(value)} = L + n = ${fixed(L)} ${signed(n)}`,
        Math.abs(value - (L + n)) / Math.abs(L + n),
        2 ** -52,
        "|L' − (L + n)| / |L + n|",
      ),
    ],
    numbers: { n, L, noisyLoss: value, measuredRatio: worst.ratio, maxDeviation: worst.deviation, gradientAtL: atL },
  };
}
