/**
 * User-defined ops: a forward on plain tensors and a backward rule written with tensor ops, recorded as one node
 * whose name is the op's own, so tape listings show it beside the built-in ops.
 *
 * The tape does the rest as for any op: it checks that the rule returns one gradient per input and that each has
 * its input's shape (or one that broadcasts to it, which it sums back), and with `createGraph` it records the
 * rule's own ops, so gradients of gradients flow through a custom rule written with tensor ops.
 */
import { describe } from "./describe.ts";
import { ArgumentError, GradError } from "./errors.ts";
import { noGrad } from "./mode.ts";
import { asTensor, defineOp, type Op } from "./op.ts";
import { formatShape } from "./shape.ts";
import { record, type Grads, type OpDef } from "./tape.ts";
import { Tensor } from "./tensor-base.ts";

export interface CustomOpSpec {
  /** Shown in tape listings and named by every error about the op. */
  readonly name: string;
  /** The op's math and its gradient in one line, for listings (defaults to the name). */
  readonly formula?: string;
  /** Computes the output from plain tensors (nothing is recorded while it runs). */
  forward(inputs: readonly Tensor[]): Tensor;
  /** One gradient (or null: none) per input, given the output's gradient; written with tensor ops. */
  backward(gOut: Tensor, inputs: readonly Tensor[], output: Tensor): Grads;
  /**
   * Whether the rule reads the inputs' values (default true): if so, changing an input in place between forward
   * and backward is an error rather than a silently wrong gradient. If not, the node keeps only their shapes and
   * dtypes, and the rule's `inputs` hold no values (`data` is empty).
   */
  readonly savesInputs?: boolean;
  /** Whether the rule reads the output's values (default true); guarded the same way, and kept only if so. */
  readonly savesOutput?: boolean;
}

export type CustomOp = Op<(...inputs: Tensor[]) => Tensor>;

/** A tensor sharing `t`'s storage and version, off the tape: what forward sees, and what it may return. */
function plain(t: Tensor): Tensor {
  return new Tensor(t.data, t.shape, false, t._version);
}

/** Defines an op from a forward and a backward rule; the result is called with the input tensors. */
export function customOp(spec: CustomOpSpec): CustomOp {
  if (spec === null || typeof spec !== "object") throw new ArgumentError("customOp: give { name, forward, backward }");
  const { name } = spec;
  if (typeof name !== "string" || name === "") throw new ArgumentError("customOp: name must be a non-empty string");
  for (const key of ["forward", "backward"] as const) {
    if (typeof spec[key] !== "function") {
      throw new ArgumentError(`customOp '${name}': ${key} must be a function, got ${describe(spec[key])}`);
    }
  }
  const def: OpDef = {
    name,
    formula: spec.formula ?? name,
    savesInputs: spec.savesInputs ?? true,
    savesOutput: spec.savesOutput ?? true,
    backward: (gOut, inputs, output) => checkGrads(name, spec.backward(gOut, inputs, output), inputs),
  };
  const fn = (...args: Tensor[]): Tensor => {
    const inputs = args.map((x, i) => asTensor(name, x, `input ${i}`));
    const result: unknown = noGrad(() => spec.forward(inputs.map(plain)));
    if (!(result instanceof Tensor)) {
      throw new ArgumentError(`${name}: forward must return a Tensor, got ${describe(result)}`);
    }
    // NOTE: a fresh tensor even when forward returns an input unchanged, so the node never lands on an input.
    return record(def, inputs, plain(result), undefined);
  };
  Object.defineProperty(fn, "name", { value: name }); // so that checks name the op: gradcheck(softplus)
  return defineOp(fn, def, [], "custom");
}

/** The rule's result must be a list of tensors or nulls; the tape then checks its length and every shape. */
function checkGrads(name: string, grads: unknown, inputs: readonly Tensor[]): Grads {
  if (!Array.isArray(grads)) {
    throw new GradError(
      `${name}: the backward rule returned ${describe(grads)}; return an array with one gradient (or null) per ` +
        `input (${inputs.length} here)`,
    );
  }
  grads.forEach((g: unknown, i) => {
    if (g !== null && g !== undefined && !(g instanceof Tensor)) {
      const shape = i < inputs.length ? ` of shape ${formatShape(inputs[i].shape)}` : "";
      throw new GradError(
        `${name}: the backward rule returned ${describe(g)} as the gradient of input ${i}${shape}; ` +
          `return a Tensor (or null for no gradient)`,
      );
    }
  });
  return grads as Grads;
}
