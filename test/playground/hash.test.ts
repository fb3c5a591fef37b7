import { describe, expect, it } from "vitest";
import { readHash, writeHash } from "../../src/playground/hash.ts";

describe("the URL hash", () => {
  it("reads DESIGN §6's form: #expr=<encoded>&<name>=<number>", () => {
    expect(readHash("#expr=x*sg(x)&x=3")).toEqual({ expr: "x*sg(x)", values: { x: 3 }, predict: false, compare: false, step: null });
    expect(readHash(`#expr=${encodeURIComponent("L + n*L/sg(L)")}&L=0.8&n=-0.17&compare=1&step=2`)).toEqual({
      expr: "L + n*L/sg(L)", values: { L: 0.8, n: -0.17 }, predict: false, compare: true, step: 2,
    });
    expect(readHash("")).toBeNull();
    expect(readHash("#x=1")).toBeNull();
  });

  it("writes what it reads back, values only for the expression's names, in their order", () => {
    const state = { expr: "a + b", values: { b: 2, a: -1, stale: 5 }, predict: true, compare: false, step: null };
    const hash = writeHash(state, ["a", "b"]);
    expect(hash).toBe("#expr=a%20%2B%20b&a=-1&b=2&predict=1");
    expect(readHash(hash)).toEqual({ ...state, values: { a: -1, b: 2 } });
  });
});
