import { describe, expect, it, vi } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { GradError, ShapeError } from "../../src/autograd/errors.ts";
import { noGrad } from "../../src/autograd/mode.ts";
import { Tensor } from "../../src/autograd/tensor.ts";

describe("Tensor: values", () => {
  it("holds row-major float64 storage with a shape; ndim and size follow", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.data).toBeInstanceOf(Float64Array);
    expect(t.dtype).toBe("float64");
    expect(t.shape).toEqual([2, 3]);
    expect(t.ndim).toBe(2);
    expect(t.size).toBe(6);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("takes its dtype from its storage", () => {
    expect(new Tensor(new Float32Array(2), [2]).dtype).toBe("float32");
    expect(tensor([1], { dtype: "float32" }).data).toBeInstanceOf(Float32Array);
  });

  it("toArray nests like the shape; a scalar gives a number; toFlatArray copies", () => {
    expect(tensor([[1, 2], [3, 4]]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(tensor(5).toArray()).toBe(5);
    expect(tensor([[[1], [2]]]).toArray()).toEqual([[[1], [2]]]);
    const t = tensor([1, 2]);
    const flat = t.toFlatArray();
    flat[0] = 9;
    expect(t.data[0]).toBe(1);
  });

  it("item() gives the one value, and names the shape when there are several", () => {
    expect(tensor([[2.5]]).item()).toBe(2.5);
    expect(() => tensor([1, 2]).item()).toThrow(/item.*\[2\]/);
    expect(() => tensor([1, 2]).item()).toThrow(ShapeError);
  });
});

describe("Tensor: autograd attributes", () => {
  it("a user-made tensor is a leaf with no gradFn, whether or not it requires grad", () => {
    const a = tensor([1, 2]);
    const b = tensor([1, 2], { requiresGrad: true });
    expect([a.isLeaf, a.gradFn, a.requiresGrad]).toEqual([true, null, false]);
    expect([b.isLeaf, b.gradFn, b.requiresGrad]).toEqual([true, null, true]);
  });

  it("an op's result from an input that requires grad is a non-leaf whose gradFn names the op", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2).sum();
    expect(y.isLeaf).toBe(false);
    expect(y.gradFn).toBe("sum");
    expect(y.requiresGrad).toBe(true);
    expect(y.node?.def.name).toBe("sum");
    expect(y.node?.inputs[0].node?.def.name).toBe("mul");
  });

  it("an op's result from inputs that do not require grad is a leaf with no node", () => {
    const y = tensor([1, 2]).mul(2);
    expect([y.isLeaf, y.gradFn, y.node]).toEqual([true, null, null]);
  });

  it("detach and comparisons keep their node for display but are leaves with no gradFn", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    for (const y of [x.detach(), x.gt(1)]) {
      expect(y.node).not.toBeNull();
      expect(y.isLeaf).toBe(true);
      expect(y.gradFn).toBeNull();
      expect(y.requiresGrad).toBe(false);
    }
  });

  it("requiresGrad can be set on a leaf, and is refused on a non-leaf with a message naming its op", () => {
    const x = tensor([1, 2]);
    x.requiresGrad = true;
    expect(x.mul(x).requiresGrad).toBe(true);
    x.requiresGrad = false;
    expect(x.mul(x).requiresGrad).toBe(false);
    const y = tensor(1, { requiresGrad: true }).exp();
    expect(() => {
      y.requiresGrad = false;
    }).toThrow(GradError);
    expect(() => {
      y.requiresGrad = false;
    }).toThrow(/leaf.*'exp'.*detach/);
  });

  it("x.detach() then requiresGrad = true is a leaf of its own that receives .grad (d(3y)/dy = 3)", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.detach();
    y.requiresGrad = true;
    expect(y.isLeaf).toBe(true);
    expect(y.gradFn).toBeNull();
    y.mul(3).sum().backward();
    expect(y.grad?.toArray()).toEqual([3, 3]);
    expect(x.grad).toBeNull();
    const m = x.gt(1);
    m.requiresGrad = true;
    m.mul(m).sum().backward();
    // d(m²)/dm = 2m with m = [0, 1]
    expect(m.grad?.toArray()).toEqual([0, 2]);
  });

  it("reading .grad of a non-leaf gives null and warns once per tensor, naming retainGrad()", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const x = tensor([1, 2], { requiresGrad: true });
      const h = x.mul(2);
      const k = x.exp();
      h.sum().backward();
      expect(h.grad).toBeNull();
      expect(h.grad).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/non-leaf.*'mul'.*retainGrad\(\)/);
      expect(k.grad).toBeNull();
      expect(warn).toHaveBeenCalledTimes(2);
      // Leaves and non-leaves that retain their gradient read without a warning.
      const r = x.mul(3).retainGrad();
      r.sum().backward();
      expect(r.grad?.toArray()).toEqual([1, 1]);
      expect(x.grad?.toArray()).toEqual([2 + 3, 2 + 3]);
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });

  it("ids of nodes grow with creation order, so inputs' nodes are older than their users'", () => {
    const x = tensor(1, { requiresGrad: true });
    const a = x.exp();
    const b = a.mul(a);
    expect((b.node?.id as number) > (a.node?.id as number)).toBe(true);
  });

  it("zeroGrad clears .grad; label is free for display", () => {
    const x = tensor(2, { requiresGrad: true });
    x.label = "w";
    x.mul(x).backward();
    expect(x.grad?.item()).toBe(4);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    expect(x.label).toBe("w");
  });
});

