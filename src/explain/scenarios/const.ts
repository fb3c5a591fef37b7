/**
 * Plain additive noise L + n: the value moves by n, the gradient does not move at all. The add passes its gradient
 * through unchanged (∂L = g), and n is a constant leaf, so backprop computes exactly what it computes for L.
 */
import { keepValues } from "../../autograd/mode.ts";
import { fixed, fmt, signed } from "../numbers.ts";
import { compareGradients, graphOf, identity, maxAbsDifference, type ScenarioResult } from "../scenario.ts";
import { lossVariant, type LossOptions } from "./loss-variant.ts";

export function constScenario(options: LossOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: LossOptions): ScenarioResult {
  const v = lossVariant(options, (L, n) => L.add(n), "L+n");
  const { n, setup } = v;
  const L = v.L.item();
  const value = v.variant.item();
  const gradients = compareGradients(setup.names, setup.params, v.clean, v.got, 1);
  let diff = 0;
  v.got.forEach((g, k) => {
    const c = v.clean[k];
    diff = g === null || c === null ? (g === c ? diff : Infinity) : Math.max(diff, maxAbsDifference(g.data, c.data));
  });
  const atL = v.trace.received(v.L)?.item() ?? Number.NaN;
  return {
    name: "const",
    title: "additive noise: L + n",
    expression: "L' = L + n",
    lesson:
      "A constant added to the loss shifts its value and nothing else: the gradient arriving at L is 1, so every " +
      "gradient is exactly the clean one. Additive noise on the loss cannot change training.",
    graphs: [graphOf("L + n, after backward", v.variant, v.trace)],
    gradientColumns: ["∇L (clean)", "∇(L + n)"],
    gradients,
    tables: [],
    identities: [
      // The same ops on the same values from the same seed 1: bit for bit the clean gradients.
      identity(
        "∇(L + n) = ∇L exactly",
        `every gradient / clean gradient = 1 exactly (max |∇(L + n) − ∇L| = ${fmt(diff)})`,
        diff,
        0,
        "max |∇(L + n) − ∇L| over every element",
      ),
      identity("the gradient arriving at L is 1", `gradient arriving at L = ${fixed(atL)}`, Math.abs(atL - 1), 0,
        "|g_L − 1|"),
      identity(
        "L' = L + n",
        `L + n = ${fixed(value)} = ${fixed(L)} ${signed(n)}`,
        Math.abs(value - (L + n)),
        0,
        "|L' − (L + n)|",
      ),
    ],
    numbers: { n, L, noisyLoss: value, maxDifference: diff, gradientAtL: atL },
  };
}
