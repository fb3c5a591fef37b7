/**
 * The Tensor: contiguous row-major storage, a shape, a dtype, and its place on the tape. Every method that
 * computes calls one op from `ops/`; the tensor itself holds no math.
 */
import type { DType, Storage } from "./dtype.ts";
import { dtypeOf } from "./dtype.ts";
import { GradError, ShapeError } from "./errors.ts";
import { formatTensor, nestedValues } from "./format.ts";
import * as ops from "./ops/index.ts";
import { formatShape, type Axis, type Shape } from "./shape.ts";
import { registerTensorClass } from "./tensor-class.ts";
import type { Node } from "./tape.ts";
import { backward as runBackward, type BackwardOptions } from "./grad.ts";

/** A gradient hook: observe the gradient, or return a tensor of the same shape to replace it. */
export type Hook = (grad: Tensor) => Tensor | void;

/** Counts in-place changes to a storage; views share one. */
export interface Version {
  value: number;
}

export type Scalar = Tensor | number;

export class Tensor {
  /** The flat row-major values. Views (reshape, detach) share it. */
  readonly data: Storage;
  readonly shape: Shape;
  /** float64 or float32, from the storage's type (kept as a field: ops read it several times each). */
  readonly dtype: DType;
  /** The node that made this tensor, or null for a leaf. Detach and comparison outputs keep theirs for display. */
  node: Node | null = null;
  /** @internal What `.grad` reads, without the warning (the walk writes it). */
  _grad: Tensor | null = null;
  /** A name shown in tape listings and graphs. */
  label: string | null = null;
  /** @internal */ _requiresGrad: boolean;
  /** @internal Made on first need (a view, or an in-place change); null means version 0, not yet shared. */
  _versionCell: Version | null;
  /** @internal */ _hooks: Hook[] | null = null;
  /** @internal */ _retainsGrad = false;

  constructor(data: Storage, shape: Shape, requiresGrad = false, version: Version | null = null) {
    this.data = data;
    this.shape = shape;
    this.dtype = dtypeOf(data);
    this._requiresGrad = requiresGrad;
    this._versionCell = version;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return this.data.length;
  }

  /** True when gradients flow into this tensor. Settable on leaves only. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  set requiresGrad(value: boolean) {
    if (!this.isLeaf) {
      throw new GradError(
        `requiresGrad: can only be changed on a leaf tensor; this one was made by '${this.node?.def.name}'. ` +
          `Use .detach() to get a leaf that shares its values`,
      );
    }
    // A detach or comparison output keeps its node for display only; requiring grad makes it a leaf of its own.
    if (value) this.node = null;
    this._requiresGrad = value;
  }

  /**
   * The accumulated gradient of a leaf (or of a non-leaf after `retainGrad()`). A non-leaf keeps none: reading
   * it gives null and warns once per tensor with the remedy, as PyTorch does.
   */
  get grad(): Tensor | null {
    if (this._grad === null && !this._retainsGrad && !this.isLeaf) warnNonLeafGrad(this);
    return this._grad;
  }

  set grad(g: Tensor | null) {
    this._grad = g;
  }

  /** A tensor made by the user (or by an op nothing required grad for), not by a recorded differentiable op. */
  get isLeaf(): boolean {
    return this.node === null || !this._requiresGrad;
  }

  /** The op that made this tensor, as PyTorch's `grad_fn`: its name, or null for a leaf. */
  get gradFn(): string | null {
    return this.node !== null && this._requiresGrad ? this.node.def.name : null;
  }

  /** How many in-place changes this storage has seen. */
  get version(): number {
    return this._versionCell === null ? 0 : this._versionCell.value;
  }

  /** @internal The version counter, to share with a view of the same storage (made here if need be). */
  get _version(): Version {
    return (this._versionCell ??= { value: 0 });
  }

  // -- values ---------------------------------------------------------------------------------------------

