/**
 * Detach on a hidden layer: out = layer2(sg(tanh(layer0(x)))). The layers above the cut learn exactly as before;
 * the layers below it get no gradient at all (null: not connected, which is different from a zero gradient).
 * This is how a frozen feature extractor, or a target network, is built.
 */
import { keepValues } from "../../autograd/mode.ts";
import { grad } from "../../autograd/grad.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { crossEntropy } from "../../nn/functional/cross-entropy.ts";
import { Sequential } from "../../nn/layers/sequential.ts";
import { fmt } from "../numbers.ts";
import { compareGradients, graphOf, identity, maxAbsDifference, type ScenarioResult } from "../scenario.ts";
import { traceGradients } from "../trace.ts";
import { toySetup } from "./setup.ts";

export interface HiddenOptions {
  readonly seed?: number;
}

export function hiddenScenario(options: HiddenOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: HiddenOptions): ScenarioResult {
  const setup = toySetup({ seed: options.seed });
  const [first, act, last] = (setup.model as Sequential).layers;
  const h = act.forward(first.forward(setup.x));
  h.label = "h";
  const clean = crossEntropy(last.forward(h), setup.labels);
  clean.label = "L";
  const cleanGrads = grad(clean, setup.params, { allowUnused: true });
  const cut = crossEntropy(last.forward(h.detach()), setup.labels);
  cut.label = "L (sg h)";
  const trace = traceGradients(cut);
  const got = grad(cut, setup.params, { allowUnused: true });
  trace.remove();

  const below = setup.names.map((name, k) => ({ name, k })).filter(({ name }) => name.startsWith("0."));
  const above = setup.names.map((name, k) => ({ name, k })).filter(({ name }) => !name.startsWith("0."));
  const nullBelow = below.filter(({ k }) => got[k] === null).length;
  let aboveDiff = 0;
  for (const { k } of above) {
    const a = got[k];
    const b = cleanGrads[k];
    aboveDiff = a === null || b === null ? Infinity : Math.max(aboveDiff, maxAbsDifference(a.data, b.data));
  }
  const hReceived = trace.received(h);
  const learns = (gs: readonly (Tensor | null)[]) => setup.names.filter((_, k) => gs[k] !== null).join(", ");
  return {
    name: "hidden",
    title: "detach on a hidden layer: which parameters still learn",
    expression: "L = crossEntropy(layer2(sg(h)), y),  h = tanh(layer0(x))",
    lesson:
      "A detach between two layers is a wall for gradients: everything above it learns as before, everything " +
      "below it gets no gradient at all (null, not zero), so an optimizer leaves it untouched.",
    graphs: [graphOf("layer2(sg(h)): the cut hidden layer, after backward", cut, trace)],
    gradientColumns: ["∇ without sg", "∇ with sg(h)"],
    gradients: compareGradients(setup.names, setup.params, cleanGrads, got, null),
    tables: [
      {
        title: "who learns",
        columns: ["graph", "parameters with a gradient"],
        rows: [
          ["without sg", learns(cleanGrads)],
          ["with sg(h)", learns(got) || "none"],
        ],
      },
    ],
    identities: [
      identity(
        "below the cut: no gradient (null) for layer 0",
        `${below.map((b) => b.name).join(", ")}: ${nullBelow} of ${below.length} get null; h receives ${
          hReceived === null ? "nothing" : "a gradient"
        }`,
        below.length - nullBelow + (hReceived === null ? 0 : 1),
        0,
        "parameters below the cut that got a gradient (+1 if h received one)",
      ),
      // Above the cut the same rules run on the same values (h and ∂L/∂out do not depend on the cut): bit for bit.
      identity(
        "above the cut: the gradient is unchanged",
        `${above.map((a) => a.name).join(", ")}: max |∇ with sg − ∇ without| = ${fmt(aboveDiff)}`,
        aboveDiff,
        0,
        "max |difference| over the elements above the cut",
      ),
    ],
    numbers: { nullBelow, paramsBelow: below.length, maxDifferenceAbove: aboveDiff, loss: cut.item() },
  };
}
