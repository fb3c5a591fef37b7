import { describe, expect, it } from "vitest";
import { secondOrderScenario } from "../../../src/explain/scenarios/second-order.ts";

describe("second-order scenario: x²·sg(x)", () => {
  it("every identity holds: df/dx = 2x², d²f/dx²·1 = 2x, where Σ x³ gives 3x² and 6x", () => {
    const xs = [0.5, -1.5, 2, 3.25];
    const r = secondOrderScenario({ x: xs });
    for (const i of r.identities) expect(i.holds, i.text).toBe(true);
    const [first, second] = r.gradients;
    expect(first.got!.values ?? []).toEqual(xs.length <= 6 ? xs.map((v) => 2 * v * v) : []);
    expect(first.clean!.values).toEqual(xs.map((v) => 3 * v * v));
    expect(second.got!.values).toEqual(xs.map((v) => 2 * v));
    expect(second.clean!.values).toEqual(xs.map((v) => 6 * v));
    // (2x²)/(3x²) and (2x)/(6x)
    expect(first.ratio).toBeCloseTo(2 / 3, 15);
    expect(second.ratio).toBeCloseTo(1 / 3, 15);
  });

  it("the graph of df/dx recorded by createGraph holds sg(x) as a constant; the graph of f cuts x → detach", () => {
    const r = secondOrderScenario();
    const [f, g] = r.graphs.map((graph) => graph.listing);
    expect(f.cutEdges).toEqual([{ from: "x", to: f.rows.find((row) => row.op === "detach")!.id, op: "detach" }]);
    const constant = g.rows.find((row) => row.label === "sg(x)")!;
    expect(constant.kind).toBe("leaf");
    expect(constant.requiresGrad).toBe(false);
    expect(g.rows.find((row) => row.id === "x")!.grad!.values).toEqual([2 * 0.5, 2 * -1.5, 2 * 2]);
  });
});
