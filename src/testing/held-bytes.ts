/**
 * The bytes of tensor values that a tensor's graph keeps reachable: every storage reached from `root` through its
 * node's inputs, output and tensor attributes, recursively, each buffer counted once, leaving out the storages of
 * `exclude` (the root itself, a model's parameters: what the caller holds anyway). After `backward()` without
 * retainGraph the tape has released every saved value, so for a loss this is 0; with `retainGraph: true` it is
 * every value the rules still need (the activations).
 */
import { Tensor } from "../autograd/tensor.ts";

export interface HeldBytes {
  readonly bytes: number;
  /** Distinct non-empty buffers counted. */
  readonly storages: number;
}

export function heldBytes(root: Tensor, exclude: Iterable<Tensor> = [root]): HeldBytes {
  const skip = new Set<ArrayBufferLike>();
  for (const t of exclude) skip.add(t.data.buffer);
  const counted = new Set<ArrayBufferLike>();
  const seen = new Set<Tensor>();
  const work: Tensor[] = [root];
  let bytes = 0;
  while (work.length > 0) {
    const t = work.pop() as Tensor;
    if (seen.has(t)) continue;
    seen.add(t);
    const buffer = t.data.buffer;
    if (t.data.byteLength > 0 && !skip.has(buffer) && !counted.has(buffer)) {
      counted.add(buffer);
      bytes += t.data.byteLength;
    }
    const node = t.node;
    if (node === null) continue;
    work.push(...node.inputs, node.output);
    const attrs = node.attrs;
    if (attrs !== null && typeof attrs === "object") {
      for (const v of Object.values(attrs)) if (v instanceof Tensor) work.push(v);
    }
  }
  return { bytes, storages: counted.size };
}
