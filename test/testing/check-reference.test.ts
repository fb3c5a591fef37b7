import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, GradcheckError, customOp, tensor, type Tensor } from "../../src/index.ts";
import { FLOAT32_TOLERANCE, arbTensor, checkAgainstReference } from "../../src/testing/index.ts";

/** softplus fused: log1p(exp(−|x|)) + max(x, 0), stable for any x.  ∂x = g·σ(x) */
const softplus = customOp({
  name: "softplus",
  forward: ([x]) => {
    const out = new Float64Array(x.size);
    for (let i = 0; i < x.size; i++) out[i] = Math.log1p(Math.exp(-Math.abs(x.data[i]))) + Math.max(x.data[i], 0);
    return tensor(x.dtype === "float32" ? Float32Array.from(out) : out, { shape: x.shape });
  },
  backward: (g, [x]) => [g.mul(x.sigmoid())],
});
const composed = (x: Tensor) => x.exp().add(1).log();

const leaf = (v: number[], dtype: "float32" | "float64" = "float64") => tensor(v, { requiresGrad: true, dtype });

describe("checkAgainstReference: a rule against a composed reference", () => {
  it("softplus agrees with log(1 + eˣ) in value and VJP, at first and second order", () => {
    fc.assert(
      fc.property(arbTensor({ min: -5, max: 5 }), (x) => checkAgainstReference(softplus, composed, [x], { order: 2 })),
      { numRuns: 100 },
    );
  });

  it("a wrong rule: the error names the op, the input, the worst element and the tolerance", () => {
    const wrong = customOp({ name: "softplusWrong", forward: ([x]) => composed(x), backward: (g, [x]) => [g.mul(x.tanh())] });
    const run = () => checkAgainstReference(wrong, composed, [leaf([0.5, -1, 2])]);
    expect(run).toThrow(GradcheckError);
    expect(run).toThrow(
      /checkAgainstReference\(softplusWrong\): the gradient of input 0 \(shape \[3\]\) differs from the reference at \[\d\]: .* by the op, .* by the reference \(\|difference\| .* > atol 1e-10 \+ rtol 1e-7·\|reference\|\); cotangent seed 0/,
    );
    expect(checkAgainstReference(wrong, composed, [leaf([0.5])], { raise: false })).toBe(false);
  });

  it("a wrong value is reported before any gradient", () => {
    const off = customOp({ name: "off", forward: ([x]) => x.add(1e-3), backward: (g) => [g] });
    expect(() => checkAgainstReference(off, (x) => x.mul(1), [leaf([1, 2])])).toThrow(/off\): the value differs from the reference at \[0\]/);
  });

  it("a shape mismatch is a failure that says both shapes", () => {
    const keep = customOp({ name: "sumKeep", forward: ([x]) => x.sum(0, true), backward: (g, [x]) => [g.broadcastTo(x.shape)] });
    expect(() => checkAgainstReference(keep, (x) => x.sum(0), [leaf([1, 2])])).toThrow(/shape \[1\] where the reference has \[\]/);
  });

  it("no gradient (null) counts as zero: it passes against a zero gradient and fails against a real one", () => {
    const none = customOp({ name: "none", forward: ([x]) => x.mul(0), backward: () => [null] });
    expect(checkAgainstReference(none, (x) => x.mul(0), [leaf([1, 2])])).toBe(true);
    // x − sg(x): the value 0 again, but the gradient 1.
    expect(checkAgainstReference(none, (x) => x.sub(x.detach()), [leaf([1, 2])], { raise: false })).toBe(false);
  });
});

describe("checkAgainstReference in float32: FLOAT32_TOLERANCE", () => {
  it("the same op in float32 agrees with its float64 run within rtol 1e-4", () => {
    expect(FLOAT32_TOLERANCE.rtol).toBe(1e-4);
    fc.assert(
      fc.property(arbTensor({ dtype: "float32", min: -4, max: 4 }), (x) => checkAgainstReference(composed, composed, [x])),
      { numRuns: 100 },
    );
  });

  it("a float32 rule wrong by 1e-3 relative is caught", () => {
    const skewed = customOp({ name: "skewed", forward: ([x]) => x.mul(2), backward: (g) => [g.mul(2.002)] });
    expect(() => checkAgainstReference(skewed, (x) => x.mul(2), [leaf([1, -0.5], "float32")])).toThrow(/rtol 0.0001/);
  });
});

describe("bad input is said plainly, not reported as a failure", () => {
  const identity = (x: Tensor) => x.mul(1);

  it("non-finite inputs", () => {
    expect(() => checkAgainstReference(identity, identity, [leaf([1, Number.NaN])])).toThrow(ArgumentError);
    expect(() => checkAgainstReference(identity, identity, [leaf([1, Infinity])])).toThrow(/input 0 holds Infinity at \[1\]; the check needs finite inputs/);
  });

  it("a reference that is not finite at the inputs", () => {
    expect(() => checkAgainstReference(identity, (x) => x.log(), [leaf([-1])])).toThrow(/the reference is NaN at \[0\] for these inputs/);
  });

  it("a function that returns a non-tensor", () => {
    const bad = ((x: Tensor) => x.toArray()) as unknown as (x: Tensor) => Tensor;
    expect(() => checkAgainstReference(bad, identity, [leaf([1])])).toThrow(/the op must return a Tensor, got an array/);
    expect(() => checkAgainstReference(identity, bad, [leaf([1])])).toThrow(/the reference must return a Tensor/);
  });

  it("inputs that do not require grad", () => {
    expect(() => checkAgainstReference(identity, identity, [tensor([1])])).toThrow(/no input requires grad/);
  });
});
