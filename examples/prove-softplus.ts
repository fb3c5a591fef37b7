/**
 * The code of docs/prove-your-own-op.md, block by block (the test checks that every block of the tutorial is
 * here, and runs them all): softplus and a fused loss as custom ops, each proved with fast-check properties, then
 * softplus broken on purpose to show the shrunk counterexample. `npx tsx examples/prove-softplus.ts` prints it.
 */
import { fileURLToPath } from "node:url";
// block: softplus
import { customOp, type Tensor } from "../src/index.ts";

/** softplus(x) = log(1 + eˣ), computed as max(x, 0) + log(1 + e^−|x|) so that eˣ never overflows.  ∂x = g·σ(x) */
export const softplus = customOp({
  name: "softplus",
  formula: "log(1 + exp(x));  ∂x = g * sigmoid(x)",
  forward: ([x]) => x.relu().add(x.abs().neg().exp().add(1).log()),
  backward: (g, [x]) => [g.mul(x.sigmoid())],
});
// end block

// block: prove softplus
import fc from "fast-check";
import { arbTensor, checkAgainstReference, checkVjp, gradgradcheck } from "../src/testing/index.ts";

export function proveSoftplus(numRuns = 100): void {
  // The rule against central differences along a random direction, for random shapes and values.
  fc.assert(fc.property(arbTensor({ min: -30, max: 30 }), (x) => checkVjp(softplus, [x])), { numRuns });
  // Its second derivative σ(x)(1 − σ(x)): the rule is written with tensor ops, so createGraph goes through it.
  fc.assert(fc.property(arbTensor({ min: -5, max: 5 }), (x) => gradgradcheck(softplus, [x])), { numRuns });
  // Value and gradients against the textbook formula, where that formula is still accurate.
  const textbook = (x: Tensor) => x.exp().add(1).log();
  fc.assert(
    fc.property(arbTensor({ min: -20, max: 20 }), (x) => checkAgainstReference(softplus, textbook, [x], { order: 2 })),
    { numRuns },
  );
}
// end block

// block: fused loss
/**
 * Binary cross-entropy on logits z against targets y, averaged: mean(softplus(z) − y·z), one node.
 * ∂z = g·(σ(z) − y)/n,  ∂y = −g·z/n
 */
export const bceWithLogits = customOp({
  name: "bceWithLogits",
  formula: "mean(softplus(z) - y*z);  ∂z = g * (sigmoid(z) - y) / n,  ∂y = -g * z / n",
  forward: ([z, y]) => z.relu().add(z.abs().neg().exp().add(1).log()).sub(y.mul(z)).mean(),
  backward: (g, [z, y]) => [g.mul(z.sigmoid().sub(y)).div(z.size), g.mul(z).neg().div(z.size)],
});
// end block

// block: prove the fused loss
import { arbShape } from "../src/testing/index.ts";

/** Logits anywhere in [−10, 10], targets in [0, 1], of one drawn shape. */
const logitsAndTargets = arbShape({ maxRank: 2 }).chain((shape) =>
  fc.tuple(arbTensor({ shape, min: -10, max: 10 }), arbTensor({ shape, min: 0, max: 1 })),
);

export function proveBceWithLogits(numRuns = 100): void {
  const composed = (z: Tensor, y: Tensor) => softplus(z).sub(y.mul(z)).mean();
  fc.assert(
    fc.property(logitsAndTargets, ([z, y]) => checkVjp(bceWithLogits, [z, y]) && checkAgainstReference(bceWithLogits, composed, [z, y], { order: 2 })),
    { numRuns },
  );
}
// end block

// block: break it
/** The same op with a classic slip: the output where the input belongs, σ(softplus(x)) instead of σ(x). */
export const softplusBroken = customOp({
  name: "softplusBroken",
  forward: ([x]) => x.relu().add(x.abs().neg().exp().add(1).log()),
  backward: (g, _inputs, out) => [g.mul(out.sigmoid())],
});

export function breakSoftplus(): string {
  try {
    fc.assert(fc.property(arbTensor({ min: -30, max: 30 }), (x) => checkVjp(softplusBroken, [x])), { seed: 7, verbose: 1 });
  } catch (e) {
    // fast-check's report, then the check's own error, which it keeps as the cause.
    const { message, cause } = e as Error;
    return `${message}\n\nCaused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`;
  }
  return "no counterexample";
}
// end block

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  proveSoftplus();
  proveBceWithLogits();
  console.log("softplus and bceWithLogits: all properties hold\n");
  console.log(breakSoftplus());
}
