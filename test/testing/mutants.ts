/**
 * Deliberately wrong gradient rules, each a customOp beside its correct twin, with the property that should
 * catch it. The mutations are the bugs people write: a flipped sign, a missing factor, a broadcast left
 * unreduced, matmul's gradient with a transpose missing or the operands swapped, the output where the input
 * belongs, a detach forgotten in a perturbation rule, and a max whose tie rule drops gradient.
 */
import fc from "fast-check";
import { customOp, type CustomOp, type Tensor } from "../../src/index.ts";
import {
  arbShape, arbTensor, arbTensors, arbValue, checkAgainstReference, checkVjp, skipNonDifferentiable,
} from "../../src/testing/index.ts";

export interface Mutant {
  readonly name: string;
  /** What is wrong, as the rule's math. */
  readonly bug: string;
  /** A property over inputs, parameterised by the rule under test: true, or throws. */
  readonly property: (rule: "correct" | "mutant") => fc.IProperty<[unknown]>;
}

/** softplus(x) = log(1 + eˣ).  ∂x = g·σ(x) */
const softplus = (sign: 1 | -1): CustomOp =>
  customOp({
    name: sign === 1 ? "softplus" : "softplusSignFlipped",
    forward: ([x]) => x.exp().add(1).log(),
    backward: (g, [x]) => [g.mul(x.sigmoid()).mul(sign)],
  });

/** mean over the last axis.  ∂x = g / n, broadcast back along the axis */
const meanLast = (divide: boolean): CustomOp =>
  customOp({
    name: divide ? "meanLast" : "meanLastNoDivide",
    forward: ([x]) => x.mean(-1),
    backward: (g, [x]) => {
      const n = x.shape[x.ndim - 1];
      const spread = g.unsqueeze(-1).broadcastTo(x.shape);
      return [divide ? spread.div(n) : spread];
    },
  });

/** a + b[:, None] for a of shape [m, n], b of shape [m].  ∂a = g, ∂b = Σⱼ g[:, j] */
const addColumn = (reduce: boolean): CustomOp =>
  customOp({
    name: reduce ? "addColumn" : "addColumnUnreduced",
    forward: ([a, b]) => a.add(b.unsqueeze(-1)),
    // NOTE: the tape sums a gradient back over broadcast axes, but only NumPy's right-aligned ones; a column
    // broadcast is the rule's own business, and returning g unreduced is either a shape error or a wrong sum.
    backward: (g) => [g, reduce ? g.sum(-1) : g],
  });

type MatmulBug = "none" | "transposeMissing" | "operandsSwapped";

/** A·B.  ∂A = g·Bᵀ, ∂B = Aᵀ·g */
const matmul = (bug: MatmulBug): CustomOp =>
  customOp({
    name: bug === "none" ? "matmul" : `matmul_${bug}`,
    forward: ([a, b]) => a.matmul(b),
    backward: (g, [a, b]) => [
      bug === "transposeMissing" ? g.matmul(b) : bug === "operandsSwapped" ? b.transpose().matmul(g) : g.matmul(b.transpose()),
      a.transpose().matmul(g),
    ],
  });

/** tanh.  ∂x = g·(1 − y²) with y the output */
const tanh = (useOutput: boolean): CustomOp =>
  customOp({
    name: useOutput ? "tanh" : "tanhInputForOutput",
    forward: ([x]) => x.tanh(),
    backward: (g, [x], y) => [g.mul((useOutput ? y : x).pow(2).neg().add(1))],
  });

/**
 * The perturbation node as one op: value L + n, gradient (1 + n/sg(L))·g, exactly the gradient of the composed
 * L + n·L/sg(L). The factor must be built from sg(L): built from the live L, it is right at first order, but
 * with createGraph its dependence on L leaks into second derivatives, which the composed form does not have.
 */
const perturb = (n: number, detached: boolean): CustomOp =>
  customOp({
    name: detached ? "perturb" : "perturbLiveFactor",
    forward: ([loss]) => loss.add(n),
    backward: (g, [loss]) => [g.mul((detached ? loss.detach() : loss).pow(-1).mul(n).add(1))],
  });

