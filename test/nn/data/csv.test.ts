import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import { parseLabelledCsv } from "../../../src/nn/data/csv.ts";

const header = "3,2,a,b\n";

describe("parseLabelledCsv", () => {
  it("reads features and integer labels, with the header's class names", () => {
    expect(parseLabelledCsv(header + "0.5,1,0\n2,-3,1\n", "t.csv", 2, true)).toEqual({ x: [0.5, 1, 2, -3], y: [0, 1], classNames: ["a", "b"] });
    expect(parseLabelledCsv("1,2,1\r\n\n3,4,0", "t.csv", 2, false)).toEqual({ x: [1, 2, 3, 4], y: [1, 0] });
  });

  it("a blank cell is an error naming the line (header counted, 1-based) and column, not a 0", () => {
    expect(() => parseLabelledCsv(header + "1,2,0\n1,,1\n", "t.csv", 2, true)).toThrow(ArgumentError);
    expect(() => parseLabelledCsv(header + "1,2,0\n1,,1\n", "t.csv", 2, true)).toThrow("data: t.csv line 3: column 2 is blank");
  });

  it("a label of 1.7 or -1 is an error, not a truncated class", () => {
    expect(() => parseLabelledCsv("1,2,1.7\n", "t.csv", 2, false)).toThrow("data: t.csv line 1: the label (column 3) is '1.7', not a class index");
    expect(() => parseLabelledCsv("1,2,0\n\n1,2,-1\n", "t.csv", 2, false)).toThrow(/line 3: the label \(column 3\) is '-1'/);
  });

  it("a missing column or a word is an error naming line and column", () => {
    expect(() => parseLabelledCsv("1,2\n", "t.csv", 2, false)).toThrow("data: t.csv line 1: 2 columns, expected 3");
    expect(() => parseLabelledCsv("1,x,0\n", "t.csv", 2, false)).toThrow("data: t.csv line 1: column 2 holds 'x', not a number");
  });
});
