/**
 * The straight-through estimator y = z + sg(q(z) − z): the detach trick from the other side. Forward, y is the
 * quantised q(z) exactly; backward, the cut edge hides q, so ∂y/∂z = 1 and the gradient passes straight through a
 * step function whose own derivative is 0 almost everywhere.
 */
import { keepValues } from "../../autograd/mode.ts";
import { fromStorage } from "../../autograd/creation.ts";
import { customOp } from "../../autograd/custom-op.ts";
import { allocate } from "../../autograd/dtype.ts";
import { grad } from "../../autograd/grad.ts";
import { Generator } from "../../autograd/random.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { mseLoss } from "../../nn/functional/mse-loss.ts";
import { fmt } from "../numbers.ts";
import {
  compareGradients, graphOf, identity, maxAbsDifference, relativeDeviation, type ScenarioResult,
} from "../scenario.ts";
import { traceGradients } from "../trace.ts";
import { maxOf } from "../../plot/extent.ts";

/** Round half to even, as torch.round. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** round(z), with the derivative a step function has between its steps: 0. */
export const round = customOp({
  name: "round",
  formula: "round(z);  ∂z = 0 (flat between the steps)",
  savesInputs: false,
  forward: ([z]) => {
    const out = allocate(z.dtype, z.size);
    for (let i = 0; i < z.size; i++) out[i] = roundHalfEven(z.data[i]);
    return fromStorage(out, z.shape);
  },
  backward: (g) => [g.mul(0)],
});

export interface SteOptions {
  readonly seed?: number;
}

export function steScenario(options: SteOptions = {}): ScenarioResult {
  // Its listings show every intermediate value, so its graphs keep them all.
  return keepValues(() => scenario(options));
}

function scenario(options: SteOptions): ScenarioResult {
  const g = new Generator(options.seed ?? 0);
  const [B, I, O] = [4, 3, 2];
  const fill = (n: number, f: () => number): Float64Array => Float64Array.from({ length: n }, f);
  const x = fromStorage(fill(B * I, () => 2 * g.normal()), [B, I]);
  x.label = "x";
  const w = fromStorage(fill(I * O, () => g.normal()), [I, O], true);
  w.label = "w";
  const t = fromStorage(fill(B * O, () => g.int(5) - 2), [B, O]);
  t.label = "t";

  const z = x.matmul(w);
  z.label = "z";
  const q = round(z);
  const y = z.add(q.sub(z).detach());
  y.label = "y";
  const loss = mseLoss(y, t);
  loss.label = "L";
  const trace = traceGradients(loss);
  const [gw] = grad(loss, [w], { retainGraph: true });
  trace.remove();
  const through = mseLoss(round(z), t);
  through.label = "L (no STE)";
  const [gRound] = grad(through, [w]);

  // The reference, by hand: ∂L/∂y = 2(q − t)/(B·O) since y = q, then ∂L/∂w = xᵀ·∂L/∂y (∂y/∂z = 1).
  const expected = new Float64Array(I * O);
  for (let i = 0; i < I; i++) {
    for (let o = 0; o < O; o++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += x.data[b * I + i] * ((2 * (q.data[b * O + o] - t.data[b * O + o])) / (B * O));
      expected[i * O + o] = s;
    }
  }
  const gwT = gw as Tensor;
  const valueError = maxAbsDifference(y.data, q.data);
  const atZ = trace.received(z);
  const atY = trace.received(y);
  const passError = atZ !== null && atY !== null ? maxAbsDifference(atZ.data, atY.data) : Infinity;
  const refError = relativeDeviation(gwT.data, expected);
  const roundMax = gRound === null ? Infinity : maxOf(Array.from(gRound.data, Math.abs));
  return {
    name: "ste",
    title: "straight-through estimator: z + sg(round(z) − z)",
    expression: "y = z + sg(round(z) − z),  L = mse(y, t)",
    lesson:
      "The detach hides the quantiser from backprop: y equals round(z) in value, but its only differentiable path " +
      "is the identity edge from z, so ∂y/∂z = 1. Backprop through round itself gives zeros.",
    graphs: [graphOf("z + sg(round(z) - z), after backward", loss, trace)],
    gradientColumns: ["∇w through round (no STE)", "∇w with the STE"],
    gradients: compareGradients(["w"], [w], [gRound], [gw], null),
    tables: [],
    identities: [
      // z + (q − z): q − z is exact (|q − z| ≤ ½, and q, z are within a factor 2 of each other or q = 0), so the
      // sum is q.
      identity("forward: y = round(z) exactly", `max |y − round(z)| = ${fmt(valueError)}`, valueError, 0,
        "max |y − round(z)|"),
      // The add passes g to z unchanged; the only other edge into z goes through the detach.
      identity(
        "backward: ∂y/∂z = 1 (the gradient arriving at z is the one arriving at y)",
        `max |g_z − g_y| = ${fmt(passError)}`,
        passError,
        0,
        "max |g_z − g_y|",
      ),
      // Sums of B = 4 products, each rounded: a few ε relative.
      identity(
        "∇w = xᵀ · 2(round(z) − t)/N, as if round were the identity",
        `‖∇w − xᵀ·2(q − t)/N‖ / ‖xᵀ·2(q − t)/N‖ = ${fmt(refError)}`,
        refError,
        1e-14,
        "normwise relative deviation from the hand-computed reference",
      ),
      identity("through round itself, ∇w = 0 (zeros, not null)", `max |∇w through round| = ${fmt(roundMax)}`,
        roundMax, 0, "max |∇w| through round"),
    ],
    numbers: { loss: loss.item(), valueError, passError, referenceDeviation: refError, gradThroughRoundMax: roundMax },
  };
}
