import { describe, expect, it } from "vitest";
import { renderScenario, renderTable } from "../../src/explain/render.ts";
import { seedScenario } from "../../src/explain/scenarios/seed.ts";
import { hiddenScenario } from "../../src/explain/scenarios/hidden.ts";

describe("renderScenario", () => {
  it("prints the expression, the listing, one gradient row per parameter and each identity with ✓", () => {
    const r = seedScenario({ n: 0.31 });
    const lines = renderScenario(r);
    const text = lines.join("\n");
    expect(lines[0]).toBe("seed: the seed: L + n·L/L.detach()");
    expect(text).toContain(r.expression);
    expect(text).toContain("detach(");
    for (const g of r.gradients) expect(lines.some((l) => l.trimStart().startsWith(g.name + " "))).toBe(true);
    for (const i of r.identities) expect(text).toContain(`${i.text} ✓`);
    expect(text).not.toContain("✗");
    expect(text).not.toMatch(/\x1b\[/);
    expect(renderScenario(r, { color: true }).join("\n")).toMatch(/\x1b\[32m✓/);
  });

  it("writes null for a parameter no gradient reached", () => {
    const lines = renderScenario(hiddenScenario());
    const section = lines.slice(lines.findIndex((l) => l.startsWith("gradients")));
    expect(section.find((l) => l.trimStart().startsWith("0.weight "))).toMatch(/ [0-9.e-]+ +null +—$/);
  });
});

describe("renderTable", () => {
  it("pads every column to its widest cell", () => {
    expect(renderTable({ columns: ["a", "bb"], rows: [["ccc", 1]] }, "")).toEqual(["a    bb", "ccc  1"]);
  });
});
