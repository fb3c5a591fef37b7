import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { grad } from "../../src/autograd/grad.ts";
import { keepValues } from "../../src/autograd/mode.ts";
import { OpNode, nodesMade } from "../../src/autograd/node.ts";
import type { OpDef } from "../../src/autograd/tape.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import "../../src/index.ts";
import { heldBytes } from "../../src/testing/index.ts";

interface ScaleAttrs {
  readonly factor: number;
  readonly mask: Tensor;
}

const def: OpDef<ScaleAttrs> = {
  name: "scaleForTest",
  formula: "x·factor·mask;  ∂x = g·factor·mask",
  savesInputs: false,
  backward: (g, _inputs, _out, { factor, mask }) => [g.mul(mask).mul(factor)],
};

describe("OpNode: a node keeps its op's definition and attrs typed together", () => {
  it("runRule calls the rule with this node's own attrs; an op without a rule gives null", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const attrs = { factor: 3, mask: tensor([1, 0]) };
    const node = new OpNode(def, [x], x.mul(3), attrs, null, null);
    expect((node.runRule(tensor([10, 10])) as Tensor[]).map((t) => Array.from(t.data))).toEqual([[30, 0]]);
    expect(new OpNode({ ...def, backward: null }, [x], x, attrs, null, null).runRule(tensor([1, 1]))).toBeNull();
  });

  it("ids follow creation (nodesMade is the next one)", () => {
    const x = tensor([1]);
    const first = nodesMade();
    const a = new OpNode(def, [x], x, { factor: 1, mask: x }, null, null);
    const b = new OpNode(def, [x], x, { factor: 1, mask: x }, null, null);
    expect([a.id, b.id, nodesMade()]).toEqual([first, first + 1, first + 2]);
  });

  it("release turns tensor attrs into edges in a copy, keeps plain attrs, and leaves the original attrs object alone", () => {
    const x = tensor([1, 2]);
    const attrs = { factor: 2, mask: tensor([1, 1]) };
    const node = new OpNode(def, [x], x, attrs, null, null);
    expect(node.savedBytes).toBe(16);
    node.release();
    expect(node.freed).toBe(true);
    expect(node.attrs).not.toBe(attrs);
    expect(node.attrs.factor).toBe(2);
    expect(node.attrs.mask.shape).toEqual([2]);
    expect(node.attrs.mask.data.length).toBe(0);
    expect(attrs.mask.data.length).toBe(2);
    expect(node.savedBytes).toBe(0);
  });
});

describe("a node holds the values its rule reads, and of the rest only edges", () => {
  // x (a leaf) → add 1 → neg → sub 2 → sum: none of these rules reads a value (∂ is ±g, broadcast), so while
  // the graph is alive nothing but the leaf is held; exp reads its output, mul reads both inputs.
  const N = 1 << 14;
  const chain = (x: Tensor): Tensor => x.add(1).neg().sub(2).sum();

  it("before backward: a chain whose rules read nothing holds no intermediate (0 bytes besides the leaf)", () => {
    const x = tensor(new Float64Array(N).fill(0.5), { shape: [N], requiresGrad: true });
    const loss = chain(x);
    expect(heldBytes(loss, [loss, x])).toEqual({ bytes: 0, storages: 0 });
    loss.backward();
    expect(Array.from(x.grad!.data.subarray(0, 3))).toEqual([-1, -1, -1]);
  });

  it("inside keepValues every input and output is held, so listings can show them (3 intermediates of N doubles)", () => {
    const x = tensor(new Float64Array(N).fill(0.5), { shape: [N], requiresGrad: true });
    const loss = keepValues(() => chain(x));
    expect(heldBytes(loss, [loss, x])).toEqual({ bytes: 3 * N * 8, storages: 3 });
    loss.backward();
    expect(heldBytes(loss, [loss, x]).bytes).toBe(0);
  });

  it("what a rule reads is held: exp keeps its output, mul both inputs (savedBytes counts exactly those)", () => {
    const x = tensor(new Float64Array(N).fill(0.5), { shape: [N], requiresGrad: true });
    const e = x.add(1).exp();
    const loss = e.mul(e).sum();
    // exp's output e (read by exp's rule and mul's) is one storage; add's output is read by no rule.
    expect(heldBytes(loss, [loss, x])).toEqual({ bytes: N * 8, storages: 1 });
    expect(e.node!.savedBytes).toBe(N * 8);
    expect(e.node!.inputs[0].data).toHaveLength(0);
    loss.backward();
    expect(x.grad!.data[0]).toBeCloseTo(2 * Math.exp(3), 12);
  });

  it("one edge per tensor: every node that does not read a tensor holds the same edge of it", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.add(1);
    const a = h.neg();
    const b = h.sub(3);
    expect(a.node!.inputs[0]).toBe(b.node!.inputs[0]);
    expect(h.node!.output).toBe(a.node!.inputs[0]);
    expect(h.node!.output).not.toBe(h);
  });

  it("a hook, retainGrad or grad() on a tensor whose node held its edge still sees its gradient", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.add(1); // add's node holds h's edge: neg reads nothing
    const y = h.neg().sum();
    const seen: number[][] = [];
    h.registerHook((g) => void seen.push(Array.from(g.data)));
    h.retainGrad();
    expect(Array.from(grad(y, [h], { retainGraph: true })[0]!.data)).toEqual([-1, -1]);
    y.backward();
    expect(seen).toEqual([[-1, -1], [-1, -1]]);
    expect(Array.from(h.grad!.data)).toEqual([-1, -1]);
  });

  it("a label set after recording names the node's edge too, so listings show it", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.add(1);
    const y = h.neg();
    h.label = "h";
    expect(y.node!.inputs[0].label).toBe("h");
    expect(h.node!.output.label).toBe("h");
  });
});
