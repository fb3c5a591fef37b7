/**
 * The Tensor: contiguous row-major storage, a shape, a dtype, and its place on the tape. It imports no op: the
 * methods that compute (`add`, `sum`, `backward`, …) are installed on its prototype in one place, `methods.ts`.
 */
import type { DType, Storage } from "./dtype.ts";
import { allocate, dtypeOf } from "./dtype.ts";
import { GradError, ReleasedError, ShapeError } from "./errors.ts";
import { formatTensor, nestedValues } from "./format.ts";
import { formatShape, numel, type Axis, type Shape } from "./shape.ts";
import { noteGradOwner } from "./storage-pool.ts";
import type { Node } from "./tape.ts";

/** A gradient hook: observe the gradient, or return a tensor of the same shape to replace it. */
export type Hook = (grad: Tensor) => Tensor | void;

/** Counts in-place changes to a storage; views share one. */
export interface Version {
  value: number;
}

export type Scalar = Tensor | number;

/**
 * What few tensors have: a name, gradient hooks, retainGrad, a gradient (leaves that require grad, retained
 * non-leaves), a version counter (views, and storages changed in place).
 */
interface TensorExtras {
  label: string | null;
  hooks: Hook[] | null;
  retainsGrad: boolean;
  grad: Tensor | null;
  version: Version | null;
}

const EMPTY = { float64: new Float64Array(0), float32: new Float32Array(0) } as const;

/** @internal The one empty storage of `dtype`: an edge's, and a one-element result's until it gets its own. */
export function emptyStorage(dtype: DType): Storage {
  return EMPTY[dtype];
}

export class Tensor {
  /**
   * @internal The storage, or null while this is a one-element op result kept as the number `_value`: ops on
   * one-element operands compute such a result without a kernel call or a storage (op.ts, `scalarResult`), and
   * `data` makes its storage on first read.
   */
  _data: Storage | null;
  /** @internal The value of a one-element result whose storage is not made yet (`_data` null). */
  _value = 0;
  readonly shape: Shape;
  /** float64 or float32, from the storage's type (kept as a field: ops read it several times each). */
  readonly dtype: DType;
  /** The node that made this tensor, or null for a leaf. Detach and comparison outputs keep theirs for display. */
  node: Node | null = null;
  /** @internal */ _requiresGrad: boolean;
  /** @internal This tensor's edge once made (see `edge`); an edge's is itself. */
  _edge: Tensor | null = null;
  /**
   * @internal A name, hooks, retainGrad, a gradient and a version counter, made on first need (see `_label`,
   * `_hooks`, `_retainsGrad`, `_grad`, `_versionCell`): an op's result has none of them, and a chain of scalar ops
   * keeps a tensor or two per op alive until its backward, which the collector copies; so a tensor carries four
   * fields fewer.
   */
  _extra: TensorExtras | null = null;

  constructor(data: Storage, shape: Shape, requiresGrad = false, version: Version | null = null) {
    this._data = data;
    this.shape = shape;
    this.dtype = dtypeOf(data);
    this._requiresGrad = requiresGrad;
    if (version !== null) this._extras().version = version;
  }

  /**
   * @internal What a node keeps of a tensor its rule does not read: shape, dtype, node and whether it required
   * grad, over an empty storage (no values). Made once per tensor, so every node that holds it holds the same
   * edge. The edge of a leaf that requires grad, or of a tensor that retains its gradient, is the tensor itself:
   * its `.grad` must stay reachable through the graph (listings show it), and its owner holds it anyway. Edges are
   * never handed to user code.
   */
  edge(): Tensor {
    if (this._retainsGrad || (this.node === null && this._requiresGrad)) return this;
    const memo = this._edge;
    if (memo !== null) return memo;
    const e = new Tensor(EMPTY[this.dtype], this.shape, this._requiresGrad);
    e.node = this.node;
    e._label = this._label;
    e._edge = e;
    return (this._edge = e);
  }

  /** The flat row-major values. Views (reshape, detach) share it. */
  get data(): Storage {
    const d = this._data;
    return d !== null ? d : this._materialize();
  }

  /** @internal The one value of a one-element tensor, read without making its storage. */
  get _scalar(): number {
    const d = this._data;
    return d === null ? this._value : d[0];
  }

  private _materialize(): Storage {
    const d = allocate(this.dtype, 1);
    d[0] = this._value;
    return (this._data = d);
  }

  /** @internal See `label`. */
  get _label(): string | null {
    return this._extra === null ? null : this._extra.label;
  }

  set _label(name: string | null) {
    if (name !== null || this._extra !== null) this._extras().label = name;
  }

