import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import { listTape, renderListing } from "../../src/explain/listing.ts";
import { traceGradients } from "../../src/explain/trace.ts";

/** The seed's formula on one weight: L = (w·x)², L̃ = L + n·L/sg(L). */
function seedGraph(n: number) {
  const w = tensor([0.5, -1], { requiresGrad: true });
  w.label = "w";
  const x = tensor([2, 3]);
  const L = w.mul(x).sum().pow(2);
  L.label = "L";
  const noisy = L.add(L.div(L.detach()).mul(n));
  return { w, L, noisy };
}

const ANSI = /\x1b\[/;

describe("listTape", () => {
  it("lists leaves then ops in execution order, marks the detach row and the edge it cuts", () => {
    const { noisy } = seedGraph(0.25);
    const listing = listTape(noisy);
    const ops = listing.rows.filter((r) => r.kind === "op").map((r) => r.op);
    expect(ops).toEqual(["mul", "sum", "pow", "detach", "div", "mul", "add"]);
    const detach = listing.rows.find((r) => r.op === "detach")!;
    expect(detach.cuts).toBe(true);
    const L = listing.rows.find((r) => r.label === "L")!;
    expect(listing.cutEdges).toEqual([{ from: L.id, to: detach.id, op: "detach" }]);
    expect(listing.root).toBe(listing.rows[listing.rows.length - 1].id);
    expect(listing.traced).toBe(false);
  });

  it("after a traced backward, the gradient arriving at L is 1 + n/L and at w is (1 + n/L)·2(w·x)·x", () => {
    const n = 0.25;
    const { noisy, L } = seedGraph(n);
    const trace = traceGradients(noisy);
    noisy.backward();
    trace.remove();
    const listing = listTape(noisy, trace);
    const Lv = (0.5 * 2 - 1 * 3) ** 2; // (w·x)² = (−2)² = 4
    expect(L.item()).toBe(Lv);
    const atL = listing.rows.find((r) => r.label === "L")!.grad!;
    // 1 + n·(1/L): two roundings
    expect(Math.abs(atL.values![0] - (1 + n / Lv))).toBeLessThanOrEqual(4 * 2 ** -52);
    const atW = listing.rows.find((r) => r.id === "w")!.grad!;
    const f = 1 + n / Lv;
    expect(atW.values![0]).toBeCloseTo(f * 2 * -2 * 2, 14);
    expect(atW.values![1]).toBeCloseTo(f * 2 * -2 * 3, 14);
    const detach = listing.rows.find((r) => r.op === "detach")!;
    expect(detach.grad).toBeNull();
    // Edge gradient norms: the add sends g = 1 down both of its edges.
    const add = listing.rows[listing.rows.length - 1];
    expect(add.inputs.map((i) => i.gradNorm)).toEqual([1, 1]);
  });

  it("lists a leaf on its own", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const listing = listTape(w);
    expect(listing.rows).toHaveLength(1);
    expect(listing.root).toBe(listing.rows[0].id);
  });
});

describe("renderListing", () => {
  it("writes one line per row, the cut mark and a legend; plain text unless colour is asked for", () => {
    const { noisy } = seedGraph(0.5);
    const trace = traceGradients(noisy);
    noisy.backward();
    trace.remove();
    const listing = listTape(noisy, trace);
    const plain = renderListing(listing);
    expect(plain).toHaveLength(1 + listing.rows.length + 1);
    expect(plain.some((l) => ANSI.test(l))).toBe(false);
    const detachLine = plain.find((l) => l.includes("detach("))!;
    expect(detachLine).toContain("✂");
    expect(detachLine).toContain("none: the edge is cut");
    expect(plain[plain.length - 1]).toMatch(/cut edges .*→/);
    expect(plain.find((l) => l.includes("← output"))).toContain("add(");
    const coloured = renderListing(listing, { color: true });
    expect(coloured.some((l) => ANSI.test(l))).toBe(true);
    expect(coloured.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ""))).toEqual(plain);
  });

  it("shortens a long listing around a line that counts the rows left out", () => {
    let t = tensor([1], { requiresGrad: true });
    for (let i = 0; i < 200; i++) t = t.mul(2);
    const lines = renderListing(listTape(t), { maxRows: 20 });
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines.find((l) => l.includes("rows not shown"))).toContain(`${201 + 200 - 20} rows`);
  });
});
