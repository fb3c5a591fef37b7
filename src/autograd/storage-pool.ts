/**
 * Memory that `tidy` gives back, and the record of what each open `tidy` made.
 *
 * Why: a result of more than 4 KiB gets a buffer of its own (dtype.ts). The collector frees those buffers late and
 * in bulk, and the C allocator then hands the pages back to the system, so the next step's results are new pages
 * again, each faulted in on first write: on the reference VM a 256×256 float32 matmul step ran 2.3 ms with its
 * buffers' pages resident and 5.4 ms when all four were new (256 page faults of about 12 µs). PyTorch does not pay
 * this: its reference counts free a buffer the moment it is dropped, so the allocator reuses it at once. JavaScript
 * says no such thing, so reuse is asked for: inside `tidy(fn)` the storages that outlive neither `fn` nor a
 * gradient it stored are known dead when `fn` returns, and their buffers come here.
 *
 * A buffer taken back is first detached from every view of it (moved, without copying, into a new ArrayBuffer), so
 * a view the user kept reads as empty and never sees another tensor's values; tidy.ts turns the use of such a
 * tensor into an error.
 */
import type { Storage } from "./dtype.ts";

/** Buffers taken back, by byte length. */
const pool = new Map<number, ArrayBuffer[]>();
let pooledBytes = 0;
/** Beyond this, a released buffer is detached all the same but left to the collector. */
const POOL_MAX_BYTES = 256 * 2 ** 20;

/** What an open `tidy` made: the storages it may release, and the tensors whose `.grad` was set inside it. */
export interface Scope {
  readonly storages: Storage[];
  readonly owners: object[];
  /** Bytes of `storages`; past the limit (trackMaxBytes) the scope stops recording (see pooledStorage). */
  bytes: number;
}

/**
 * The most a `tidy` records. Its list holds every storage it made until it returns, so a `tidy` around a whole
 * training loop would keep every step's results alive; past this it lets go of the list, so the collector frees
 * them as usual, and warns once.
 */
let trackMaxBytes = 512 * 2 ** 20;
let warnedOverflow = false;

/** @internal Sets the most a `tidy` records (tests); returns the previous limit. */
export function setTrackLimit(bytes: number): number {
  const previous = trackMaxBytes;
  trackMaxBytes = bytes;
  warnedOverflow = false;
  return previous;
}

/** The innermost open `tidy`, or null (then nothing is tracked). */
export let scope: Scope | null = null;

/** Whether any storage was ever released: until then ops skip the check for released inputs. */
export let anyReleased = false;

/** How storages of more than 4 KiB were made: new buffers, or buffers taken back by `tidy`. */
export const poolCounts = { fresh: 0, reused: 0 };

export function setScope(s: Scope | null): void {
  scope = s;
}

/** Notes that `owner`'s `.grad` was set inside the open `tidy` (a gradient stored there is kept). */
export function noteGradOwner(owner: object): void {
  if (scope !== null && scope.bytes >= 0) scope.owners.push(owner);
}

/**
 * A zeroed buffer-backed storage of `size` elements with a buffer of its own, taken from the pool when one of its
 * byte length is there; recorded by the open `tidy`, if any.
 */
export function pooledStorage(float32: boolean, size: number, bytes: number): Storage {
  const free = pool.get(bytes);
  let data: Storage;
  if (free !== undefined && free.length > 0) {
    const buffer = free.pop() as ArrayBuffer;
    pooledBytes -= bytes;
    data = float32 ? new Float32Array(buffer, 0, size) : new Float64Array(buffer, 0, size);
    data.fill(0);
    poolCounts.reused++;
  } else {
    data = float32 ? new Float32Array(size) : new Float64Array(size);
    poolCounts.fresh++;
  }
  if (scope !== null) recordStorage(scope, data);
  return data;
}

/** Records `data` in `s`, unless `s` has stopped recording; past the limit it stops (see `overflow`). */
export function recordStorage(s: Scope, data: Storage): void {
  if (s.bytes < 0) return;
  s.storages.push(data);
  s.bytes += data.byteLength;
  if (s.bytes > trackMaxBytes) overflow(s);
}

function overflow(s: Scope): void {
  s.storages.length = 0;
  s.bytes = -1;
  if (warnedOverflow) return;
  warnedOverflow = true;
  console.warn(
    `tapegrad: tidy: more than ${trackMaxBytes / 2 ** 20} MiB of results were made inside one tidy(), which holds ` +
      `them all until it returns; it stops tracking them (the collector frees them as usual, nothing is reused). ` +
      `Call tidy once per training step, not around the whole loop`,
  );
}

/** `ArrayBuffer.prototype.transfer` where the runtime has it (Node 21+, current browsers). */
type Transfer = (this: ArrayBuffer) => ArrayBuffer;
const transfer = (ArrayBuffer.prototype as { transfer?: Transfer }).transfer;

/**
 * Takes `buffers` back: detaches each from every view (they read as empty from now on) and keeps its memory for the
 * next storage of its byte length. Detaching moves the memory without copying it: `transfer` (0.2 µs a buffer on
 * Node 24), else one structured clone of them all (Node 20: 1.6 µs a buffer in batches of ten, 4.6 alone).
 */
export function releaseBuffers(buffers: readonly ArrayBuffer[]): void {
  if (buffers.length === 0) return;
  const moved = transfer !== undefined ? buffers.map((b) => transfer.call(b)) : structuredClone(buffers, { transfer: [...buffers] });
  anyReleased = true;
  for (const buffer of moved) {
    const bytes = buffer.byteLength;
    if (pooledBytes + bytes > POOL_MAX_BYTES) continue;
    let free = pool.get(bytes);
    if (free === undefined) pool.set(bytes, (free = []));
    free.push(buffer);
    pooledBytes += bytes;
  }
}

/** Bytes held for reuse. */
export function pooledByteCount(): number {
  return pooledBytes;
}

/** @internal Empties the pool (tests). */
export function clearPool(): void {
  pool.clear();
  pooledBytes = 0;
}
