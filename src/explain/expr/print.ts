/**
 * An expression as text, with the fewest parentheses that parse back to the same tree: `a - (b - c)` keeps its
 * parentheses, `(a - b) - c` loses them. Spaces around + and −, none around * / ^ (`L + n*L/sg(L)`).
 */
import type { Expr } from "./ast.ts";

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, neg: 3, "^": 4, atom: 5 } as const;

function precedence(e: Expr): number {
  if (e.kind === "binary") return PRECEDENCE[e.op];
  return e.kind === "neg" ? PRECEDENCE.neg : PRECEDENCE.atom;
}

function wrap(e: Expr, needs: boolean): string {
  return needs ? `(${printExpr(e)})` : printExpr(e);
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "num":
      return e.text;
    case "name":
      return e.name;
    case "call":
      return `${e.func}(${printExpr(e.arg)})`;
    case "neg":
      return `-${wrap(e.arg, precedence(e.arg) < PRECEDENCE.neg)}`;
    case "binary": {
      const p = PRECEDENCE[e.op];
      if (e.op === "^") {
        // The base is a primary; the exponent a unary (so x^-y needs none, x^(a*b) does).
        return `${wrap(e.left, precedence(e.left) < PRECEDENCE.atom)}^${wrap(e.right, precedence(e.right) < PRECEDENCE.neg)}`;
      }
      const left = wrap(e.left, precedence(e.left) < p);
      const right = wrap(e.right, precedence(e.right) <= p);
      return p === 1 ? `${left} ${e.op} ${right}` : `${left}${e.op}${right}`;
    }
  }
}
