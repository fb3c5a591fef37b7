import { describe, expect, it } from "vitest";
import {
  arange, eye, fromStorage, full, linspace, ones, onesLike, rand, randn, tensor, zeros, zerosLike,
} from "../../src/autograd/creation.ts";
import { ArgumentError, DTypeError, ShapeError, TapegradError } from "../../src/autograd/errors.ts";
import { Generator } from "../../src/autograd/random.ts";

describe("tensor()", () => {
  it("makes a scalar from a number, and takes a one-element shape for it", () => {
    const s = tensor(2.5);
    expect([s.shape, s.item(), s.dtype, s.requiresGrad]).toEqual([[], 2.5, "float64", false]);
    expect(tensor(3, { shape: [1, 1] }).shape).toEqual([1, 1]);
  });

  it("infers the shape of nested arrays and stores them row-major", () => {
    const t = tensor([[[1, 2]], [[3, 4]], [[5, 6]]]);
    expect(t.shape).toEqual([3, 1, 2]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensor([]).shape).toEqual([0]);
  });

  it("reshapes nested or flat data to a given shape of the same size", () => {
    expect(tensor([1, 2, 3, 4, 5, 6], { shape: [2, 3] }).toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor([[1, 2], [3, 4]], { shape: [4] }).toArray()).toEqual([1, 2, 3, 4]);
  });

  it("copies a typed array, keeping float32 for a Float32Array unless a dtype is given", () => {
    const src = new Float32Array([1.5, 2.5]);
    const t = tensor(src);
    src[0] = 9;
    expect(t.toArray()).toEqual([1.5, 2.5]);
    expect(t.dtype).toBe("float32");
    expect(tensor(src, { dtype: "float64" }).dtype).toBe("float64");
    expect(tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }).shape).toEqual([2, 2]);
  });

  it("rounds to float32 on request (0.1 is not representable: it becomes Math.fround(0.1))", () => {
    const t = tensor([0.1], { dtype: "float32" });
    expect(t.data[0]).toBe(Math.fround(0.1));
    expect(t.data[0]).not.toBe(0.1);
  });

  it("sets requiresGrad on request", () => {
    expect(tensor([1], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it("refuses ragged arrays, non-numbers, bad shapes and unknown dtypes with engine errors naming tensor", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(/tensor: nested arrays are ragged.*\[1\]/);
    expect(() => tensor([[1, "a"]] as never)).toThrow(/tensor: element at \[0, 1\] is string/);
    expect(() => tensor([1, null] as never)).toThrow(ArgumentError);
    expect(() => tensor("abc" as never)).toThrow(/tensor: cannot make a tensor from string/);
    expect(() => tensor(undefined as never)).toThrow(ArgumentError);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(/3 values cannot take shape \[2, 2\]/);
    expect(() => tensor([1, 2], { shape: [-2, -1] })).toThrow(/shape \[-2, -1\] must hold non-negative integers/);
    expect(() => tensor([1, 2], { shape: "ab" as never })).toThrow(/shape must be an array/);
    expect(() => tensor([1, 2], { dtype: "int8" as never })).toThrow(DTypeError);
    expect(() => tensor(5, { shape: [2] })).toThrow(/single number cannot fill shape \[2\].*full/);
  });
});

describe("filled tensors", () => {
  it("zeros, ones, full fill a shape; the Like forms copy shape and dtype", () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2], -1.5).toArray()).toEqual([-1.5, -1.5]);
    expect(full([1], NaN).data[0]).toBeNaN();
    const f = ones([2, 1], { dtype: "float32", requiresGrad: true });
    expect([f.dtype, f.requiresGrad]).toEqual(["float32", true]);
    expect(zerosLike(f).dtype).toBe("float32");
    expect(onesLike(f).shape).toEqual([2, 1]);
    expect(zeros([]).shape).toEqual([]);
    expect(zeros([0, 3]).size).toBe(0);
  });

  it("arange counts like numpy: arange(n), arange(a, b), arange(a, b, step), negative steps", () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(2, 5).toArray()).toEqual([2, 3, 4]);
    expect(arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(3, 0, -1).toArray()).toEqual([3, 2, 1]);
    expect(arange(5, 2).size).toBe(0);
  });

  it("linspace includes both ends; eye puts ones on the diagonal of an n×m matrix", () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
    expect(eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  it("refuse bad arguments with ArgumentErrors naming the function (not RangeErrors from typed arrays)", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => zeros(undefined as never), /^zeros: the shape must be an array/],
      [() => ones([2, 1.5]), /^ones: shape \[2, 1\.5\]/],
      [() => full([2], "a" as never), /^full: the fill value must be a number/],
      [() => arange(0, Infinity), /^arange: start and end must be finite/],
      [() => arange(NaN), /^arange/],
      [() => arange(0, 3, 0), /^arange: step must be finite and non-zero/],
      [() => linspace(0, 1, -1), /^linspace: steps must be a non-negative integer, got -1/],
      [() => linspace(0, 1, 2.5), /^linspace: steps/],
      [() => linspace(NaN, 1, 2), /^linspace: start/],
      [() => eye(-1), /^eye: the number of rows/],
      [() => eye(2, 1.5), /^eye: the number of columns/],
      [() => randn([-1]), /^randn: shape \[-1\]/],
      [() => rand("x" as never), /^rand: the shape/],
    ];
    for (const [f, message] of cases) {
      expect(f).toThrow(TapegradError);
      expect(f).toThrow(message);
    }
  });
});

