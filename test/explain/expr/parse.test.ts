import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExprError, parseExpr } from "../../../src/explain/expr/parse.ts";
import { printExpr } from "../../../src/explain/expr/print.ts";
import { arbExpr, shape } from "./arb-expr.ts";

const same = (a: string, b: string) => expect(shape(parseExpr(a))).toEqual(shape(parseExpr(b)));

describe("parseExpr", () => {
  it("binds ^ tighter than a leading minus and right to left: -x^2 = -(x^2), 2^-x^2 = 2^(-(x^2))", () => {
    same("-x^2", "-(x^2)");
    same("2^-x^2", "2^(-(x^2))");
    same("a^b^c", "a^(b^c)");
    same("a - b - c", "(a - b) - c");
    same("a/b*c", "(a/b)*c");
    same("a + b*c", "a + (b*c)");
    same("-a*b", "(-a)*b");
  });

  it("reads sg and detach as calls, numbers with exponents, names with digits and underscores", () => {
    expect(parseExpr("sg(x_1)")).toMatchObject({ kind: "call", func: "sg", arg: { kind: "name", name: "x_1" } });
    expect(parseExpr("detach(2.5e-1)")).toMatchObject({ kind: "call", func: "detach", arg: { kind: "num", value: 0.25 } });
    expect(parseExpr(".5")).toMatchObject({ kind: "num", value: 0.5 });
  });

  it("points at the column of the problem", () => {
    const cases: [string, number, RegExp][] = [
      ["x*(2+)", 6, /expected a number, a name, a function or '\(', found '\)'/],
      ["x + 2)", 6, /expected an operator or the end/],
      ["(x + 2", 7, /'\)' to close the '\(' at column 1, found the end/],
      ["x # 2", 3, /unexpected character '#'/],
      ["exp + 1", 5, /'\(' after the function exp/],
      ["", 1, /found the end of the expression/],
    ];
    for (const [source, column, message] of cases) {
      const e = (() => {
        try {
          parseExpr(source);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e, source).toBeInstanceOf(ExprError);
      expect((e as ExprError).column, source).toBe(column);
      expect((e as ExprError).message, source).toMatch(message);
      expect((e as ExprError).pointer().split("\n")[1], source).toBe(" ".repeat(column - 1) + "^");
    }
  });

  it("parse(print(e)) = e for random trees (printing keeps exactly the parentheses the tree needs)", () => {
    fc.assert(fc.property(arbExpr, (e) => {
      expect(shape(parseExpr(printExpr(e)))).toEqual(shape(e));
    }), { numRuns: 300 });
  });
});
