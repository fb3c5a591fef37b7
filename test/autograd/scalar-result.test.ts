/**
 * One-element results (op.ts, `scalarResult`): an elementwise op whose operands have one element each computes its
 * value without a kernel call, and the result makes its storage only when `data` is first read.
 *
 * The identity checked: for every such op, dtype and value (±0, ±∞, NaN and subnormals among them), the result's
 * bits equal those of the same op's first element on two-element operands, which the kernel computes; so which
 * path ran cannot be seen in any value. Then what a deferred storage must still do: be one array on every read,
 * carry writes made through it into later ops, be shared by views, and be left unmade by `item()`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import type { DType } from "../../src/autograd/dtype.ts";
import { add, div, mul, sub } from "../../src/autograd/ops/index.ts";
import { tanhBackward } from "../../src/autograd/ops/tanh-backward.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import "../../src/index.ts";

/** The bit pattern of element 0 of `t` (float64 and float32 alike, as a float64's bits), so NaN equals NaN. */
function bitsOf(t: Tensor): bigint {
  return new BigUint64Array(Float64Array.of(t.data[0]).buffer)[0];
}

/** One element of `dtype` holding v (rounded to float32 for a float32 tensor). */
const one = (v: number, dtype: DType): Tensor => tensor([v], { dtype }).reshape([]);
/** Two elements [v, w]: the op's kernel computes element 0 from v. */
const two = (v: number, w: number, dtype: DType): Tensor => tensor([v, w], { dtype });

/** Doubles of every kind, including NaN, ±∞, −0 and subnormals. */
const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1, -1, 0.5),
  fc.double({ min: -5, max: 5, noNaN: true }),
);
const dtypes: DType[] = ["float64", "float32"];

const binary: [string, (a: Tensor | number, b: Tensor | number) => Tensor][] = [
  ["add", add], ["sub", sub], ["mul", mul], ["div", div],
  ["eq", (a, b) => (a as Tensor).eq(b)], ["lt", (a, b) => (a as Tensor).lt(b)], ["ge", (a, b) => (a as Tensor).ge(b)],
];

const unary: [string, (x: Tensor) => Tensor][] = [
  ["neg", (x) => x.neg()], ["abs", (x) => x.abs()], ["sqrt", (x) => x.sqrt()], ["log", (x) => x.log()],
  ["exp", (x) => x.exp()], ["expm1", (x) => x.expm1()], ["tanh", (x) => x.tanh()], ["sigmoid", (x) => x.sigmoid()],
  ["relu", (x) => x.relu()],
];

describe("one-element results: the same bits as the kernel's", () => {
  for (const dtype of dtypes) {
    for (const [name, op] of binary) {
      it(`${name}, ${dtype}: tensor ∘ tensor, tensor ∘ number and number ∘ tensor`, () => {
        fc.assert(fc.property(anyDouble, anyDouble, (a, b) => {
          const wide = op(two(a, 1, dtype), two(b, 1, dtype));
          expect(bitsOf(op(one(a, dtype), one(b, dtype)))).toBe(bitsOf(wide));
          expect(bitsOf(op(one(a, dtype), b))).toBe(bitsOf(op(two(a, 1, dtype), b)));
          if (name === "add" || name === "sub" || name === "mul" || name === "div") {
            expect(bitsOf(op(a, one(b, dtype)))).toBe(bitsOf(op(a, two(b, 1, dtype))));
          }
        }), { numRuns: 200 });
      });
    }
    for (const [name, op] of unary) {
      it(`${name}, ${dtype}`, () => {
        fc.assert(fc.property(anyDouble, (v) => {
          expect(bitsOf(op(one(v, dtype)))).toBe(bitsOf(op(two(v, 1, dtype))));
        }), { numRuns: 200 });
      });
    }
    it(`tanhBackward g·(1 − y²), ${dtype}`, () => {
      fc.assert(fc.property(anyDouble, anyDouble, (g, y) => {
        expect(bitsOf(tanhBackward(one(g, dtype), one(y, dtype)))).toBe(bitsOf(tanhBackward(two(g, 1, dtype), two(y, 1, dtype))));
      }), { numRuns: 200 });
    });
  }

  it("float32 with float64 promotes to float64, as the kernel does", () => {
    fc.assert(fc.property(anyDouble, anyDouble, (a, b) => {
      const r = mul(one(a, "float32"), one(b, "float64"));
      expect(r.dtype).toBe("float64");
      expect(bitsOf(r)).toBe(bitsOf(mul(two(a, 1, "float32"), two(b, 1, "float64"))));
    }), { numRuns: 200 });
  });

  it("the shape of one element is kept: [1, 1] stays [1, 1], [] with [1] broadcasts to [1]", () => {
    expect(tensor([[2]]).mul(3).shape).toEqual([1, 1]);
    expect(tensor(2).add(tensor([3])).shape).toEqual([1]);
    expect(tensor([[2]]).add(tensor([3])).toArray()).toEqual([[5]]);
  });
});

describe("a deferred storage", () => {
  it("is made on the first read of data, once: every read gives the same array", () => {
    const y = tensor(2).mul(3);
    expect(y._data).toBeNull();
    const d = y.data;
    expect(d).toBeInstanceOf(Float64Array);
    expect(Array.from(d)).toEqual([6]);
    expect(y.data).toBe(d);
  });

  it("item() reads the number without making it; a float32 value is rounded as a Float32Array would", () => {
    const y = tensor(0.1, { dtype: "float32" }).add(0.2);
    expect(y.item()).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expect(y._data).toBeNull();
    expect(y.size).toBe(1);
  });

  it("a write through data reaches later ops, item() and toString()", () => {
    const y = tensor(2).mul(3);
    y.data[0] = 5;
    expect(y.item()).toBe(5);
    expect(y.add(1).item()).toBe(6);
    expect(String(y)).toContain("5");
  });

  it("views share it: a write through a detached view is seen by the tensor it came from", () => {
    const y = tensor(2).mul(3);
    const v = y.detach();
    v.data[0] = 7;
    expect(y.item()).toBe(7);
    expect(y.reshape([1]).data.buffer).toBe(y.data.buffer);
  });

  it("a chain of scalar ops and its backward give float64's exact values (d/dx of tanh(2x + 1)·x)", () => {
    const x = tensor(0.3, { requiresGrad: true });
    const t = x.mul(2).add(1).tanh();
    const y = t.mul(x);
    y.backward();
    const th = Math.tanh(0.3 * 2 + 1);
    expect(y.item()).toBe(th * 0.3);
    // d/dx [tanh(2x + 1)·x] = tanh(2x + 1) + x·2·(1 − tanh²(2x + 1)), in the order the walk sums it
    expect(x.grad?.item()).toBe(0.3 * (1 * (1 - th * th)) * 2 + th);
  });
});

describe("what reads a one-element result's size without its storage", () => {
  it("a node's savedBytes counts a held number once, as 8 bytes (4 for float32), and makes no storage", () => {
    const x = tensor(3, { requiresGrad: true }).mul(1);
    expect(x._data).toBeNull();
    const y = x.mul(x);
    expect(y.node?.savedBytes).toBe(8);
    expect(x._data).toBeNull();
    const z = tensor(3, { requiresGrad: true, dtype: "float32" }).mul(1).exp();
    expect(z.node?.savedBytes).toBe(4);
  });
});
