/**
 * `tidy(fn)`: runs one synchronous piece of work (a training step) and, when it returns, gives the memory of the
 * large results it made and dropped back to the engine, so the next step reuses resident memory instead of new
 * pages (storage-pool.ts says why that matters). What stays valid after `tidy` returns:
 *   - what `fn` returns: a tensor, or arrays and plain objects holding tensors, with the values their graphs still
 *     need for a later backward;
 *   - every gradient stored in a `.grad` inside `fn` that is still there (a parameter's, a retained one);
 *   - whatever was not made inside `fn`: parameters, data, optimizer state, tensors from creation functions.
 * Every other op result of more than 4 KiB made inside `fn` is released: its storage reads as empty, and an op,
 * `item()` or `toArray()` on a tensor over it throws `ReleasedError` with the remedy. Smaller results are left to
 * the collector (they share slabs, dtype.ts), so they stay readable. If `fn` throws, nothing is released.
 */
import { ArgumentError } from "./errors.ts";
import { recordStorage, releaseBuffers, scope, setScope, type Scope } from "./storage-pool.ts";
import { Tensor } from "./tensor-base.ts";

/** `Tensor._checkLive` for an op's argument: a tensor, or the tensors in an array. */
export function checkArgLive(op: string, a: unknown): void {
  if (a instanceof Tensor) a._checkLive(op);
  else if (Array.isArray(a)) for (const x of a) if (x instanceof Tensor) x._checkLive(op);
}

/**
 * Runs `fn` and releases the memory of the large results it made that nothing kept (see above). Nests: an inner
 * `tidy` hands what it kept to the one around it.
 *
 *   for (const { x, y } of loader) {
 *     const loss = tidy(() => {
 *       const l = nn.functional.crossEntropy(model.forward(x), y);
 *       l.backward();
 *       opt.step();
 *       opt.zeroGrad();
 *       return l.item();
 *     });
 *   }
 */
export function tidy<T>(fn: () => T): T {
  const outer = scope;
  const mine: Scope = { storages: [], owners: [], bytes: 0 };
  setScope(mine);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    close(mine, outer, null);
    throw e;
  }
  if (result instanceof Promise) {
    close(mine, outer, null);
    throw new ArgumentError(
      "tidy: the function returned a Promise; tidy releases memory when its function returns, so it takes a " +
        "synchronous one. Call tidy inside the async code, around each synchronous step",
    );
  }
  // A step whose results were all small recorded nothing: there is nothing to release, so no need to look.
  close(mine, outer, mine.storages.length === 0 ? null : kept(result, mine.owners));
  return result;
}

/**
 * Ends `mine`: releases each storage it recorded whose buffer is not in `keep` (null: keep all), and hands the
 * rest, and the gradient owners, to `outer`.
 */
function close(mine: Scope, outer: Scope | null, keep: Set<ArrayBufferLike> | null): void {
  setScope(outer);
  const released: ArrayBuffer[] = [];
  for (const s of mine.storages) {
    // A buffer the user detached (posted to a worker with transfer) is gone already.
    if (s.buffer.byteLength === 0) continue;
    if (keep === null || keep.has(s.buffer)) {
      if (outer !== null) recordStorage(outer, s);
    } else released.push(s.buffer as ArrayBuffer);
  }
  releaseBuffers(released);
  if (outer !== null) outer.owners.push(...mine.owners);
}

/** The buffers reachable from `result` and from the gradients still stored on `owners`, through their graphs. */
function kept(result: unknown, owners: readonly object[]): Set<ArrayBufferLike> {
  const keep = new Set<ArrayBufferLike>();
  const seen = new Set<unknown>();
  const work: unknown[] = [result];
  for (const o of owners) if (o instanceof Tensor && o._grad !== null) work.push(o._grad);
  while (work.length > 0) {
    const v = work.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Tensor) {
      keep.add(v.data.buffer);
      if (v._grad !== null) work.push(v._grad);
      const node = v.node;
      if (node !== null && !seen.has(node)) {
        seen.add(node);
        for (const x of node.inputs) work.push(x);
        work.push(node.output, node.attrs);
      }
    } else if (ArrayBuffer.isView(v)) {
      // A node's attrs may hold a raw storage its rule reads.
      keep.add(v.buffer);
    } else if (Array.isArray(v)) {
      for (const x of v) work.push(x);
    } else {
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) for (const x of Object.values(v)) work.push(x);
    }
  }
  return keep;
}
