import { describe, expect, it } from "vitest";
import { ArgumentError, tensor } from "../../../src/index.ts";
import { graphOf, SCENARIO_NAMES } from "../../../src/explain/scenario.ts";
import { runScenario, SCENARIOS } from "../../../src/explain/scenarios/index.ts";

describe("the scenario table", () => {
  it("has one scenario per name, each returning its own name, a graph and identities that all hold", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...SCENARIO_NAMES].sort());
    for (const name of SCENARIO_NAMES) {
      const r = runScenario(name);
      expect(r.name).toBe(name);
      expect(r.graphs.length).toBeGreaterThan(0);
      expect(r.identities.length).toBeGreaterThan(0);
      for (const i of r.identities) expect(i.holds, `${name}: ${i.text}`).toBe(true);
      expect(() => JSON.stringify(r)).not.toThrow();
    }
  });

  it("refuses an unknown name, listing the known ones", () => {
    expect(() => runScenario("seeds")).toThrow(ArgumentError);
    expect(() => runScenario("seeds")).toThrow(
      `unknown scenario 'seeds'; the scenarios are ${SCENARIO_NAMES.join(", ")}`,
    );
  });
});

describe("graphOf", () => {
  it("keeps the listing of a graph too large to draw, and says why instead of a DOT", () => {
    let t = tensor([1], { requiresGrad: true });
    for (let i = 0; i < 2500; i++) t = t.tanh();
    const g = graphOf("chain", t);
    expect(g.dot).toBeNull();
    expect(g.tooLarge).toMatch(/2501 nodes \(2500 tanh, 1 leaf\)/);
    expect(g.listing.rows).toHaveLength(2501);
    const small = graphOf("one", tensor([1], { requiresGrad: true }).tanh());
    expect(small.dot).toContain("digraph");
    expect(small.tooLarge).toBeNull();
  });
});
