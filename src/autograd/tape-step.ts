/**
 * What the backward walk (`tape.ts`) does at one node: run the hooks on the gradient that arrived, check that the
 * node may still run (not freed, saved values unchanged), call the op's rule, and fit each gradient to its input
 * (sum a broadcast gradient back, match the dtype, and under detectAnomaly refuse NaN and infinity).
 */
import { AnomalyError, GradError } from "./errors.ts";
import { broadcastsTo, formatShape, sameShape } from "./shape.ts";
import type { Grads, Node, WalkOptions } from "./tape.ts";
import { Tensor } from "./tensor-base.ts";

export function runHooks(t: Tensor, g: Tensor): Tensor {
  if (t._hooks === null) return g;
  for (const hook of t._hooks) {
    const replaced = hook(g);
    if (replaced !== undefined) {
      if (replaced === null || typeof replaced !== "object" || !Array.isArray((replaced as Tensor).shape)) {
        throw new GradError(
          `hook: a gradient hook returned ${replaced === null ? "null" : typeof replaced}, not a tensor; ` +
            `return a tensor of shape ${formatShape(g.shape)}, or nothing to keep the gradient`,
        );
      }
      if (!sameShape(replaced.shape, g.shape)) {
        throw new GradError(
          `hook: a gradient hook returned shape ${formatShape(replaced.shape)} for a gradient of shape ` +
            `${formatShape(g.shape)}; return a tensor of the same shape, or nothing to keep the gradient`,
        );
      }
      g = replaced;
    }
  }
  return g;
}

/** Throws if `node`'s rule may not run: its graph was freed, or a value its rule reads was changed in place. */
export function checkRunnable(node: Node, opts: WalkOptions): void {
  const name = node.def.name;
  if (node.freed) {
    throw new GradError(
      `${opts.caller}: the graph was freed by an earlier backward (reached node '${name}'); ` +
        `pass { retainGraph: true } to the first call to backpropagate through it again`,
    );
  }
  if (node.def.savesInputs) {
    const versions = node.versions;
    for (let i = 0; i < node.inputs.length; i++) {
      const t = node.inputs[i];
      const saved = versions === null ? 0 : versions[i];
      if (t.version !== saved) {
        throw new GradError(
          `${opts.caller}: input ${i} of '${name}' (shape ${formatShape(t.shape)}) was changed in place after ` +
            `'${name}' used it (version ${saved} → ${t.version}); change it only after backward, or work on a copy`,
        );
      }
    }
  }
  if (node.def.savesOutput === true && node.output.version !== node.outputVersion) {
    throw new GradError(
      `${opts.caller}: the output of '${name}' (shape ${formatShape(node.output.shape)}) was changed in place ` +
        `after it was computed (version ${node.outputVersion} → ${node.output.version}), and its gradient ` +
        `reads it; change it only after backward, or work on a copy`,
    );
  }
}

/** The rule's gradients: one per input, or for a one-input op possibly the gradient itself (see BackwardRule). */
export function callRule(node: Node, g: Tensor, opts: WalkOptions): Grads | Tensor {
  checkRunnable(node, opts);
  const name = node.def.name;
  const grads = node.runRule(g);
  if (grads === null) return [];
  if (grads instanceof Tensor) {
    if (node.inputs.length === 1) return grads;
    throw new GradError(
      `${name}: the backward rule returned one tensor for ${node.inputs.length} inputs; ` +
        `return one gradient (or null) per input, in an array`,
    );
  }
  if (grads.length !== node.inputs.length) {
    throw new GradError(
      `${name}: the backward rule returned ${grads.length} gradients for ${node.inputs.length} inputs; ` +
        `return one gradient (or null) per input`,
    );
  }
  return grads;
}

/** Sums a broadcast gradient back to the input's shape, matches its dtype, and checks it. */
export function fitGrad(node: Node, i: number, g: Tensor): Tensor {
  const input = node.inputs[i];
  if (!sameShape(g.shape, input.shape)) {
    if (!broadcastsTo(input.shape, g.shape)) {
      throw new GradError(
        `${node.def.name}: the backward rule returned shape ${formatShape(g.shape)} for input ${i} of shape ` +
          `${formatShape(input.shape)}; a gradient must have its input's shape (or one it broadcasts to)`,
      );
    }
    g = g.sumTo(input.shape);
  }
  if (g.dtype !== input.dtype) g = g.to(input.dtype);
  if (node.createdAt !== null) checkFinite(node, i, g);
  return g;
}

function checkFinite(node: Node, i: number, g: Tensor): void {
  for (let k = 0; k < g.data.length; k++) {
    const v = g.data[k];
    if (v - v !== 0) {
      throw new AnomalyError(
        `backward of '${node.def.name}' produced ${v} in the gradient of input ${i} ` +
          `(shape ${formatShape(g.shape)}, element ${k}); the '${node.def.name}' node was created at\n  ` +
          node.createdAt,
      );
    }
  }
}
