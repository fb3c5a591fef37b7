/** The two ways to run the tape backwards: `tensor.backward()` (into `.grad`) and `grad()` (returned). */
import { ArgumentError, GradError } from "./errors.ts";
import { formatShape, sameShape } from "./shape.ts";
import { describe, filled } from "./op.ts";
import { walk } from "./tape.ts";
import { Tensor } from "./tensor-base.ts";

export interface BackwardOptions {
  /** Keep the graph so that it can be backpropagated through again. */
  retainGraph: boolean;
  /** Record the backward pass itself, for gradients of gradients. */
  createGraph: boolean;
}

export interface GradOptions {
  /** The vector of each vector-Jacobian product; needed for every output with more than one element. */
  gradOutputs?: Tensor | number | readonly (Tensor | number | null | undefined)[];
  /** Defaults to createGraph, as in PyTorch. */
  retainGraph?: boolean;
  createGraph?: boolean;
  /** Return null for an input the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

function seedFor(caller: string, out: Tensor, given: Tensor | number | null | undefined, which: string): Tensor {
  if (given === undefined || given === null) {
    if (out.size !== 1) {
      throw new GradError(
        `${caller}: ${which} has shape ${formatShape(out.shape)}, so a gradient can only be implicitly created ` +
          `for a scalar; pass a gradOutput of shape ${formatShape(out.shape)} ` +
          `(or reduce it first, e.g. .sum())`,
      );
    }
    return filled(out.shape, out.dtype, 1);
  }
  const g = typeof given === "number" ? filled([], out.dtype, given) : given;
  if (!(g instanceof Tensor)) {
    throw new ArgumentError(`${caller}: gradOutput must be a Tensor or a number, got ${describe(given)}`);
  }
  if (!sameShape(g.shape, out.shape)) {
    if (g.size === 1 && out.size === 1) return g.reshape(out.shape);
    throw new GradError(
      `${caller}: gradOutput has shape ${formatShape(g.shape)} but ${which} has shape ${formatShape(out.shape)}; ` +
        `they must match`,
    );
  }
  return g;
}

function checkDifferentiable(caller: string, out: Tensor, which: string): void {
  if (!(out instanceof Tensor)) throw new ArgumentError(`${caller}: ${which} must be a Tensor, got ${describe(out)}`);
  if (!out.requiresGrad) {
    const why =
      out.node !== null
        ? `it was made by '${out.node.def.name}', which passes no gradient`
        : "it is a leaf that does not require grad";
    throw new GradError(
      `${caller}: ${which} (shape ${formatShape(out.shape)}) does not require grad (${why}); ` +
        `create the inputs with { requiresGrad: true } and compute it outside noGrad`,
    );
  }
}

/** `tensor.backward()`: accumulates d(output · gradOutput)/d(leaf) into every leaf's `.grad`. */
export function backward(out: Tensor, gradOutput?: Tensor | number, options: Partial<BackwardOptions> = {}): void {
  checkDifferentiable("backward", out, "the output");
  const seed = seedFor("backward", out, gradOutput, "the output");
  const createGraph = options.createGraph ?? false;
  walk([out], [seed], {
    retainGraph: options.retainGraph ?? createGraph,
    createGraph,
    capture: null,
    caller: "backward",
  });
}

/**
 * The gradients of `outputs` with respect to `inputs`, returned instead of accumulated: one tensor, or null
 * where an input is not connected to the outputs through differentiable ops (with allowUnused).
 */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor, options?: GradOptions): Tensor | null;
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  options?: GradOptions,
): (Tensor | null)[];
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradOptions = {},
): Tensor | null | (Tensor | null)[] {
  const outs = outputs instanceof Tensor ? [outputs] : [...outputs];
  const ins = inputs instanceof Tensor ? [inputs] : [...inputs];
  const given = options.gradOutputs;
  const gouts = given === undefined || given instanceof Tensor || typeof given === "number" ? [given] : given;
  if (gouts.length !== outs.length && !(given === undefined)) {
    throw new ArgumentError(`grad: ${outs.length} outputs but ${gouts.length} gradOutputs; give one per output`);
  }
  ins.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new ArgumentError(`grad: input ${i} must be a Tensor, got ${describe(t)}`);
    if (!t.requiresGrad) {
      throw new GradError(`grad: input ${i} (shape ${formatShape(t.shape)}) does not require grad`);
    }
    // The walk captures the gradient of the tensor it finds at the node, so the node must hold t, not its edge.
    t._attach();
  });
  const createGraph = options.createGraph ?? false;
  const live: Tensor[] = [];
  const seeds: Tensor[] = [];
  outs.forEach((o, i) => {
    const which = outs.length === 1 ? "the output" : `output ${i}`;
    if (!(o instanceof Tensor)) throw new ArgumentError(`grad: ${which} must be a Tensor, got ${describe(o)}`);
    const seed = seedFor("grad", o, gouts[i], which);
    if (options.allowUnused && !o.requiresGrad) return;
    checkDifferentiable("grad", o, which);
    live.push(o);
    seeds.push(seed);
  });
  const captured = walk(live, seeds, {
    retainGraph: options.retainGraph ?? createGraph,
    createGraph,
    capture: ins,
    caller: "grad",
  });
  const result = ins.map((t, i) => {
    const g = captured.get(t) ?? null;
    if (g === null && !options.allowUnused) {
      throw new GradError(
        `grad: input ${i} (shape ${formatShape(t.shape)}) is not connected to the outputs through ` +
          `differentiable ops; pass { allowUnused: true } to get null for it`,
      );
    }
    return g;
  });
  return inputs instanceof Tensor ? result[0] : result;
}
