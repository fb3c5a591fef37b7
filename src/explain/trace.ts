/**
 * Gradient tracing through hooks: for every tensor of a graph that requires grad, the gradient that arrived at it
 * during one backward pass, and for every op node what its rule passed on to each input.
 *
 * A hook on a tensor sees its complete gradient (the walk runs it after every consumer has contributed). What the
 * node passed on is its rule applied to that gradient, summed back to each input's shape as the tape does:
 * computing it again here (without recording) keeps the engine free of any tracing code, and for an input with
 * several consumers it separates the contributions that the input's own hook only sees summed.
 */
import { operandsOf } from "../autograd/introspect.ts";
import { noGrad } from "../autograd/mode.ts";
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
 * What `node`'s rule sends to each operand for the output gradient `g`, fitted to the inputs' shapes and dtypes:
 * one entry per operand of `operandsOf(node)`, null for a plain-number operand (which is no input of the rule).
 */
function passedOn(node: Node, g: Tensor): (Tensor | null)[] {
  const rule = node.def.backward;
  const perInput = rule === null ? node.inputs.map(() => null) : noGrad(() => {
    const grads = rule(g, node.inputs, node.output, node.attrs as never);
    return node.inputs.map((input, i) => {
      const gi = grads[i] ?? null;
      if (gi === null || !input.requiresGrad) return null;
      const fitted = gi.shape.length === input.shape.length && gi.shape.every((d, j) => d === input.shape[j])
        ? gi
        : gi.sumTo(input.shape);
      return fitted.dtype === input.dtype ? fitted : fitted.to(input.dtype);
    });
  });
  const at = node.def.numberAt;
  if (at !== undefined) perInput.splice(at, 0, null);
  return perInput;
}

/**
 * Hooks every tensor of `root`'s graph that requires grad. Run one backward (or `grad`) from `root`, read the
 * trace, then `remove()` it. Later passes overwrite what an earlier one recorded.
 */
export function traceGradients(root: Tensor): GradientTrace {
  const received = new Map<Tensor, Tensor>();
  const passed = new Map<Node, (Tensor | null)[]>();
  const handles: { remove(): void }[] = [];
  for (const t of graphTensors(root)) {
    if (!t.requiresGrad) continue;
    handles.push(
      t.registerHook((g) => {
        received.set(t, g);
        if (t.node !== null) passed.set(t.node, passedOn(t.node, g));
      }),
    );
  }
  return {
    received: (t) => received.get(t) ?? null,
    passed: (node) => passed.get(node) ?? null,
    get size() {
      return received.size;
    },
    remove() {
      for (const h of handles) h.remove();
      handles.length = 0;
    },
  };
}
