import { describe, expect, it } from "vitest";
import { runExpr } from "../../../src/explain/expr/run.ts";
import { backwardSteps } from "../../../src/explain/expr/steps.ts";
import { whyNull } from "../../../src/explain/expr/why.ts";

describe("backwardSteps", () => {
  it("visits every node once, output first, in reverse tape order", () => {
    const r = runExpr("L + n*L/sg(L)", { L: 0.8, n: -0.17 });
    const steps = backwardSteps(r.listing);
    expect(steps.map((s) => s.id)).toEqual(r.listing.rows.map((row) => row.id).reverse());
    expect(steps[0].arrived).toBe("grad = 1 (seed)");
  });

  it("writes each rule with its numbers, and the cut as nothing sent", () => {
    const r = runExpr("L + n*L/sg(L)", { L: 0.8, n: -0.17 });
    const steps = backwardSteps(r.listing);
    const div = steps.find((s) => s.op === "div")!;
    expect(div.rule[0]).toBe("to v1: g / b = 1 / 0.8 = 1.25");
    expect(div.rule[1]).toMatch(/the output of detach, a constant to autodiff: nothing sent/);
    expect(steps.find((s) => s.op === "detach")!.rule).toEqual(["to L: cut by detach, nothing sent"]);
    const mul = steps.find((s) => s.op === "mul")!;
    // L's two contributions: 1 from the add, 1.25·(−0.17) = −0.2125 from the mul
    expect(mul.running).toContain("L: 1 + (-0.2125) = 0.7875 so far");
  });
});

describe("whyNull", () => {
  it("names the detach every path crosses, or says the leaf has a path", () => {
    const r = runExpr("w2*sg(tanh(w1*x))", { w1: 0.5, x: 1.5, w2: -1.2 });
    expect(whyNull(r.listing, "w1")).toBe("every path to the output crosses v3 → detach");
    expect(whyNull(r.listing, "w2")).toBe("it has a path to the output that no detach cuts");
    const two = runExpr("sg(a)*b + sg(a)", { a: 1, b: 2 });
    expect(whyNull(two.listing, "a")).toMatch(/^every path to the output crosses a detach \(v\d → detach, v\d → detach\)$/);
    // b's own detach is on none of a's paths, so it is not named for a.
    const three = runExpr("sg(a)*c + sg(b)*c + sg(a)*c", { a: 1, b: 2, c: 3 });
    const named = whyNull(three.listing, "a").match(/v\d/g);
    const bDetach = three.listing.rows.find((r) => r.op === "detach" && r.inputs[0].ref === "b")!.id;
    expect(named).toHaveLength(2);
    expect(named).not.toContain(bDetach);
    const constant = runExpr("sg(a)*2", { a: 1 });
    expect(whyNull(constant.listing, "a")).toMatch(/^the output does not require grad/);
  });
});
