import { describe, expect, it } from "vitest";
import { hasDetach, toggleDetach, withoutDetach } from "../../../src/explain/expr/edit.ts";
import { parseExpr } from "../../../src/explain/expr/parse.ts";
import { printExpr } from "../../../src/explain/expr/print.ts";

const toggle = (src: string, path: string) => printExpr(toggleDetach(parseExpr(src), path)!);

describe("toggleDetach", () => {
  it("wraps the node feeding the edge in sg(…), and a second toggle takes it off again", () => {
    expect(toggle("w*x + w*x", "1.0")).toBe("w*x + sg(w)*x");
    expect(toggle("w*x + sg(w)*x", "1.0")).toBe("w*x + w*x");
  });

  it("the edge into a detach takes that detach off", () => {
    expect(toggle("L + n*L/sg(L)", "1.1.0")).toBe("L + n*L/L");
  });

  it("keeps the parentheses the new tree needs", () => {
    expect(toggle("(a + b)*c", "0")).toBe("sg(a + b)*c");
    expect(toggleDetach(parseExpr("x"), "3")).toBeNull();
  });
});

describe("withoutDetach", () => {
  it("takes every sg and detach off, nested ones too", () => {
    const e = withoutDetach(parseExpr("sg(detach(x))*y + sg(y)"));
    expect(printExpr(e)).toBe("x*y + y");
    expect(hasDetach(e)).toBe(false);
    expect(hasDetach(parseExpr("a*detach(b)"))).toBe(true);
  });
});