  item(): number {
    if (this.data.length !== 1) {
      throw new ShapeError(
        `item: only a one-element tensor converts to a number, this one has shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0];
  }

  /** Nested arrays of numbers (a number for a scalar). */
  toArray(): NestedArray {
    return nestedValues(this);
  }

  /** A copy of the values as a plain flat array. */
  toFlatArray(): number[] {
    return Array.from(this.data);
  }

  toString(): string {
    return formatTensor(this);
  }

  // -- arithmetic -----------------------------------------------------------------------------------------

  add(other: Scalar): Tensor {
    return ops.add(this, other);
  }
  sub(other: Scalar): Tensor {
    return ops.sub(this, other);
  }
  mul(other: Scalar): Tensor {
    return ops.mul(this, other);
  }
  div(other: Scalar): Tensor {
    return ops.div(this, other);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  pow(exponent: number): Tensor {
    return ops.pow(this, exponent);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  abs(): Tensor {
    return ops.abs(this);
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  clamp(min: number | null, max?: number | null): Tensor {
    return ops.clamp(this, min, max ?? null);
  }
  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }

  // -- reductions -----------------------------------------------------------------------------------------

  sum(axis?: Axis, keepdim = false): Tensor {
    return ops.sum(this, axis, keepdim);
  }
  mean(axis?: Axis, keepdim = false): Tensor {
    return ops.mean(this, axis, keepdim);
  }
  max(axis?: Axis, keepdim = false): Tensor {
    return ops.max(this, axis, keepdim);
  }
  min(axis?: Axis, keepdim = false): Tensor {
    return ops.min(this, axis, keepdim);
  }
  logsumexp(axis?: Axis, keepdim = false): Tensor {
    return ops.logsumexp(this, axis, keepdim);
  }
  softmax(axis = -1): Tensor {
    return ops.softmax(this, axis);
  }
  logSoftmax(axis = -1): Tensor {
    return ops.logSoftmax(this, axis);
  }

  // -- shape ----------------------------------------------------------------------------------------------

  reshape(shape: readonly number[]): Tensor {
    return ops.reshape(this, shape);
  }
  view(shape: readonly number[]): Tensor {
    return ops.reshape(this, shape);
  }
  flatten(): Tensor {
    return ops.reshape(this, [-1]);
  }
  /** Swaps two axes (the last two by default; a 2-D tensor's transpose). */
  transpose(dim0 = -2, dim1 = -1): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  permute(dims: readonly number[]): Tensor {
    return ops.permute(this, dims);
  }
  broadcastTo(shape: readonly number[]): Tensor {
    return ops.broadcastTo(this, shape);
  }
  /** The sum of this tensor over the dimensions that broadcasting to its shape would add. */
  sumTo(shape: readonly number[]): Tensor {
    return ops.sumTo(this, shape);
  }
  squeeze(axis?: Axis): Tensor {
    return ops.squeeze(this, axis);
  }
  unsqueeze(axis: number): Tensor {
    return ops.unsqueeze(this, axis);
  }
  /** Elements start ≤ i < end (step apart) along `axis`; negative indices count from the end. */
  slice(axis: number, start: number, end?: number, step = 1): Tensor {
    return ops.slice(this, axis, start, end, step);
  }
  /** The sub-tensor at `index` along `axis`, with that axis removed. */
  select(axis: number, index: number): Tensor {
    return ops.select(this, axis, index);
  }
  gather(axis: number, index: ops.IndexLike): Tensor {
    return ops.gather(this, axis, index);
  }
  /** A copy with another dtype (differentiable; the gradient comes back in this tensor's dtype). */
  to(dtype: DType): Tensor {
    return ops.cast(this, dtype);
  }

  // -- comparisons (masks of 1 and 0, no gradient) --------------------------------------------------------

  gt(other: Scalar): Tensor {
    return ops.gt(this, other);
  }
  ge(other: Scalar): Tensor {
    return ops.ge(this, other);
  }
  lt(other: Scalar): Tensor {
    return ops.lt(this, other);
  }
  le(other: Scalar): Tensor {
    return ops.le(this, other);
  }
  eq(other: Scalar): Tensor {
    return ops.eq(this, other);
  }
  ne(other: Scalar): Tensor {
    return ops.ne(this, other);
  }

  // -- autograd -------------------------------------------------------------------------------------------

  /** The same values, cut from the tape: gradients stop here, at every order. */
  detach(): Tensor {
    return ops.detach(this);
  }

  /** Backpropagates from this tensor, accumulating into the `.grad` of every leaf that requires grad. */
  backward(gradOutput?: Tensor | number, options: Partial<BackwardOptions> = {}): void {
    runBackward(this, gradOutput, options);
  }

  /** Calls `hook` with this tensor's gradient during backward; a returned tensor replaces the gradient. */
  registerHook(hook: Hook): { remove(): void } {
    if (!this._requiresGrad) {
      throw new GradError("registerHook: this tensor does not require grad, so no gradient will ever reach it");
    }
    (this._hooks ??= []).push(hook);
    return {
      remove: () => {
        const i = this._hooks?.indexOf(hook) ?? -1;
        if (i >= 0) this._hooks?.splice(i, 1);
      },
    };
  }

  /** Keeps the gradient of a non-leaf in `.grad` after backward. */
  retainGrad(): this {
    if (!this._requiresGrad) throw new GradError("retainGrad: this tensor does not require grad");
    this._retainsGrad = true;
    return this;
  }

  /** Clears `.grad`. */
  zeroGrad(): void {
    this._grad = null;
  }

  /** Records an in-place change: backward refuses to use a saved value whose version moved. */
  bumpVersion(): void {
    this._version.value++;
  }
}

export type NestedArray = number | NestedArray[];

const warnedGrad = new WeakSet<Tensor>();

function warnNonLeafGrad(t: Tensor): void {
  if (warnedGrad.has(t)) return;
  warnedGrad.add(t);
  console.warn(
    `tapegrad: .grad of a non-leaf tensor (made by '${t.node?.def.name}', shape ${formatShape(t.shape)}) is not ` +
      `kept by backward and reads null; call .retainGrad() on it before backward to keep it, or use grad()`,
  );
}

registerTensorClass(Tensor);
