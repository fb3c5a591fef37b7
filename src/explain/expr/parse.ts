/**
 * The parser of DESIGN §6's grammar, by recursive descent, one function per rule:
 *
 *   expr  := term (("+" | "-") term)*        term    := unary (("*" | "/") unary)*
 *   unary := "-" unary | power               power   := primary ("^" unary)?
 *   primary := number | name | func "(" expr ")" | "(" expr ")"
 *
 * `^` takes a unary on its right, so it is right-associative and binds tighter than a leading minus:
 * `-x^2 = -(x^2)`, `2^-x^2 = 2^(-(x^2))`. Errors are ExprErrors that carry the 1-based column they point at.
 */
import { TapegradError } from "../../autograd/errors.ts";
import { FUNCS, type Expr, type Func } from "./ast.ts";

/** A malformed expression, or a name without a value; `column` (1-based) is where the problem is. */
export class ExprError extends TapegradError {
  override name = "ExprError";
  constructor(
    message: string,
    readonly source: string,
    readonly column: number,
  ) {
    super(`${message} (column ${column})`);
  }

  /** The expression with a caret under the column, two lines. */
  pointer(): string {
    return `${this.source}\n${" ".repeat(Math.max(0, this.column - 1))}^`;
  }
}

interface Token {
  readonly kind: "num" | "name" | "op" | "end";
  readonly text: string;
  readonly column: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space !== null) {
      i += space[0].length;
      continue;
    }
    const match = NUMBER.exec(rest) ?? NAME.exec(rest);
    if (match !== null) {
      tokens.push({ kind: /^[\d.]/.test(match[0]) ? "num" : "name", text: match[0], column: i + 1 });
      i += match[0].length;
    } else if ("+-*/^()".includes(rest[0])) {
      tokens.push({ kind: "op", text: rest[0], column: i + 1 });
      i += 1;
    } else {
      throw new ExprError(
        `expr: unexpected character '${rest[0]}'; use numbers, names, + - * / ^, parentheses and ${FUNCS.join(", ")}`,
        source,
        i + 1,
      );
    }
  }
  tokens.push({ kind: "end", text: "", column: source.length + 1 });
  return tokens;
}

/** Parses `source`; throws an ExprError pointing at the first problem. */
export function parseExpr(source: string): Expr {
  const tokens = tokenize(source);
  let k = 0;
  const peek = (): Token => tokens[k];
  const fail = (t: Token, what: string): never => {
    const found = t.kind === "end" ? "the end of the expression" : `'${t.text}'`;
    throw new ExprError(`expr: expected ${what}, found ${found}`, source, t.column);
  };
  const isOp = (t: Token, ops: string): boolean => t.kind === "op" && ops.includes(t.text);

  function expr(): Expr {
    let left = term();
    while (isOp(peek(), "+-")) {
      const t = tokens[k++];
      left = { kind: "binary", op: t.text as "+" | "-", left, right: term(), column: left.column };
    }
    return left;
  }
  function term(): Expr {
    let left = unary();
    while (isOp(peek(), "*/")) {
      const t = tokens[k++];
      left = { kind: "binary", op: t.text as "*" | "/", left, right: unary(), column: left.column };
    }
    return left;
  }
  function unary(): Expr {
    const t = peek();
    if (isOp(t, "-")) {
      k++;
      return { kind: "neg", arg: unary(), column: t.column };
    }
    return power();
  }
  function power(): Expr {
    const base = primary();
    if (!isOp(peek(), "^")) return base;
    k++;
    return { kind: "binary", op: "^", left: base, right: unary(), column: base.column };
  }
  function closing(open: Token): void {
    const t = peek();
    if (!isOp(t, ")")) fail(t, `')' to close the '(' at column ${open.column}`);
    k++;
  }
  function primary(): Expr {
    const t = tokens[k++];
    if (t.kind === "num") return { kind: "num", value: Number(t.text), text: t.text, column: t.column };
    if (t.kind === "name") {
      const func = (FUNCS as readonly string[]).includes(t.text) ? (t.text as Func) : null;
      if (func === null) return { kind: "name", name: t.text, column: t.column };
      const open = peek();
      if (!isOp(open, "(")) fail(open, `'(' after the function ${func} (write ${func}(…))`);
      k++;
      const arg = expr();
      closing(open);
      return { kind: "call", func, arg, column: t.column };
    }
    if (isOp(t, "(")) {
      const inner = expr();
      closing(t);
      return inner;
    }
    return fail(t, "a number, a name, a function or '('");
  }

  const root = expr();
  const rest = peek();
  if (rest.kind !== "end") fail(rest, "an operator or the end of the expression");
  return root;
}