  /** @internal The gradient hooks (registerHook), or null. */
  get _hooks(): Hook[] | null {
    return this._extra === null ? null : this._extra.hooks;
  }

  set _hooks(hooks: Hook[] | null) {
    if (hooks !== null || this._extra !== null) this._extras().hooks = hooks;
  }

  /** @internal Whether backward keeps this non-leaf's gradient (retainGrad). */
  get _retainsGrad(): boolean {
    return this._extra !== null && this._extra.retainsGrad;
  }

  set _retainsGrad(retains: boolean) {
    if (retains || this._extra !== null) this._extras().retainsGrad = retains;
  }

  /** @internal What `.grad` reads, without the warning (the walk writes it). */
  get _grad(): Tensor | null {
    return this._extra === null ? null : this._extra.grad;
  }

  set _grad(g: Tensor | null) {
    if (g !== null || this._extra !== null) this._extras().grad = g;
  }

  /** @internal Made on first need (a view, or an in-place change); null means version 0, not yet shared. */
  get _versionCell(): Version | null {
    return this._extra === null ? null : this._extra.version;
  }

  private _extras(): TensorExtras {
    return (this._extra ??= { label: null, hooks: null, retainsGrad: false, grad: null, version: null });
  }

  /** @internal Whether this is an edge: a tensor's outline without its values (see `edge`). */
  get _isEdge(): boolean {
    return this._edge === this;
  }

  /**
   * @internal Makes this tensor's node hold the tensor itself, not its edge, so that the walk finds what was set
   * on it after recording (hooks, retainGrad, being an input of `grad`) and listings show its values.
   */
  _attach(): void {
    const node = this.node;
    if (node !== null && this._edge !== null && node.output === this._edge) node.attachOutput(this);
  }

  /** A name shown in tape listings and graphs. */
  get label(): string | null {
    return this._label;
  }

  set label(name: string | null) {
    this._label = name;
    // The nodes that hold this tensor's edge list it under the same name.
    const e = this._edge;
    if (e !== null) e._label = name;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    const d = this._data;
    return d === null ? 1 : d.length;
  }

  /** @internal The bytes of its values: its storage's, or, holding one number (see `_data`), that element's. */
  get _byteLength(): number {
    const d = this._data;
    return d !== null ? d.byteLength : this.dtype === "float32" ? 4 : 8;
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
    // Nodes recorded before keep the edge as it was (as PyTorch's graph keeps its edges); later ones get a new one.
    if (this._edge !== this) this._edge = null;
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
    if (g instanceof Tensor) g._checkLive("grad");
    this._grad = g;
    noteGradOwner(this);
  }

  /** @internal Whether a `tidy` released this tensor's storage (an edge, which never had values, was not). */
  get _released(): boolean {
    const d = this._data;
    return d !== null && d.length === 0 && this._edge !== this && numel(this.shape) !== 0;
  }

  /** @internal Throws ReleasedError, naming `op`, if a `tidy` released this tensor's storage. */
  _checkLive(op: string): void {
    if (!this._released) return;
    throw new ReleasedError(
      `${op}: this tensor (shape ${formatShape(this.shape)}, ${this.dtype}) was made inside a tidy() that has ` +
        `returned, and its memory was released then. Return it from the function given to tidy (alone, or in an ` +
        `array or plain object) to keep it, or use it inside that function`,
    );
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
    const extra = this._extras();
    return (extra.version ??= { value: 0 });
  }

  // -- values ---------------------------------------------------------------------------------------------

  item(): number {
    this._checkLive("item");
    if (this._data === null) return this._value;
    if (this._data.length !== 1) {
      throw new ShapeError(
        `item: only a one-element tensor converts to a number, this one has shape ${formatShape(this.shape)}`,
      );
    }
    return this._data[0];
  }

  /** Nested arrays of numbers (a number for a scalar). */
  toArray(): NestedArray {
    this._checkLive("toArray");
    return nestedValues(this);
  }

  /** A copy of the values as a plain flat array. */
  toFlatArray(): number[] {
    this._checkLive("toFlatArray");
    return Array.from(this.data);
  }

  toString(): string {
    if (this._released) return `tensor(<released by tidy>, shape=${formatShape(this.shape)}, dtype=${this.dtype})`;
    return formatTensor(this);
  }

  // -- autograd -------------------------------------------------------------------------------------------

  /** Calls `hook` with this tensor's gradient during backward; a returned tensor replaces the gradient. */
  registerHook(hook: Hook): { remove(): void } {
    if (!this._requiresGrad) {
      throw new GradError("registerHook: this tensor does not require grad, so no gradient will ever reach it");
    }
    this._attach();
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
    this._attach();
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

