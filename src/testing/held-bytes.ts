/**
 * The bytes of tensor values that a tensor's graph keeps reachable: every storage reached from `root` through its
 * node's inputs, output and tensor attributes, recursively, each storage counted once, leaving out the storages of
 * `exclude` (the root itself, a model's parameters: what the caller holds anyway). After `backward()` without
 * retainGraph the tape has released every saved value, so for a loss this is 0; with `retainGraph: true` it is
 * every value the rules still need (the activations).
 */
import { Tensor } from "../autograd/tensor.ts";

export interface HeldBytes {
  readonly bytes: number;
  /** Distinct non-empty storages counted. */
  readonly storages: number;
}

/**
 * A storage's place in its buffer: tensors that share a storage (reshape, detach) have the same one, and small
 * storages, which share buffers (see `allocate`), different ones.
 */
function storageKey(t: Tensor): string {
  return `${t.data.byteOffset}:${t.data.byteLength}`;
}

export function heldBytes(root: Tensor, exclude: Iterable<Tensor> = [root]): HeldBytes {
  const counted = new Map<ArrayBufferLike, Set<string>>();
  const has = (t: Tensor): boolean => counted.get(t.data.buffer)?.has(storageKey(t)) === true;
  const add = (t: Tensor): void => {
    const keys = counted.get(t.data.buffer) ?? new Set<string>();
    keys.add(storageKey(t));
    counted.set(t.data.buffer, keys);
  };
  for (const t of exclude) add(t);
  const seen = new Set<Tensor>();
  const work: Tensor[] = [root];
  let bytes = 0;
  let storages = 0;
  while (work.length > 0) {
    const t = work.pop() as Tensor;
    if (seen.has(t)) continue;
    seen.add(t);
    if (t.data.byteLength > 0 && !has(t)) {
      add(t);
      bytes += t.data.byteLength;
      storages++;
    }
    const node = t.node;
    if (node === null) continue;
    work.push(...node.inputs, node.output);
    const attrs = node.attrs;
    if (attrs !== null && typeof attrs === "object") {
      for (const v of Object.values(attrs)) if (v instanceof Tensor) work.push(v);
    }
  }
  return { bytes, storages };
}
