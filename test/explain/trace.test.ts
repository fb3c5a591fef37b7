import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import { graphTensors, traceGradients } from "../../src/explain/trace.ts";
import { sub } from "../../src/autograd/ops/sub.ts";

describe("traceGradients", () => {
  it("records at each tensor the total gradient, and per edge what each node passed on (x·x + sg(x))", () => {
    const x = tensor([1.5, -2, 0.25], { requiresGrad: true });
    const sq = x.mul(x);
    const y = sq.add(x.detach()).sum();
    const trace = traceGradients(y);
    y.backward();
    trace.remove();
    // ∂y/∂x = 2x through the two edges of the mul, nothing through the detach.
    expect(Array.from(trace.received(x)!.data)).toEqual([2 * 1.5, 2 * -2, 2 * 0.25]);
    const passed = trace.passed(sq.node!)!;
    expect(passed).toHaveLength(2);
    expect(Array.from(passed[0]!.data)).toEqual([1.5, -2, 0.25]);
    expect(Array.from(passed[1]!.data)).toEqual([1.5, -2, 0.25]);
    const detachNode = graphTensors(y).find((t) => t.node?.def.name === "detach")!.node!;
    expect(trace.passed(detachNode)).toBeNull();
    expect(trace.received(y)!.item()).toBe(1);
  });

  it("lines up what a node passed on with its operands when one is a plain number (null there): 1 − x", () => {
    const x = tensor([2, -3], { requiresGrad: true });
    const d = sub(1, x);
    const y = d.sum();
    const trace = traceGradients(y);
    y.backward();
    trace.remove();
    const passed = trace.passed(d.node!)!;
    expect(passed).toHaveLength(2);
    expect(passed[0]).toBeNull();
    // ∂(1 − x)/∂x = −1 per element, times the gradient 1 of the sum.
    expect(Array.from(passed[1]!.data)).toEqual([-1, -1]);
    // The graph's leaves: x, and the constant leaf that stands for the number 1.
    const leaves = graphTensors(y).filter((t) => t.node === null);
    expect(leaves).toContain(x);
    expect(leaves.filter((t) => t !== x).map((t) => t.item())).toEqual([1]);
  });

  it("sums a broadcast operand's passed-on gradient back to its shape, as the tape does", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([10, 20, 30], { requiresGrad: true });
    const s = a.add(b);
    const y = s.mul(s).sum();
    const trace = traceGradients(y);
    y.backward();
    trace.remove();
    const [ga, gb] = trace.passed(s.node!)!;
    expect(ga!.shape).toEqual([2, 3]);
    expect(gb!.shape).toEqual([3]);
    // ∂y/∂b_j = Σ_i 2(a_ij + b_j)
    expect(Array.from(gb!.data)).toEqual([2 * (11 + 14), 2 * (22 + 25), 2 * (33 + 36)]);
    expect(Array.from(trace.received(b)!.data)).toEqual(Array.from(b.grad!.data));
  });

  it("gives null for tensors no gradient reached, and records nothing once removed", () => {
    const x = tensor([2], { requiresGrad: true });
    const w = tensor([3], { requiresGrad: true });
    const h = x.mul(w);
    const y = h.detach().mul(w).sum();
    const trace = traceGradients(y);
    y.backward();
    expect(trace.received(h)).toBeNull();
    expect(trace.received(x)).toBeNull();
    expect(trace.received(w)!.item()).toBe(2 * 3);
    trace.remove();
    const before = trace.size;
    w.grad = null;
    x.mul(w).sum().backward();
    expect(trace.size).toBe(before);
    expect(trace.received(x)).toBeNull();
  });

  it("lists the tensors of a 10^4-op chain without recursion", () => {
    let t = tensor([1], { requiresGrad: true });
    for (let i = 0; i < 10_000; i++) t = t.mul(1);
    expect(graphTensors(t).length).toBe(1 + 10_000 * 2);
  });
});