describe("Tensor: the version counter", () => {
  it("starts at 0 and counts bumpVersion calls", () => {
    const x = tensor([1, 2]);
    expect(x.version).toBe(0);
    x.bumpVersion();
    x.bumpVersion();
    expect(x.version).toBe(2);
  });

  it("is shared with views (reshape, detach) in both directions, and not with copies", () => {
    const x = tensor([1, 2, 3, 4]);
    const v = x.reshape([2, 2]);
    const d = x.detach();
    const c = x.mul(1);
    v.bumpVersion();
    expect([x.version, v.version, d.version, c.version]).toEqual([1, 1, 1, 0]);
    x.bumpVersion();
    expect([x.version, v.version, d.version]).toEqual([2, 2, 2]);
  });

  it("shares storage with views: writes through one are seen by the other", () => {
    const x = tensor([1, 2, 3, 4]);
    const v = x.reshape([2, 2]);
    v.data[3] = 40;
    expect(x.data[3]).toBe(40);
  });
});

describe("Tensor: methods are the ops", () => {
  const x = tensor([[0.5, -1], [2, 0.25]], { requiresGrad: true });
  const cases: [string, (t: Tensor) => Tensor][] = [
    ["add", (t) => t.add(1)],
    ["sub", (t) => t.sub(1)],
    ["mul", (t) => t.mul(2)],
    ["div", (t) => t.div(2)],
    ["neg", (t) => t.neg()],
    ["pow", (t) => t.pow(3)],
    ["exp", (t) => t.exp()],
    ["log", (t) => t.abs().log()],
    ["sqrt", (t) => t.abs().sqrt()],
    ["abs", (t) => t.abs()],
    ["tanh", (t) => t.tanh()],
    ["sigmoid", (t) => t.sigmoid()],
    ["relu", (t) => t.relu()],
    ["clamp", (t) => t.clamp(0, 1)],
    ["matmul", (t) => t.matmul(t)],
    ["sum", (t) => t.sum(0)],
    ["mean", (t) => t.mean(1, true)],
    ["max", (t) => t.max(0)],
    ["min", (t) => t.min()],
    ["logsumexp", (t) => t.logsumexp(1)],
    ["softmax", (t) => t.softmax()],
    ["logSoftmax", (t) => t.logSoftmax(0)],
    ["reshape", (t) => t.reshape([4])],
    ["permute", (t) => t.transpose()],
    ["broadcastTo", (t) => t.broadcastTo([3, 2, 2])],
    ["slice", (t) => t.slice(1, 0, 1)],
    ["gather", (t) => t.gather(1, [[1], [0]])],
    ["cast", (t) => t.to("float32")],
  ];
  it.each(cases)("%s records a node of that name", (name, f) => {
    const y = f(x);
    const names: string[] = [];
    for (let n = y.node; n !== null; n = n.inputs[0].node) names.push(n.def.name);
    expect(names).toContain(name);
    expect(y.requiresGrad).toBe(true);
  });

  it("under noGrad the same methods give plain leaves", () => {
    for (const [, f] of cases) expect(noGrad(() => f(x)).node).toBeNull();
  });
});
