/**
 * Detach at the second order. f = Σ x²·sg(x) has the value of Σ x³, but sg(x) is a constant at every order:
 * df/dx = 2x·sg(x) (not 3x²), and differentiating that again, sg(x) is still a constant: d²f/dx²·1 = 2·sg(x)
 * (not 6x). The gradient graph that createGraph records keeps the detach's output as a constant leaf.
 */
import { keepValues } from "../../autograd/mode.ts";
import { tensor } from "../../autograd/creation.ts";
import { grad } from "../../autograd/grad.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { fmt } from "../numbers.ts";
import { compareGradients, graphOf, identity, type ScenarioResult } from "../scenario.ts";
import { traceGradients } from "../trace.ts";
import { labelConstant } from "./setup.ts";

export interface SecondOrderOptions {
  /** The point x (default [0.5, -1.5, 2]). */
  readonly x?: readonly number[];
}

/** max |a − f(x)| / max |f(x)|, against a reference computed here in plain arithmetic. */
function againstReference(a: Tensor | null, x: readonly number[], f: (v: number) => number): number {
  if (a === null) return Infinity;
  let err = 0;
  let scale = 0;
  x.forEach((v, i) => {
    err = Math.max(err, Math.abs(a.data[i] - f(v)));
    scale = Math.max(scale, Math.abs(f(v)));
  });
  return scale === 0 ? err : err / scale;
}

export function secondOrderScenario(options: SecondOrderOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: SecondOrderOptions): ScenarioResult {
  const xs = options.x ?? [0.5, -1.5, 2];
  const x = tensor(xs as number[], { requiresGrad: true });
  x.label = "x";
  const f = x.mul(x).mul(x.detach()).sum();
  f.label = "f";
  const fClean = x.mul(x).mul(x).sum();
  fClean.label = "f (no sg)";

  const firstTrace = traceGradients(f);
  const g = grad(f, x, { createGraph: true }) as Tensor;
  firstTrace.remove();
  g.label = "g = df/dx";
  const gClean = grad(fClean, x, { createGraph: true }) as Tensor;
  const gSum = g.sum();
  gSum.label = "sum(g)";
  // The rule of the outer mul computed 1·sg(x) without recording (neither factor requires grad): a constant.
  labelConstant(gSum, xs, "sg(x)");
  const secondTrace = traceGradients(gSum);
  const h = grad(gSum, x) as Tensor;
  secondTrace.remove();
  const hClean = grad(gClean.sum(), x) as Tensor;

  // Each reference is one or two roundings from exact (2·x·x, 2·x): an error of a few ε relative.
  const tol = 4 * 2 ** -52;
  const eG = againstReference(g, xs, (v) => 2 * v * v);
  const eH = againstReference(h, xs, (v) => 2 * v);
  const eGc = againstReference(gClean, xs, (v) => 3 * v * v);
  const eHc = againstReference(hClean, xs, (v) => 6 * v);
  const list = (t: Tensor) => `[${Array.from(t.data, (v) => fmt(v)).join(", ")}]`;
  return {
    name: "second-order",
    title: "detach at the second order: x²·sg(x)",
    expression: "f = Σ x² · sg(x)   (value Σ x³)",
    lesson:
      "sg stops gradient at every order: df/dx = 2x·sg(x) instead of 3x², and differentiating the recorded " +
      "gradient again still treats sg(x) as a constant, d²f/dx²·1 = 2·sg(x) instead of 6x.",
    graphs: [
      graphOf("f = sum(x*x*sg(x)), after backward", f, firstTrace),
      graphOf("g = df/dx as recorded by createGraph, after the second backward", gSum, secondTrace),
    ],
    gradientColumns: ["without sg (Σ x³)", "with sg (Σ x²·sg(x))"],
    gradients: [
      ...compareGradients(["df/dx"], [x], [gClean], [g], 2 / 3),
      ...compareGradients(["d²f/dx²·1"], [x], [hClean], [h], 1 / 3),
    ],
    tables: [],
    identities: [
      identity(
        "first order: df/dx = 2x·sg(x) = 2x²",
        `df/dx = ${list(g)} = 2x² (without sg: 3x² = ${list(gClean)})`,
        eG,
        tol,
        "max |df/dx − 2x²| / max |2x²|",
      ),
      identity(
        "second order: d/dx Σ(df/dx) = 2·sg(x) = 2x",
        `d²f/dx²·1 = ${list(h)} = 2x (without sg: 6x = ${list(hClean)})`,
        eH,
        tol,
        "max |h − 2x| / max |2x|",
      ),
      identity(
        "the clean references: 3x² and 6x",
        `Σ x³ gives 3x² and 6x (relative errors ${fmt(eGc)} and ${fmt(eHc)})`,
        Math.max(eGc, eHc),
        tol,
        "max relative error of 3x², 6x",
      ),
    ],
    numbers: { firstOrderError: eG, secondOrderError: eH, cleanError: Math.max(eGc, eHc), f: f.item() },
  };
}
