import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import { checkDrawable, GraphTooLargeError, toDot } from "../../src/explain/dot.ts";
import { listTape } from "../../src/explain/listing.ts";
import { traceGradients } from "../../src/explain/trace.ts";

function traced() {
  const w = tensor([0.5, -1], { requiresGrad: true });
  const L = w.mul(tensor([2, 3])).sum().pow(2);
  const noisy = L.add(L.div(L.detach()).mul(0.3));
  const trace = traceGradients(noisy);
  noisy.backward();
  trace.remove();
  return listTape(noisy, trace);
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe("toDot", () => {
  it("draws one node per row and one edge per input, the cut edge dashed red, signed gradients on edges", () => {
    const listing = traced();
    const dot = toDot(listing, { title: "seed" });
    expect(dot.startsWith("digraph tape {")).toBe(true);
    const edges = listing.rows.reduce((s, r) => s + r.inputs.length, 0);
    expect(count(dot, /^ {2}n\d+ \[/gm)).toBe(listing.rows.length);
    expect(count(dot, /^ {2}n\d+ -> n\d+/gm)).toBe(edges);
    expect(count(dot, /style="dashed", color="#dc2626"/g)).toBe(1);
    expect(dot).toContain('label=" +1"');
    // ASCII only: Graphviz sizes boxes from ASCII metrics.
    expect(/[^\x00-\x7f]/.test(dot)).toBe(false);
  });

  it("refuses a graph over the node limit with a message that counts its ops, without laying it out", () => {
    let t = tensor([1], { requiresGrad: true });
    for (let i = 0; i < 3000; i++) t = t.tanh();
    const listing = listTape(t);
    const start = Date.now();
    expect(() => toDot(listing)).toThrow(GraphTooLargeError);
    expect(() => checkDrawable(listing)).toThrow(/3001 nodes \(3000 tanh, 1 leaf\), more than the 2000/);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(() => checkDrawable(listing, 5000)).not.toThrow();
  });
});

describe("toDot after a traced backward", () => {
  it("dots a differentiable edge that carried no gradient (into a node that received none)", () => {
    const w = tensor([0.5, -1], { requiresGrad: true });
    const h = w.mul(2);
    const cut = h.exp(); // requires grad, but reaches the output only through a detach
    const y = h.add(cut.detach()).sum();
    const trace = traceGradients(y);
    y.backward();
    trace.remove();
    const listing = listTape(y, trace);
    const dot = toDot(listing);
    const ids = new Map(listing.rows.map((r, i) => [r.id, `n${i}`]));
    const hRow = listing.rows.find((r) => r.op === "mul")!;
    const expRow = listing.rows.find((r) => r.op === "exp")!;
    const edge = dot.split("\n").find((l) => l.includes(`${ids.get(hRow.id)} -> ${ids.get(expRow.id)}`))!;
    expect(edge).toContain('style="dotted"');
    const addRow = listing.rows.find((r) => r.op === "add")!;
    const live = dot.split("\n").find((l) => l.includes(`${ids.get(hRow.id)} -> ${ids.get(addRow.id)}`))!;
    expect(live).toContain('label=" [+1, +1]"');
    expect(live).not.toContain("dotted");
  });
});
