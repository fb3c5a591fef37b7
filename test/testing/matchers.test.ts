import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import { matchers, toBeAllClose } from "../../src/testing/index.ts";

expect.extend(matchers);

describe("toBeAllClose: |received − expected| ≤ atol + rtol·|expected|, same shape", () => {
  it("passes within the tolerance, for tensors, numbers, nested and typed arrays", () => {
    expect(tensor([[1, 2], [3, 4]])).toBeAllClose([[1, 2], [3, 4 + 1e-9]]);
    expect(tensor(0.1).add(0.2)).toBeAllClose(0.3, { rtol: 0, atol: 1e-16 });
    expect(tensor([1, 2])).toBeAllClose(tensor([1.001, 2.002]), { rtol: 1e-3 });
    expect(Float32Array.from([0.5])).toBeAllClose([0.5]);
  });

  it("fails beyond it, naming the worst element, both values and the count", () => {
    expect(() => expect(tensor([[1, 2], [3, 4]])).toBeAllClose([[1, 2.5], [3, 4.1]])).toThrow(
      /1e-8 \+ rtol 0.00001·\|expected\|; 2 of 4 are not. Worst at \[0, 1\]: received 2, expected 2.5/,
    );
  });

  it("fails on a shape mismatch, saying both shapes", () => {
    expect(() => expect(tensor([1, 2])).toBeAllClose([[1, 2]])).toThrow(/expected shape \[1, 2\] but received shape \[2\]/);
  });

  it("negates with .not", () => {
    expect(tensor([1])).not.toBeAllClose([1.1]);
    expect(() => expect(tensor([1])).not.toBeAllClose([1])).toThrow(/not to be all close/);
  });

  it("NaN is never close unless equalNan", () => {
    expect(tensor([Number.NaN])).not.toBeAllClose([Number.NaN]);
    expect(tensor([Number.NaN])).toBeAllClose([Number.NaN], { equalNan: true });
  });

  it("says what is wrong with an input that is not comparable", () => {
    expect(toBeAllClose("x", [1]).message()).toBe("toBeAllClose: the received value is string, not a Tensor, number or array");
    expect(toBeAllClose([1], [[1], [1, 2]]).message()).toMatch(/the expected value is a ragged array/);
  });
});
