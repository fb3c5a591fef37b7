/**
 * The base of every optimizer: the parameter list, the learning rate (which schedulers change), zeroGrad, and the
 * checks on construction. Subclasses update `.data` in place in `step()` through the kernels' updates (`sgdStep`,
 * `adamStep`) with state buffers that are allocated on a parameter's first step and reused after, and one reused
 * arguments object, so a steady-state step allocates nothing;
 * each update bumps the parameter's version, so a graph that saved the old values refuses to backpropagate.
 */
import { allocateOwned, type Storage } from "../../autograd/dtype.ts";
import { ArgumentError, DTypeError, ShapeError } from "../../autograd/errors.ts";
import { formatShape, sameShape } from "../../autograd/shape.ts";
import { Tensor } from "../../autograd/tensor.ts";

export abstract class Optimizer {
  readonly params: readonly Tensor[];
  /** The learning rate of the next step; schedulers set it. */
  lr: number;

  constructor(readonly name: string, params: Iterable<Tensor>, lr: number) {
    if (params === null || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== "function") {
      throw new ArgumentError(`${name}: params must be an array of tensors (e.g. model.parameters())`);
    }
    const list = [...params];
    if (list.length === 0) throw new ArgumentError(`${name}: got an empty parameter list`);
    list.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new ArgumentError(`${name}: parameter ${i} is not a Tensor`);
      if (!p.requiresGrad || !p.isLeaf) {
        throw new ArgumentError(
          `${name}: parameter ${i} is not a leaf that requires grad; optimize leaves made with { requiresGrad: true }`,
        );
      }
    });
    if (new Set(list).size !== list.length) throw new ArgumentError(`${name}: a parameter appears more than once`);
    this.params = list;
    this.lr = checkNonNegative(name, "lr", lr);
  }

  /** Applies one update to every parameter that has a gradient. */
  abstract step(): void;

  /**
   * Checks every gradient against its parameter before a step writes anything: a `.grad` set by hand to another
   * shape or dtype would otherwise be read out of bounds (NaN) or half-applied. A plain loop: a step allocates nothing.
   */
  protected checkGrads(): void {
    const ps = this.params;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      const g = p.grad;
      if (g === null) continue;
      if (!(g instanceof Tensor)) throw new ArgumentError(`${this.name}.step: parameter ${i}'s .grad is not a Tensor`);
      if (!sameShape(g.shape, p.shape)) {
        throw new ShapeError(
          `${this.name}.step: parameter ${i} has shape ${formatShape(p.shape)} but its .grad has shape ` +
            `${formatShape(g.shape)}; set .grad to a tensor of the parameter's shape (or null to skip it)`,
        );
      }
      if (g.dtype !== p.dtype) {
        throw new DTypeError(
          `${this.name}.step: parameter ${i} is ${p.dtype} but its .grad is ${g.dtype}; convert it with .to("${p.dtype}")`,
        );
      }
    }
  }

  /** Clears every parameter's gradient (PyTorch's set_to_none, so the next backward stores a fresh one). */
  zeroGrad(): void {
    const ps = this.params;
    for (let i = 0; i < ps.length; i++) ps[i].grad = null;
  }
}

export function checkNonNegative(name: string, what: string, v: unknown): number {
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)) {
    throw new ArgumentError(`${name}: ${what} must be a finite number ≥ 0, got ${String(v)}`);
  }
  return v;
}

export function checkBeta(name: string, what: string, v: unknown): number {
  if (typeof v !== "number" || !(v >= 0 && v < 1)) {
    throw new ArgumentError(`${name}: ${what} must be in [0, 1), got ${String(v)}`);
  }
  return v;
}

/** A zeroed buffer shaped like p's storage, for optimizer state (kept for the whole run, so its own). */
export function stateBuffer(p: Tensor): Storage {
  return allocateOwned(p.dtype, p.size);
}
