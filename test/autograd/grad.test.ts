import { describe, expect, it } from "vitest";
import { tensor, zeros } from "../../src/autograd/creation.ts";
import { ArgumentError, GradError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import { noGrad } from "../../src/autograd/mode.ts";
import { where } from "../../src/autograd/ops/where.ts";
import { Tensor } from "../../src/autograd/tensor.ts";

const U = 2 ** -53;

/** |a − e| ≤ k·u·max(|e|, scale): the two differ by a few roundings on values of size at most max(|e|, scale). */
function expectNear(a: number | undefined, e: number, k = 8, scale = 0): void {
  expect(a).toBeTypeOf("number");
  const tol = k * U * Math.max(Math.abs(e), scale);
  if (!(Math.abs((a as number) - e) <= tol)) expect.fail(`${a} is not within ${tol} of ${e}`);
}

function isZeros(g: Tensor | null, shape: readonly number[]): boolean {
  return g instanceof Tensor && g.shape.join() === shape.join() && g.toFlatArray().every((v) => v === 0);
}

describe("grad(): returned, not accumulated", () => {
  it("returns d(x²y)/dx = 2xy and d/dy = x² and leaves .grad alone", () => {
    const x = tensor(3, { requiresGrad: true });
    const y = tensor(-2, { requiresGrad: true });
    const [gx, gy] = grad(x.mul(x).mul(y), [x, y]);
    expect(gx?.item()).toBe(2 * 3 * -2);
    expect(gy?.item()).toBe(3 * 3);
    expect(x.grad).toBeNull();
    expect(y.grad).toBeNull();
  });

  it("returns a single tensor for a single input, and sums over several outputs with their gradOutputs", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const g = grad([x.mul(x), x.mul(3)], x, { gradOutputs: [tensor([1, 1]), tensor([2, -1])] });
    expect(g?.toArray()).toEqual([2 * 1 + 3 * 2, 2 * 2 + 3 * -1]);
  });

  it("refuses mismatched gradOutputs, an input that does not require grad, and non-tensors", () => {
    const x = tensor(1, { requiresGrad: true });
    expect(() => grad([x.mul(2), x.mul(3)], x, { gradOutputs: [tensor(1)] })).toThrow(/2 outputs but 1 gradOutputs/);
    expect(() => grad(x.mul(2), tensor(1))).toThrow(/input 0.*does not require grad/);
    expect(() => grad(x.mul(2), [x, 5 as unknown as Tensor])).toThrow(ArgumentError);
  });
});

describe("null (no gradient) versus zeros", () => {
  it("an input the output does not use: a GradError naming allowUnused, or null with it", () => {
    const x = tensor(2, { requiresGrad: true });
    const unused = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x);
    expect(() => grad(y, [x, unused], { retainGraph: true })).toThrow(/input 1 \(shape \[2\]\).*allowUnused/);
    const [gx, gu] = grad(y, [x, unused], { allowUnused: true });
    expect(gx?.item()).toBe(4);
    expect(gu).toBeNull();
  });

  it("an input reached only through detach: null with allowUnused, an error without", () => {
    const x = tensor(2, { requiresGrad: true });
    const w = tensor(3, { requiresGrad: true });
    const y = w.mul(x.detach());
    expect(grad(y, [w, x], { allowUnused: true, retainGraph: true })).toEqual([expect.any(Tensor), null]);
    expect(() => grad(y, x)).toThrow(GradError);
  });

  it("an input reached only through a comparison: null with allowUnused, an error without", () => {
    const x = tensor([-1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { requiresGrad: true });
    const y = w.mul(x.gt(0)).sum();
    const [gw, gx] = grad(y, [w, x], { allowUnused: true, retainGraph: true });
    expect(gw?.toArray()).toEqual([0, 1]);
    expect(gx).toBeNull();
    expect(() => grad(y, x)).toThrow(/not connected/);
  });

  it("x·0 gives zeros, not null: the input is reached, with derivative 0", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(isZeros(grad(x.mul(0).sum(), x), [3])).toBe(true);
  });

  it("the unselected side of where gets zeros, not null; the condition gets nothing", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([5, 6], { requiresGrad: true });
    const c = tensor([1, 1]);
    const [ga, gb] = grad(where(c, a, b).sum(), [a, b]);
    expect(ga?.toArray()).toEqual([1, 1]);
    expect(isZeros(gb, [2])).toBe(true);
  });

  it("grad(sg(x)²) is null: nothing the output depends on requires grad", () => {
    const x = tensor([1.5, -2], { requiresGrad: true });
    const y = x.detach().pow(2).sum();
    expect(y.requiresGrad).toBe(false);
    expect(grad(y, x, { allowUnused: true })).toBeNull();
    expect(() => grad(y, x)).toThrow(/does not require grad/);
  });

  it("an input reached both directly and through detach gets the direct path's gradient only", () => {
    const x = tensor(3, { requiresGrad: true });
    // d(x·sg(x))/dx = sg(x) = 3, not 2x = 6
    expect(grad(x.mul(x.detach()), x)?.item()).toBe(3);
  });
});

