import { describe, expect, it } from "vitest";
import { runDetachExample } from "../../src/explain/detach-example.ts";

describe("README example: backward through detach", () => {
  it("every gradient of L + n·L/sg(L) is (1 + n/L) times the clean one; without detach it is the clean one", () => {
    const { numbers } = runDetachExample(0.31);
    const f = 1 + 0.31 / numbers.loss;
    // The ratio of two float64 gradients, each a few roundings from exact: a relative error of ~1e-15.
    expect(Math.abs(numbers.ratioW - f)).toBeLessThan(1e-12 * f);
    expect(Math.abs(numbers.ratioB - f)).toBeLessThan(1e-12 * f);
    expect(numbers.ratioWithoutDetach).toBe(1);
  });
});
