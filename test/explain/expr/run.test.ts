import { describe, expect, it } from "vitest";
import { runExpr } from "../../../src/explain/expr/run.ts";
import { parseExpr } from "../../../src/explain/expr/parse.ts";
import { ExprError } from "../../../src/explain/expr/parse.ts";

const grads = (src: string, values: Record<string, number>) => Object.fromEntries(runExpr(src, values).grads);

describe("runExpr", () => {
  it("x*sg(x): value x², gradient sg(x) = x (not 2x)", () => {
    const r = runExpr("x*sg(x)", { x: 3 });
    expect(r.value).toBe(3 * 3);
    expect(grads("x*sg(x)", { x: 3 })).toEqual({ x: 3 });
  });

  it("the seed: the gradient at L is 1 + n/L, at n it is L/sg(L) = 1", () => {
    const [L, n] = [0.8, -0.17];
    const g = grads("L + n*L/sg(L)", { L, n });
    // 1 + n·(1/L): a few roundings
    expect(Math.abs(g.L! - (1 + n / L))).toBeLessThanOrEqual(4 * 2 ** -52);
    expect(g.n).toBe(1);
  });

  it("null when no path carries gradient (every path crosses a detach), a number (0) when one does", () => {
    expect(grads("w2*sg(tanh(w1*x))", { w1: 0.5, x: 1.5, w2: -1.2 })).toEqual({ w2: Math.tanh(0.75), w1: null, x: null });
    expect(grads("x*0", { x: 2 })).toEqual({ x: 0 });
    expect(grads("relu(x)", { x: -1 })).toEqual({ x: 0 });
    expect(grads("sg(x)", { x: 1 })).toEqual({ x: null });
  });

  it("a ^ b with a leaf exponent: ∂a = b·a^(b−1), ∂b = a^b·ln a", () => {
    const g = grads("a^b", { a: 2, b: 3 });
    expect(g.a).toBe(3 * 2 ** 2);
    expect(g.b).toBeCloseTo(2 ** 3 * Math.log(2), 14);
  });

  it("numbers alone fold to a number: 2*3*x has gradient 6", () => {
    expect(grads("2*3*x", { x: 5 })).toEqual({ x: 6 });
  });

  it("a name without a value is an ExprError at its first column", () => {
    expect(() => runExpr("x + y*y", { x: 1 })).toThrow(ExprError);
    try {
      runExpr("x + y*y", { x: 1 });
    } catch (e) {
      expect((e as ExprError).column).toBe(5);
      expect((e as ExprError).message).toMatch(/the leaf y has no value/);
    }
  });

  it("maps every op row to the address of the node that made it", () => {
    const r = runExpr(parseExpr("L + n*L/sg(L)"), { L: 0.8, n: -0.17 });
    const ops = Object.fromEntries(r.listing.rows.filter((row) => row.kind === "op").map((row) => [row.op, r.pathById.get(row.id)]));
    expect(ops).toEqual({ add: "", div: "1", mul: "1.0", detach: "1.1" });
  });

  it("with detach: 'identity' the same graph carries gradient through where the detach was", () => {
    const r = runExpr("w*x + sg(w)*x", { w: 0.5, x: 2 }, { detach: "identity" });
    expect(Object.fromEntries(r.grads)).toEqual({ w: 4, x: 1 });
    expect(r.listing.rows.map((row) => row.op)).toContain("no-detach");
  });
});