describe("detach", () => {
  it("is the identity forward, sharing values and version, and its output never requires grad", () => {
    const x = tensor([1, -2, 3.5], { requiresGrad: true });
    const d = x.detach();
    expect(d.toArray()).toEqual([1, -2, 3.5]);
    expect(d.data).toBe(x.data);
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    x.bumpVersion();
    expect(d.version).toBe(x.version);
  });

  it("blocks at the second order: f = x²·sg(x) has f' = 2x·sg(x) and f'' = 2·sg(x), not 6x", () => {
    const x = tensor(1.5, { requiresGrad: true });
    const f = x.mul(x).mul(x.detach());
    const d1 = grad(f, x, { createGraph: true }) as Tensor;
    expect(d1.item()).toBe(2 * 1.5 * 1.5);
    const d2 = grad(d1, x) as Tensor;
    expect(d2.item()).toBe(2 * 1.5);
    // Without the detach: f = x³, f' = 3x², f'' = 6x.
    const g = x.mul(x).mul(x);
    const g1 = grad(g, x, { createGraph: true }) as Tensor;
    expectNear(g1.item(), 3 * 1.5 ** 2);
    expectNear(grad(g1, x)?.item(), 6 * 1.5);
  });

  it("blocks at the second order entirely when the first derivative depends on x only through sg(x)", () => {
    const x = tensor(2, { requiresGrad: true });
    // f = x·sg(x)², f' = sg(x)²: a constant to autodiff, so f'' is null (not zero).
    const d1 = grad(x.mul(x.detach().pow(2)), x, { createGraph: true }) as Tensor;
    expect(d1.item()).toBe(4);
    expect(d1.requiresGrad).toBe(false);
    expect(grad(d1, x, { allowUnused: true })).toBeNull();
  });

  it("straight-through: x + sg(q(x) − x) has the value q(x) and gradient exactly 1", () => {
    const x = tensor([0.3, 1.4, -2.6, 0.5, 7.49], { requiresGrad: true });
    const q = noGrad(() => tensor(x.toFlatArray().map(Math.round)));
    const y = x.add(q.sub(x).detach());
    // q − x is exact here (Sterbenz: q and x within a factor 2 of each other, or q = 0), so x + (q − x) = q
    // exactly.
    expect(y.toArray()).toEqual([0, 1, -3, 1, 7]);
    const g = grad(y.mul(tensor([1, 2, 3, 4, 5])).sum(), x);
    expect(g?.toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(grad(x.add(q.sub(x).detach()).sum(), x)?.toArray()).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("createGraph: derivatives of derivatives", () => {
  it("f = x³y + tanh x: f_xx = 6xy − 2 tanh x (1 − tanh² x), f_xy = 3x²", () => {
    const x = tensor(0.7, { requiresGrad: true });
    const y = tensor(-1.3, { requiresGrad: true });
    const f = x.pow(3).mul(y).add(x.tanh());
    const fx = grad(f, x, { createGraph: true }) as Tensor;
    const t = Math.tanh(0.7);
    expectNear(fx.item(), 3 * 0.7 ** 2 * -1.3 + (1 - t * t), 8, 3);
    const [fxx, fxy] = grad(fx, [x, y]);
    expectNear(fxx?.item(), 6 * 0.7 * -1.3 - 2 * t * (1 - t * t), 16, 6);
    expectNear(fxy?.item(), 3 * 0.7 ** 2, 8);
  });

  it("Hessian-vector product: f = ½xᵀAx + (Σx)³ has Hv = Av + 6(Σx)(Σv)·1", () => {
    const A = tensor([[2, 0.5, -1], [0.5, 3, 0.25], [-1, 0.25, 1]]);
    const xs = [0.3, -0.8, 1.1];
    const vs = [1, 2, -0.5];
    const x = tensor(xs.map((v) => [v]), { requiresGrad: true });
    const v = tensor(vs.map((e) => [e]));
    const f = x.transpose().matmul(A).matmul(x).mul(0.5).sum().add(x.sum().pow(3));
    const g = grad(f, x, { createGraph: true }) as Tensor;
    const hv = grad(g, x, { gradOutputs: v }) as Tensor;
    const s = xs[0] + xs[1] + xs[2];
    const sv = vs[0] + vs[1] + vs[2];
    const a = A.toArray() as number[][];
    const expected = a.map((row) => row[0] * vs[0] + row[1] * vs[1] + row[2] * vs[2] + 6 * s * sv);
    expect(hv.shape).toEqual([3, 1]);
    // Terms are O(10); a few dozen roundings in the double backward.
    expected.forEach((e, i) => expectNear(hv.data[i], e, 64, 10));
  });

  it("keeps the graph by default when createGraph is set (retainGraph defaults to it)", () => {
    const x = tensor(2, { requiresGrad: true });
    const y = x.pow(3);
    grad(y, x, { createGraph: true });
    expect(grad(y, x)?.item()).toBe(3 * 4);
  });

  it("gives zeros, not null, at second order through a piecewise-linear op (relu'' = 0 on the graph)", () => {
    const x = tensor([-1, 2], { requiresGrad: true });
    const d1 = grad(x.relu().mul(x).sum(), x, { createGraph: true }) as Tensor;
    // d/dx relu(x)·x = [x > 0]·x + relu(x) = 2·relu(x);  d/dx Σ 2·relu(x) = 2·[x > 0]
    expect(d1.toArray()).toEqual([0, 4]);
    expect(grad(d1.sum(), x)?.toArray()).toEqual([0, 2]);
    const r1 = grad(x.relu().sum(), x, { createGraph: true }) as Tensor;
    expect(isZeros(grad(r1.sum(), x), [2])).toBe(true);
  });

  it("backward({ createGraph }) leaves a differentiable .grad", () => {
    const x = tensor(1.5, { requiresGrad: true });
    x.pow(3).backward(undefined, { createGraph: true });
    const g = x.grad as Tensor;
    expect(g.requiresGrad).toBe(true);
    expectNear(grad(g, x)?.item(), 6 * 1.5);
  });

  it("without createGraph the gradient is a constant (it does not require grad)", () => {
    const x = tensor(1.5, { requiresGrad: true });
    const g = grad(x.pow(3), x) as Tensor;
    expect(g.requiresGrad).toBe(false);
    expect(g.node).toBeNull();
    expect(zeros([1]).requiresGrad).toBe(false);
  });
});
