import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/index.ts";
import { SCENARIO_NAMES } from "../../../src/explain/scenario.ts";
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
