import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { OpNode, nodesMade } from "../../src/autograd/node.ts";
import type { OpDef } from "../../src/autograd/tape.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import "../../src/index.ts";

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
    expect(node.runRule(tensor([10, 10]))?.map((t) => Array.from(t!.data))).toEqual([[30, 0]]);
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
