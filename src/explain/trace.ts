/**
 * Gradient tracing through hooks: for every tensor of a graph that requires grad, the gradient that arrived at it
 * during one backward pass, and for every op node what its rule passed on to each input.
 *
 * A tape observer sees each node's complete output gradient as the walk reaches it, and each gradient the node's rule
 * sent to an input after the tape fitted it (summed back to the input's shape): the values the pass itself used,
 * per edge, so an input with several consumers keeps their contributions apart. What arrived at a tensor made by an op
 * is kept by its node (the node may hold the tensor's edge rather than the tensor: see node.ts).
 */
import { operandsOf } from "../autograd/introspect.ts";
import { addObserver } from "../autograd/observer.ts";
import type { Node } from "../autograd/tape.ts";
import type { Tensor } from "../autograd/tensor.ts";

export interface GradientTrace {
  /** The gradient that arrived at `t` in the traced pass, or null if none did. */
  received(t: Tensor): Tensor | null;
  /**
   * What `node` passed on to each of its operands, in the order of `operandsOf(node)` (null: nothing, e.g. a cut
   * edge, an input without grad, or a plain-number operand).
   */
  passed(node: Node): readonly (Tensor | null)[] | null;
  /** How many tensors received a gradient. */
  readonly size: number;
  /** Removes the hooks; what was recorded stays readable. */
  remove(): void;
}

/** Every tensor of `root`'s graph (constant leaves of plain numbers too), root first, each once (a work list). */
export function graphTensors(root: Tensor): Tensor[] {
  const out: Tensor[] = [root];
  const seen = new Set<Tensor>(out);
  for (let k = 0; k < out.length; k++) {
    const node = out[k].node;
    if (node === null) continue;
    for (const input of operandsOf(node)) {
      if (!seen.has(input)) {
        seen.add(input);
        out.push(input);
      }
    }
  }
  return out;
}

/**
 * Observes the backward passes run until `remove()`, keeping what concerns `root`'s graph. Run one backward (or
 * `grad`) from `root`, read the trace, then `remove()` it. A later pass overwrites what an earlier one recorded.
 */
export function traceGradients(root: Tensor): GradientTrace {
  const tensors = graphTensors(root);
  const inGraph = new Set<Node>();
  const leaves = new Set<Tensor>();
  for (const t of tensors) {
    if (t.node !== null) inGraph.add(t.node);
    else leaves.add(t);
  }
  const received = new Map<Tensor, Tensor>();
  const arrived = new Map<Node, Tensor>();
  const passed = new Map<Node, (Tensor | null)[]>();
  const handle = addObserver({
    keepsValues: true,
    nodeEnter(node, g) {
      if (!inGraph.has(node)) return;
      arrived.set(node, g);
      passed.set(node, operandsOf(node).map(() => null));
    },
    gradSent(node, i, g) {
      const slots = passed.get(node);
      if (slots === undefined) return;
      // A plain-number operand is no input of the rule: operands after it sit one further on.
      const at = node.def.numberAt;
      slots[at !== undefined && i >= at ? i + 1 : i] = g;
    },
    leafEnter(leaf, g) {
      if (leaves.has(leaf)) received.set(leaf, g);
    },
  });
  return {
    received: (t) => (t.node !== null ? arrived.get(t.node) : received.get(t)) ?? null,
    passed: (node) => passed.get(node) ?? null,
    get size() {
      return received.size + arrived.size;
    },
    remove: () => handle.remove(),
  };
}
