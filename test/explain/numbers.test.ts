import { describe, expect, it } from "vitest";
import { fixed, fmt, norm, shapeText, signed, summaryText } from "../../src/explain/numbers.ts";

describe("numbers", () => {
  it("fmt: four significant digits, trailing zeros dropped, exponent form for tiny and huge values", () => {
    expect(fmt(1.2345678)).toBe("1.235");
    expect(fmt(0.5)).toBe("0.5");
    expect(fmt(-120)).toBe("-120");
    expect(fmt(0)).toBe("0");
    expect(fmt(1.2e-5)).toBe("1.2e-5");
    expect(fmt(3e7)).toBe("3e+7");
    expect([fmt(NaN), fmt(Infinity), fmt(-Infinity)]).toEqual(["nan", "inf", "-inf"]);
  });

  it("fixed and signed: decimals for identities, with the sign as an operator", () => {
    expect(fixed(0.31)).toBe("0.3100");
    expect(signed(0.31)).toBe("+ 0.3100");
    expect(signed(-0.1694)).toBe("− 0.1694");
  });

  it("summaryText: a scalar, a few values, or the range and mean", () => {
    expect(summaryText({ size: 1, min: 2, max: 2, mean: 2, values: [2] })).toBe("2");
    expect(summaryText({ size: 2, min: 1, max: 2.5, mean: 1.75, values: [1, 2.5] })).toBe("[1, 2.5]");
    expect(summaryText({ size: 9, min: -1, max: 3, mean: 0.5, values: null })).toBe("[-1 … 3] μ=0.5");
  });

  it("shapeText and norm", () => {
    expect(shapeText([])).toBe("[]");
    expect(shapeText([4, 3])).toBe("[4, 3]");
    expect(norm([3, 4])).toBe(5);
  });
});
