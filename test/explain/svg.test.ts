import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import { toDot } from "../../src/explain/dot.ts";
import { listTape } from "../../src/explain/listing.ts";
import { inlineSvg, renderSvg } from "../../src/explain/svg.ts";
import { traceGradients } from "../../src/explain/trace.ts";

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe("renderSvg", () => {
  it("lays out toDot's graph with one SVG node per row and one edge per input (the DOT is valid)", async () => {
    const w = tensor([0.5, -1], { requiresGrad: true });
    const L = w.mul(tensor([2, 3])).sum().pow(2);
    const noisy = L.add(L.div(L.detach()).mul(0.3));
    const trace = traceGradients(noisy);
    noisy.backward();
    trace.remove();
    const listing = listTape(noisy, trace);
    const svg = await renderSvg(toDot(listing, { title: "seed" }));
    expect(svg).toContain("<svg");
    expect(count(svg, /class="node"/g)).toBe(listing.rows.length);
    expect(count(svg, /class="edge"/g)).toBe(listing.rows.reduce((s, r) => s + r.inputs.length, 0));
    expect(svg).toContain("stroke-dasharray"); // the cut edge
    const size = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg)!;
    expect(Number(size[1])).toBeGreaterThan(0);
    expect(Number(size[2])).toBeGreaterThan(0);
  });

  it("reports Graphviz's syntax error for invalid DOT", async () => {
    await expect(renderSvg("digraph { a -> }")).rejects.toThrow(
      /renderSvg: Graphviz could not lay out the graph: .*syntax error/,
    );
  });
});

describe("inlineSvg", () => {
  it("drops the XML prologue and doctype, keeping the <svg> element", async () => {
    const svg = await renderSvg("digraph { a -> b }");
    expect(svg.startsWith("<?xml")).toBe(true);
    const inline = inlineSvg(svg);
    expect(inline.startsWith("<svg")).toBe(true);
    expect(inline.endsWith("</svg>")).toBe(true);
  });
});