/** max over the last axis.  ∂x = g·[x = max] / (number of ties), as torch.amax */
const maxLast = (splitTies: boolean): CustomOp =>
  customOp({
    name: splitTies ? "maxLast" : "maxLastTiesDropped",
    forward: ([x]) => x.max(-1),
    backward: (g, [x], y) => {
      const hit = x.eq(y.unsqueeze(-1));
      const ties = hit.sum(-1, true);
      // The mutant keeps only a unique maximum: tied maxima get nothing, so gradient is lost.
      const mask = splitTies ? hit.div(ties) : hit.mul(ties.eq(1));
      return [g.unsqueeze(-1).mul(mask)];
    },
  });

const vjpProperty = (arb: fc.Arbitrary<Tensor[]>, op: CustomOp) =>
  fc.property(arb, (xs) => skipNonDifferentiable(() => checkVjp(op, xs)));

/** One tensor of any shape up to rank 3 and dimension 4, shrinking by slices (see tensor-arbitrary.ts). */
const one = (options: Parameters<typeof arbTensor>[0] = {}) => arbTensor({ shape: { maxRank: 3, maxDim: 4 }, ...options }).map((t) => [t]);
const matrices = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .map(([m, k, n]) => [[m, k], [k, n]]);

export const MUTANTS: readonly Mutant[] = [
  {
    name: "sign flipped",
    bug: "softplus: ∂x = −g·σ(x)",
    property: (rule) => vjpProperty(one(), softplus(rule === "correct" ? 1 : -1)),
  },
  {
    name: "off by a factor",
    bug: "mean over the last axis: ∂x = g (the 1/n forgotten)",
    property: (rule) => vjpProperty(one({ shape: { minRank: 1, maxRank: 3, maxDim: 4 } }), meanLast(rule === "correct")),
  },
  {
    name: "missing broadcast reduction",
    bug: "a + b[:, None]: ∂b = g, not Σⱼ g[:, j]",
    property: (rule) =>
      vjpProperty(
        arbTensors(arbShape({ minRank: 2, maxRank: 2, maxDim: 4 }).map(([m, n]) => [[m, n], [m]])),
        addColumn(rule === "correct"),
      ),
  },
  {
    name: "matmul: transpose missing",
    bug: "∂A = g·B instead of g·Bᵀ",
    property: (rule) => vjpProperty(arbTensors(matrices), matmul(rule === "correct" ? "none" : "transposeMissing")),
  },
  {
    name: "matmul: operands swapped",
    bug: "∂A = Bᵀ·g instead of g·Bᵀ",
    property: (rule) => vjpProperty(arbTensors(matrices), matmul(rule === "correct" ? "none" : "operandsSwapped")),
  },
  {
    name: "output used for the input",
    bug: "tanh: ∂x = g·(1 − x²) instead of g·(1 − y²)",
    property: (rule) => vjpProperty(one(), tanh(rule === "correct")),
  },
  {
    name: "detach forgotten in a perturbation rule",
    bug: "L + n: ∂L = g·(1 + n/L) with L live, not sg(L): wrong second derivatives",
    property: (rule) =>
      fc.property(
        fc.tuple(one({ min: 0.5, max: 3 }), arbValue({ min: -1, max: 1, avoid: [0], margin: 0.1 })),
        ([xs, n]) =>
          checkAgainstReference(perturb(n, rule === "correct"), (l) => l.add(l.div(l.detach()).mul(n)), xs, { order: 2 }),
      ),
  },
  {
    name: "max: tie rule drops gradient",
    bug: "max over the last axis: tied maxima get no gradient",
    property: (rule) =>
      fc.property(
        // A coarse grid makes ties common; finite differences cannot judge a tie, a reference can.
        one({ shape: { minRank: 1, maxRank: 2, maxDim: 4 }, min: -1, max: 1, step: 0.5 }),
        (xs) => checkAgainstReference(maxLast(rule === "correct"), (x) => x.max(-1), xs),
      ),
  },
];

/** The "missing reduction" that is not a bug: the tape sums right-aligned broadcasting back by itself. */
export const addRowUnreduced = customOp({
  name: "addRowUnreduced",
  forward: ([a, b]) => a.add(b),
  backward: (g) => [g, g],
});
