import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Generator, type Tensor } from "../../src/index.ts";
import { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE, arbTensor, checkAgainstReference } from "../../src/testing/index.ts";

const ops: Record<string, (x: Tensor) => Tensor> = {
  exp: (x) => x.exp(),
  tanh: (x) => x.tanh(),
  softmax: (x) => x.softmax(-1),
  logsumexp: (x) => x.logsumexp(-1),
  gram: (x) => x.matmul(x.transpose()),
  mlpLayer: (x) => x.matmul(x.transpose()).tanh().sum(-1),
};

const float32Matrices = arbTensor({ shape: { minRank: 2, maxRank: 2, maxDim: 6 }, dtype: "float32", min: -3, max: 3 });

/**
 * The largest |c| of the cotangents `checkAgainstReference` draws (seed 0: the first normals of Generator(0), one
 * per output element; an output here has at most 6 × 6).
 */
const C_MAX = (() => {
  const g = new Generator(0);
  return Math.max(...Array.from({ length: 36 }, () => Math.abs(Math.fround(g.normal()))));
})();

/**
 * The size of the terms the products sum, for the rule tolerances.ts states: "a composition that cancels more than
 * that needs an explicit atol scaled to its terms". Of x (rows × cols, |x| ≤ m): a value of x·xᵀ sums cols terms of
 * at most m²; mlpLayer's value sums rows tanh's, each at most 1; both VJPs are (G + Gᵀ)·x with |G| ≤ |c| (G = c for
 * x·xᵀ, c_i·(1 − tanh²) for mlpLayer), 2·rows terms of at most C_MAX·m. A result that cancels below rtol of its terms
 * (seen: an mlpLayer gradient of 5.0e-4 summed from terms near 1, off by 1.05e-6) is then checked to rtol of them.
 */
function termScale(x: Tensor): number {
  const [rows, cols] = x.shape;
  let m = 0;
  for (const v of x.data) m = Math.max(m, Math.abs(v));
  return Math.max(cols * m * m, rows, 2 * rows * C_MAX * m);
}

const CANCELLING = new Set(["gram", "mlpLayer"]);

describe("FLOAT32_TOLERANCE: the documented float32 tolerance", () => {
  it("covers the engine's float32 ops (values and VJPs) against the same ops in float64; sums of products to rtol of their terms", () => {
    for (const [name, op] of Object.entries(ops)) {
      fc.assert(
        fc.property(float32Matrices, (x) => {
          const atol = CANCELLING.has(name) ? Math.max(FLOAT32_TOLERANCE.atol, FLOAT32_TOLERANCE.rtol * termScale(x)) : undefined;
          return checkAgainstReference(op, op, [x], { name, ...(atol === undefined ? {} : { atol }) });
        }),
        { numRuns: 40 },
      );
    }
  });

  it("is needed: float32 results miss the float64 tolerance", () => {
    // Every float32 operation rounds to 24 bits (relative error up to u₃₂ ≈ 6e-8); a matmul, a tanh and a sum
    // stack a few of those, past FLOAT64_TOLERANCE's rtol of 1e-7 for some element of some of these tensors.
    const misses = fc.sample(float32Matrices, { seed: 1, numRuns: 20 }).filter(
      (x) => !checkAgainstReference(ops.mlpLayer, ops.mlpLayer, [x], { ...FLOAT64_TOLERANCE, raise: false }),
    );
    expect(misses.length).toBeGreaterThan(0);
  });
});
