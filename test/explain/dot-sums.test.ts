import { describe, expect, it } from "vitest";
import { SCENARIO_NAMES } from "../../src/explain/scenario.ts";
import { runScenario } from "../../src/explain/scenarios/index.ts";

/** A DOT label's text, unescaped. */
const labelOf = (attrs: string): string | null => /label="((?:[^"\\]|\\.)*)"/.exec(attrs)?.[1].replace(/\\n/g, "\n") ?? null;

/** Every number a label lists ("+0.2657", "[+1, -2]", "mean +0.1 (min …)": the mean), as drawn. */
function drawnValues(text: string): number[] {
  const mean = /mean ([-+][\d.e+-]+|0)/.exec(text);
  if (mean !== null) return [Number(mean[1])];
  const list = /\[(.*)\]/.exec(text)?.[1] ?? text;
  return list.split(",").map((v) => Number(v.trim()));
}

/** The nodes' gradient lines and the edges' labels of a DOT graph. */
function parse(dot: string) {
  const nodes = new Map<string, string>();
  const edges: { from: string; to: string; label: string | null }[] = [];
  for (const line of dot.split("\n")) {
    const edge = /^ {2}(n\d+) -> (n\d+)(?: \[(.*)\])?;$/.exec(line);
    if (edge !== null) {
      const label = edge[3] === undefined ? null : labelOf(edge[3]);
      edges.push({ from: edge[1], to: edge[2], label: label?.trim() ?? null });
      continue;
    }
    const node = /^ {2}(n\d+) \[(.*)\];$/.exec(line);
    if (node !== null) nodes.set(node[1], labelOf(node[2]) ?? "");
  }
  return { nodes, edges };
}

// Each label is rounded to 4 significant digits: half a unit of the 4th digit per term, relative to the largest.
const roundingOf = (vs: readonly number[]): number => vs.reduce((s, v) => s + 5e-4 * Math.abs(v), 0) + 1e-12;

describe("pictures that add up", () => {
  it("nodetach draws the two edges of the quotient into L as +0.2657 and -0.2657, and L's grad as their sum with 1", () => {
    const r = runScenario("nodetach", { n: 0.31 });
    const dot = r.graphs[0].dot!;
    const { nodes, edges } = parse(dot);
    const labels = edges.map((e) => e.label);
    expect(labels).toContain("+0.2657");
    expect(labels).toContain("-0.2657");
    const L = [...nodes].find(([, l]) => l.startsWith("L ("))!;
    expect(L[1]).toMatch(/grad = 1 \+ 0\.2657 \+ \(-0\.2657\) = 1$/m);
  });

  for (const name of SCENARIO_NAMES) {
    it(`${name}: every drawn node's gradient equals the sum of the labels of the edges that sent it gradient`, () => {
      const r = runScenario(name, { n: -0.1694 });
      for (const g of r.graphs) {
        const { nodes, edges } = parse(g.dot!);
        let checked = 0;
        for (const [id, label] of nodes) {
          const grad = /grad = (?:.* = )?(.*?)( \(seed\))?$/m.exec(label);
          const sent = edges.filter((e) => e.from === id && e.label !== null && e.label !== "cut: no grad");
          if (grad === null || grad[2] !== undefined) continue;
          const total = drawnValues(grad[1]);
          const terms = sent.map((e) => drawnValues(e.label!));
          total.forEach((t, i) => {
            const parts = terms.map((v) => v[i]);
            const sum = parts.reduce((s, v) => s + v, 0);
            expect(Math.abs(sum - t), `${g.title}: ${label} vs ${parts.join(" + ")}`).toBeLessThanOrEqual(roundingOf([...parts, t]));
          });
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
      }
    });
  }

  it("seed with a negative n writes the sum at L: 1 + (-0.1452) = 0.8548", () => {
    const r = runScenario("seed", { n: -0.1694 });
    const L = parse(r.graphs[0].dot!).nodes;
    const line = [...L.values()].find((l) => l.startsWith("L ("))!;
    expect(line).toContain("grad = 1 + (-0.1452) = 0.8548");
  });
});
