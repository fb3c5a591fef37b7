import { describe, expect, it } from "vitest";
import { cutEdges, operandsOf, tapeOf, tapeTensors, type TapeEntry } from "../../src/autograd/introspect.ts";
import { sub } from "../../src/autograd/ops/sub.ts";
import type { Node } from "../../src/autograd/tape.ts";
import { tensor } from "../../src/autograd/creation.ts";
import { ArgumentError } from "../../src/autograd/errors.ts";
import { keepValues } from "../../src/autograd/mode.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";

/** The seed's expression L̃ = L + n·L/sg(L) on a small linear loss L = Σ w·x. */
function seedExpression(n: number): { w: Tensor; x: Tensor; L: Tensor; perturbed: Tensor } {
  const w = tensor([0.5, -1, 2], { requiresGrad: true });
  w.label = "w";
  const x = tensor([1, 2, 3]);
  const L = w.mul(x).sum();
  const perturbed = L.add(L.div(L.detach()).mul(n));
  return { w, x, L, perturbed };
}

function byId(tape: readonly TapeEntry[], id: string): TapeEntry {
  const e = tape.find((t) => t.id === id);
  if (e === undefined) throw new Error(`no entry ${id}`);
  return e;
}

describe("tapeOf: the Wengert list of L + n·L/sg(L)", () => {
  const n = 0.31;
  const { L, perturbed } = keepValues(() => seedExpression(n));
  const tape = tapeOf(perturbed);

  it("lists the leaves first (label, then x0, x1 by first appearance), then each op once in execution order", () => {
    expect(tape.map((e) => e.id)).toEqual(["w", "x0", "x1", "v1", "v2", "v3", "v4", "v5", "v6"]);
    expect(tape.map((e) => e.op)).toEqual(["leaf", "leaf", "leaf", "mul", "sum", "detach", "div", "mul", "add"]);
    expect(tape.map((e) => e.kind)).toEqual(["leaf", "leaf", "leaf", "op", "op", "op", "op", "op", "op"]);
  });

  it("wires each op to its inputs by reference: L = v2 feeds detach, div, and the final add", () => {
    const refs = (id: string) => byId(tape, id).inputs.map((i) => i.ref);
    expect(refs("v1")).toEqual(["w", "x0"]);
    expect(refs("v2")).toEqual(["v1"]);
    expect(refs("v3")).toEqual(["v2"]);
    expect(refs("v4")).toEqual(["v2", "v3"]);
    expect(refs("v5")).toEqual(["v4", "x1"]);
    expect(refs("v6")).toEqual(["v2", "v5"]);
  });

  it("is a valid Wengert list: every input refers to an entry listed before it", () => {
    const seen = new Set<string>();
    for (const e of tape) {
      for (const input of e.inputs) expect(seen.has(input.ref)).toBe(true);
      seen.add(e.id);
    }
    expect(new Set(tape.map((e) => e.id)).size).toBe(tape.length);
  });

  it("marks exactly one cut edge, L → detach, and the detach output does not require grad", () => {
    expect(cutEdges(tape)).toEqual([{ from: "v2", to: "v3", op: "detach" }]);
    const detach = byId(tape, "v3");
    expect(detach.requiresGrad).toBe(false);
    expect(detach.inputs[0].cut).toBe(true);
    // The quotient's other input edges are live.
    expect(byId(tape, "v4").inputs.map((i) => i.cut)).toEqual([false, false]);
    expect(byId(tape, "v4").requiresGrad).toBe(true);
  });

  it("summarises values: L = 0.5·1 − 1·2 + 2·3, L/sg(L) = 1 exactly, the constant n, and L̃ = L + n", () => {
    const l = 0.5 * 1 - 1 * 2 + 2 * 3;
    expect(byId(tape, "v2").value?.values).toEqual([l]);
    expect(byId(tape, "v4").value?.values).toEqual([1]); // x / x is exactly 1 in IEEE arithmetic
    expect(byId(tape, "x1").value?.values).toEqual([n]);
    expect(byId(tape, "v6").value?.values).toEqual([l + n]);
    expect(byId(tape, "v1").shape).toEqual([3]);
    expect(byId(tape, "v2").shape).toEqual([]);
    expect(byId(tape, "v1").dtype).toBe("float64");
  });

  it("carries each op's name, formula and node id (increasing with execution order)", () => {
    const ops = tape.filter((e) => e.kind === "op");
    for (const e of ops) expect(e.formula.length).toBeGreaterThan(0);
    const ids = ops.map((e) => e.nodeId as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(byId(tape, "v3").formula).toContain("sg");
    expect(tape.filter((e) => e.kind === "leaf").every((e) => e.nodeId === null && e.formula === "")).toBe(true);
    expect(L.node?.id).toBe(byId(tape, "v2").nodeId);
  });

  it("tapeTensors gives the tensor behind every id: the leaves, L, its detached copy and the output", () => {
    const s = keepValues(() => seedExpression(n));
    const tensors = tapeTensors(s.perturbed);
    expect([...tensors.keys()]).toEqual(tapeOf(s.perturbed).map((e) => e.id));
    expect(tensors.get("w")).toBe(s.w);
    expect(tensors.get("x0")).toBe(s.x);
    expect(tensors.get("v2")).toBe(s.L);
    expect(tensors.get("v3")?.data).toBe(s.L.data);
    expect(tensors.get("v6")).toBe(s.perturbed);
  });

  it("is plain data: it survives a JSON round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(tape))).toEqual(tape);
  });

  it("outside keepValues lists null for the values no rule reads: w·x (sum reads nothing) and n·(L/sg(L)) (add)", () => {
    const s = seedExpression(n);
    const plain = tapeOf(s.perturbed);
    expect(plain.map((e) => e.id)).toEqual(tape.map((e) => e.id));
    expect(byId(plain, "v1").value).toBeNull();
    expect(byId(plain, "v5").value).toBeNull();
    expect(byId(plain, "v1").shape).toEqual([3]);
    // div reads L and sg(L), mul reads L/sg(L); the leaves are held, and the listed root is the caller's own.
    for (const id of ["w", "x0", "x1", "v2", "v3", "v4", "v6"]) expect(byId(plain, id).value).toEqual(byId(tape, id).value);
    expect(tapeTensors(s.perturbed).get("v1")?.data).toHaveLength(0);
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
  });

  it("shows the gradient that reached each leaf (and a retained non-leaf) after backward", () => {
    const s = seedExpression(n);
    s.L.retainGrad();
    s.perturbed.backward();
    const t = tapeOf(s.perturbed);
    const l = 0.5 * 1 - 1 * 2 + 2 * 3;
    // ∂L̃/∂w = (1 + n/L)·x; the gradient that reaches L itself is 1 + n/L.
    const f = 1 + n / l;
    const gw = byId(t, "w").grad;
    expect(gw?.values?.length).toBe(3);
    const values = gw?.values as number[];
    [1, 2, 3].forEach((xi, i) => expect(Math.abs(values[i] - f * xi)).toBeLessThan(8 * 2 ** -53 * 3 * f));
    expect(Math.abs((byId(t, "v2").grad?.values?.[0] as number) - f)).toBeLessThan(8 * 2 ** -53 * f);
    expect(byId(t, "x0").grad).toBeNull();
    expect(byId(t, "v4").grad).toBeNull();
  });
});