describe("fromStorage", () => {
  it("wraps a typed array without copying", () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const t = fromStorage(data, [2, 2]);
    data[0] = 7;
    expect(t.toArray()).toEqual([[7, 2], [3, 4]]);
  });

  it("refuses a size mismatch and plain arrays", () => {
    expect(() => fromStorage(new Float64Array(3), [2, 2])).toThrow(ShapeError);
    expect(() => fromStorage([1, 2] as never, [2])).toThrow(/fromStorage: needs a Float64Array or Float32Array/);
  });
});

describe("random tensors", () => {
  it("randn and rand are bit-identical for the same seed and differ for another", () => {
    const a = randn([3, 4], { generator: new Generator(7) });
    const b = randn([3, 4], { generator: new Generator(7) });
    const c = randn([3, 4], { generator: new Generator(8) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
    const u = rand([50], { generator: new Generator(7) });
    expect(Array.from(u.data)).toEqual(Array.from(rand([50], { generator: new Generator(7) }).data));
  });

  it("rand draws from [low, high)", () => {
    const u = rand([1000], { generator: new Generator(1), low: -2, high: 3 });
    expect(Array.from(u.data).filter((v) => !(v >= -2 && v < 3))).toEqual([]);
    expect(Math.min(...u.data)).toBeLessThan(-2 + 0.1);
    expect(Math.max(...u.data)).toBeGreaterThan(3 - 0.1);
  });

  it("randn in float32 holds the float64 draws rounded to float32", () => {
    const d = randn([8], { generator: new Generator(3) });
    const f = randn([8], { generator: new Generator(3), dtype: "float32" });
    expect(Array.from(f.data)).toEqual(Array.from(d.data, Math.fround));
  });
});

describe("creation refuses sizes and structures it cannot hold, with the size and the limit", () => {
  it("a cyclic nested array is an ArgumentError naming the cycle, not a loop until out of memory", () => {
    const a: unknown[] = [];
    a.push(a);
    expect(() => tensor(a as never)).toThrow(/contain themselves \(a cycle at depth 1\)/);
  });

  it("an array nested 10^5 deep is an ArgumentError naming the limit, not a stack overflow", () => {
    let d: unknown = 1;
    for (let i = 0; i < 1e5; i++) d = [d];
    expect(() => tensor(d as never)).toThrow(ArgumentError);
    expect(() => tensor(d as never)).toThrow(/nested more than 1024 deep/);
  });

  it("zeros([1e6, 1e6]), eye(1e6) and arange(0, 1e12) name the element count and the limit", () => {
    expect(() => zeros([1e6, 1e6])).toThrow(ShapeError);
    expect(() => zeros([1e6, 1e6])).toThrow(/zeros: shape \[1000000, 1000000\] has 1000000000000 elements, above the limit of 4294967296/);
    expect(() => eye(1e6)).toThrow(/eye: shape \[1000000, 1000000\] has 1000000000000 elements/);
    expect(() => arange(0, 1e12)).toThrow(ArgumentError);
    expect(() => arange(0, 1e12)).toThrow(/arange: \[0, 1000000000000\) in steps of 1 has 1000000000000 elements/);
    expect(() => tensor({ length: 1e12 } as never)).toThrow(/tensor: shape \[1000000000000\]/);
  });
});
