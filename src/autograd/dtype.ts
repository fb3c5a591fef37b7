import { pooledStorage } from "./storage-pool.ts";

/** Element types a tensor can hold. float64 is the default; mixed binary ops promote to float64. */
export type DType = "float32" | "float64";

/** The flat, row-major backing store of a tensor. */
export type Storage = Float64Array | Float32Array;

export function isDType(x: unknown): x is DType {
  return x === "float32" || x === "float64";
}

/*
 * Where op results' storages come from. Every typed array made with its own buffer costs more than its bytes: a
 * larger one (over 64 bytes) gets a backing store outside V8's heap, and making one (allocation, zeroing,
 * registering it with the collector) is what a small model's step spent a fifth of its time on (W1); a smaller one
 * is kept on the heap, but still as two objects (the array and its ArrayBuffer, 184 bytes for one float64) that the
 * collector tracks as a buffer, and a chain of scalar ops spent most of its steady-state time in collections
 * copying and sweeping them. So results are cut from shared slabs, in order, as Node's Buffer pool cuts small
 * Buffers from one: a view, one object of 96 bytes. Those of 65 bytes to 4 KiB come from 64 KiB slabs; those of at
 * most 64 bytes (scalars, a few elements) from 4 KiB slabs of their own, so a small result that is kept holds at
 * most 4 KiB. Memory is never handed out twice: a slab is freed by the collector once no view of it is left, so one
 * storage never sees another's writes, and a new slab is zeroed like any new buffer. The cost is that a view keeps
 * its whole slab alive: a program that holds many small results from different steps holds up to a slab for each
 * (keep a loss's `.item()`, a number, rather than the tensor). Such a storage's `.buffer` is the slab: read its
 * bytes through `byteOffset` and `byteLength`, as for any typed array view.
 */
const SHARED_MAX_BYTES = 1 << 12;
const TINY_MAX_BYTES = 64;

/** A slab being cut: its buffer and how much of it is handed out. */
interface Slab {
  buffer: ArrayBuffer;
  used: number;
  readonly bytes: number;
}

const slab: Slab = { buffer: new ArrayBuffer(0), used: 0, bytes: 1 << 16 };
const tinySlab: Slab = { buffer: new ArrayBuffer(0), used: 0, bytes: 1 << 12 };
let sharing = true;

/**
 * A zeroed storage of `size` elements of `dtype` with a buffer of its own, for tensors made to be kept: what the
 * creation functions make (parameters among them), loaded weights, data sets. A kept tensor cut from a slab would
 * hold the whole slab, and its `.buffer` would hold other tensors' values.
 */
export function allocateOwned(dtype: DType, size: number): Storage {
  return dtype === "float32" ? new Float32Array(size) : new Float64Array(size);
}

/**
 * A zeroed storage of `size` elements of `dtype` for an op's result: from a shared slab when it is small; when it
 * is larger, a buffer of its own, which `tidy` may take back (storage-pool.ts).
 */
export function allocate(dtype: DType, size: number): Storage {
  const bytes = dtype === "float32" ? size * 4 : size * 8;
  if (!sharing && bytes <= TINY_MAX_BYTES) return allocateOwned(dtype, size);
  if (!sharing || bytes > SHARED_MAX_BYTES) return pooledStorage(dtype === "float32", size, bytes);
  return cut(bytes <= TINY_MAX_BYTES ? tinySlab : slab, dtype, size, bytes);
}

/** The next `bytes` of `s` (a new slab when they do not fit) as a storage of `size` elements of `dtype`. */
function cut(s: Slab, dtype: DType, size: number, bytes: number): Storage {
  if (s.used + bytes > s.buffer.byteLength) {
    s.buffer = new ArrayBuffer(s.bytes);
    s.used = 0;
  }
  const at = s.used;
  // 16-byte steps: every view starts aligned for float64 and for a 128-bit SIMD load.
  s.used += (bytes + 15) & ~15;
  return dtype === "float32" ? new Float32Array(s.buffer, at, size) : new Float64Array(s.buffer, at, size);
}

/**
 * @internal Turns the shared slabs off (every storage gets a buffer of its own) or on; returns the previous
 * setting. For measuring what they buy, and for tests.
 */
export function setSharedStorage(enabled: boolean): boolean {
  const previous = sharing;
  sharing = enabled;
  return previous;
}

export function dtypeOf(data: Storage): DType {
  return data instanceof Float32Array ? "float32" : "float64";
}

/** The dtype of a binary op's result: float32 only when both operands are float32. */
export function promote(a: DType, b: DType): DType {
  return a === "float32" && b === "float32" ? "float32" : "float64";
}