describe("tapeOf: walks through every input", () => {
  it("a comparison cuts the edge from a tensor that requires grad, not from a constant", () => {
    const x = tensor([-1, 2], { requiresGrad: true });
    const y = x.mul(x.gt(0));
    const tape = tapeOf(y);
    expect(tape.map((e) => e.op)).toEqual(["leaf", "leaf", "gt", "mul"]);
    const gt = tape[2];
    expect(gt.inputs.map((i) => [i.ref, i.cut])).toEqual([["x0", true], ["x1", false]]);
    expect(cutEdges(tape)).toEqual([{ from: "x0", to: "v1", op: "gt" }]);
  });

  it("lists a leaf used twice once, and an input that does not require grad as a leaf", () => {
    const a = tensor(2, { requiresGrad: true });
    const c = tensor(3);
    const tape = tapeOf(a.mul(a).add(c));
    expect(tape.map((e) => e.id)).toEqual(["x0", "x1", "v1", "v2"]);
    expect(tape[1].requiresGrad).toBe(false);
    expect(tape[2].inputs.map((i) => i.ref)).toEqual(["x0", "x0"]);
  });

  it("names leaves by label, disambiguates repeated labels, and skips generated names a label took", () => {
    const a = tensor(1, { requiresGrad: true });
    const b = tensor(2, { requiresGrad: true });
    const c = tensor(3, { requiresGrad: true });
    const d = tensor(4, { requiresGrad: true });
    b.label = "x0";
    c.label = "p";
    d.label = "p";
    const tape = tapeOf(a.add(b).add(c).add(d));
    expect(tape.filter((e) => e.kind === "leaf").map((e) => e.id)).toEqual(["x1", "x0", "p", "p#2"]);
    expect(tape.filter((e) => e.kind === "leaf").map((e) => e.label)).toEqual([null, "x0", "p", "p"]);
  });

  it("gives a leaf alone a one-entry tape", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const tape = tapeOf(x);
    expect(tape).toHaveLength(1);
    expect(tape[0]).toMatchObject({ id: "x0", kind: "leaf", op: "leaf", inputs: [], shape: [2], requiresGrad: true });
  });

  it("lists a 10^5-op chain without recursion", () => {
    let y = tensor(0.5, { requiresGrad: true });
    for (let i = 0; i < 100_000; i++) y = y.neg();
    const tape = tapeOf(y);
    expect(tape).toHaveLength(100_001);
    expect(tape[100_000].inputs[0].ref).toBe("v99999");
    // 10^5 negations (an even number) give back the leaf's value exactly.
    expect(tape[100_000].value?.values).toEqual([0.5]);
    // neg reads nothing, so every intermediate is gone: only the root (the caller's) and the leaf list values.
    expect(tape.filter((e) => e.value !== null)).toHaveLength(2);
  });

  it("lists a plain-number operand as a constant leaf in its argument position, the same tensor every time", () => {
    const x = tensor([1, 2], { requiresGrad: true, dtype: "float32" });
    const y = sub(0.5, x.mul(3));
    const tape = tapeOf(y);
    expect(tape.map((e) => e.id)).toEqual(["x0", "x1", "x2", "v1", "v2"]);
    expect(byId(tape, "v1").inputs.map((i) => i.ref)).toEqual(["x0", "x1"]);
    expect(byId(tape, "v2").inputs.map((i) => i.ref)).toEqual(["x2", "v1"]);
    expect(byId(tape, "x1")).toMatchObject({ kind: "leaf", shape: [], dtype: "float32", requiresGrad: false });
    expect(byId(tape, "x2").value?.values).toEqual([0.5]);
    const [constant] = operandsOf(y.node as Node);
    expect(operandsOf(y.node as Node)[0]).toBe(constant);
    expect(tapeTensors(y).get("x2")).toBe(constant);
    constant.label = "c";
    expect(byId(tapeOf(y), "c").value?.values).toEqual([0.5]);
  });

  it("refuses a non-tensor with an ArgumentError naming tapeOf", () => {
    expect(() => tapeOf(3 as unknown as Tensor)).toThrow(ArgumentError);
    expect(() => tapeOf(undefined as unknown as Tensor)).toThrow(/tapeOf/);
  });
});
