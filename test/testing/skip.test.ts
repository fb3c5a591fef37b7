import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotDifferentiableError, checkVjp, relu } from "../../src/index.ts";
import { arbTensor, skipNonDifferentiable } from "../../src/testing/index.ts";

describe("skipNonDifferentiable", () => {
  it("discards draws at a kink instead of failing: relu on a grid that contains 0", () => {
    let skipped = 0;
    const details = fc.check(
      fc.property(arbTensor({ shape: [2], min: -1, max: 1, step: 1 }), (x) =>
        skipNonDifferentiable(() => {
          try {
            return checkVjp(relu, [x]);
          } catch (e) {
            if (e instanceof NotDifferentiableError) skipped++;
            throw e;
          }
        }),
      ),
      { seed: 3, numRuns: 50 },
    );
    expect(details.failed).toBe(false);
    expect(skipped).toBeGreaterThan(0);
  });

  it("lets every other error through", () => {
    expect(() => skipNonDifferentiable(() => { throw new RangeError("boom"); })).toThrow(RangeError);
    expect(skipNonDifferentiable(() => 42)).toBe(42);
  });
});
