/**
 * Storages: `allocate` gives an op's result a zeroed storage; those of 65 B to 4 KiB are views cut in order from
 * shared 64 KiB slabs and those of at most 64 B from shared 4 KiB slabs, never overlapping, each aligned to 16
 * bytes; larger ones, and what `allocateOwned` makes for tensors made to be kept, get a buffer of their own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { allocate, allocateOwned, promote, setSharedStorage, type DType, type Storage } from "../../src/autograd/dtype.ts";
import { randn, tensor, zeros } from "../../src/autograd/creation.ts";
import { Generator } from "../../src/autograd/random.ts";
import { heldBytes } from "../../src/testing/index.ts";
import "../../src/index.ts";

const ownsBuffer = (s: Storage): boolean => s.byteOffset === 0 && s.buffer.byteLength === s.byteLength;

afterEach(() => {
  setSharedStorage(true);
});

describe("allocate", () => {
  const cases: [DType, number][] = [
    ["float32", 1], ["float32", 16], ["float32", 17], ["float32", 1024], ["float32", 1025],
    ["float64", 8], ["float64", 9], ["float64", 512], ["float64", 513],
  ];

  it.each(cases)("%s × %i: the type and length asked for, every element 0", (dtype, n) => {
    const s = allocate(dtype, n);
    expect(s).toBeInstanceOf(dtype === "float32" ? Float32Array : Float64Array);
    expect(s.length).toBe(n);
    expect(s.every((v) => v === 0)).toBe(true);
  });

  it("beyond 4 KiB a storage has a buffer of its own; up to 64 bytes it shares a 4 KiB one, up to 4 KiB a 64 KiB one", () => {
    expect(allocate("float32", 16).buffer.byteLength).toBe(1 << 12);
    expect(allocate("float64", 8).buffer.byteLength).toBe(1 << 12);
    expect(allocate("float64", 1).buffer.byteLength).toBe(1 << 12);
    expect(ownsBuffer(allocate("float32", 1025))).toBe(true);
    expect(ownsBuffer(allocate("float64", 513))).toBe(true);
    const a = allocate("float32", 17);
    const b = allocate("float64", 512);
    expect(a.buffer.byteLength).toBe(1 << 16);
    expect(b.buffer.byteLength).toBe(1 << 16);
  });

  it("shared storages never overlap and start on 16-byte boundaries, across slab boundaries (2000 of mixed sizes)", () => {
    const made: Storage[] = [];
    for (let i = 0; i < 2000; i++) {
      // every fourth one at most 64 bytes (a tiny slab's), the others up to 4 KiB
      const size = i % 4 === 0 ? 1 + (i % 8) : 17 + ((i * 37) % 1000);
      const s = allocate(i % 3 === 0 ? "float64" : "float32", size);
      expect(s.byteOffset % 16).toBe(0);
      expect(s.every((v) => v === 0)).toBe(true); // no earlier storage's values show through
      s.fill(i + 1);
      made.push(s);
    }
    made.forEach((s, i) => expect(s.every((v) => v === i + 1)).toBe(true));
  });

  it("what is made to be kept has a buffer of its own: allocateOwned, zeros, randn (parameters are made so)", () => {
    expect(ownsBuffer(allocateOwned("float32", 100))).toBe(true);
    expect(ownsBuffer(zeros([10, 10], { dtype: "float32" }).data)).toBe(true);
    expect(ownsBuffer(randn([10, 10], { generator: new Generator(1) }).data)).toBe(true);
    expect(ownsBuffer(zeros([10, 10]).add(1).data)).toBe(false); // an op's result
  });

  it("setSharedStorage(false) gives every storage a buffer of its own, and returns the previous setting", () => {
    expect(setSharedStorage(false)).toBe(true);
    expect(ownsBuffer(allocate("float32", 100))).toBe(true);
    expect(ownsBuffer(allocate("float64", 1))).toBe(true);
    expect(setSharedStorage(true)).toBe(false);
    expect(ownsBuffer(allocate("float32", 100))).toBe(false);
  });

  it("heldBytes counts two small storages of one slab as two, and a reshape of one as the same", () => {
    while (allocate("float32", 17).byteOffset !== 0); // a fresh slab: what follows fits in it
    const x = tensor(new Float32Array(100).fill(1), { shape: [100], requiresGrad: true });
    const a = x.mul(x);
    const b = a.exp();
    const loss = b.reshape([10, 10]).mul(a.reshape([10, 10])).sum();
    expect(a.data.buffer).toBe(b.data.buffer);
    // mul reads x, a and a's reshape (one storage), b's reshape (b's storage); exp reads b: a and b, 400 bytes each.
    expect(heldBytes(loss, [loss, x])).toEqual({ bytes: 800, storages: 2 });
  });
});

describe("promote", () => {
  it("float32 only when both operands are float32", () => {
    expect(promote("float32", "float32")).toBe("float32");
    expect(promote("float32", "float64")).toBe("float64");
    expect(promote("float64", "float64")).toBe("float64");
  });
});
