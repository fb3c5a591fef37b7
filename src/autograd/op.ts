/**
 * What every op shares: checking and converting its arguments, and the two families (elementwise binary and
 * unary) that define most ops in a few lines each. An op is a function with its OpDef attached as `.def`.
 */
import { allocate, promote, type DType, type Storage } from "./dtype.ts";
import { describe } from "./describe.ts";
import { ArgumentError } from "./errors.ts";
import type { BinaryFn, Code, UnaryFn } from "./kernels/elementwise.ts";
import { kernels } from "./kernels/index.ts";
import { broadcastShapes, numel, sameShape, type Shape } from "./shape.ts";
import { observer } from "./observer.ts";
import { anyReleased } from "./storage-pool.ts";
import { checkArgLive } from "./tidy.ts";

export { describe };
import { registerOp } from "./registry.ts";
import { nodesMade, record, type Grads, type OpDef } from "./tape.ts";
import { emptyStorage, Tensor, type Scalar } from "./tensor-base.ts";

function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** A new tensor over `data` (not copied). */
export function newTensor(data: Storage, shape: Shape): Tensor {
  return new Tensor(data, shape);
}

/**
 * A one-element result of `dtype` and `shape` (of one element), held as the number `value` (rounded to float32 for
 * a float32 one) until its storage is first read (see `Tensor.data`).
 *
 * NOTE: the elementwise ops compute a one-element result this way, in place of a kernel call, when the kernel
 * would give the same bits: always for float64 (whose kernels apply the same function in JavaScript) and for
 * float32 where the kernel's result is the correctly rounded one (+, −, ×, ÷ and the unary ops without a SIMD
 * form). A chain of scalar ops then makes no typed array per op: making one, and collecting it, was about a third of
 * such a chain's time. A backend installed with `useKernels` therefore sees no one-element call of these ops (but
 * the float32 exp, tanh, sigmoid and relu, which keep their kernels).
 */
export function scalarResult(value: number, dtype: DType, shape: Shape): Tensor {
  const t = new Tensor(emptyStorage(dtype), shape);
  t._data = null;
  t._value = dtype === "float32" ? Math.fround(value) : value;
  return t;
}

/** Zeros of x's shape and dtype. */
export function zerosOf(x: Tensor): Tensor {
  return new Tensor(allocate(x.dtype, x.size), x.shape);
}

/** A tensor of `shape` and `dtype` holding `value` everywhere. */
export function filled(shape: Shape, dtype: DType, value: number): Tensor {
  const data = allocate(dtype, numel(shape));
  data.fill(value);
  return new Tensor(data, shape);
}

/** An op function carrying its definition, so that tables and tests can reach every rule. */
export type Op<F> = F & { readonly def: OpDef<never> };

/**
 * Makes `fn` an op: registers `def` (and the `variants` it also records, under the same name) by name, and routes
 * every call through here, so that tape observers see its forward start and end (with none installed, one null
 * check). The function keeps its name, which checks print (`gradcheck(softplus)`).
 */
export function defineOp<F extends (...args: never) => Tensor, A>(
  fn: F,
  def: OpDef<A>,
  variants: readonly OpDef<never>[] = [],
  kind: "library" | "custom" = "library",
): Op<F> {
  const name = def.name;
  const call = fn as unknown as (...args: unknown[]) => Tensor;
  const observed = (args: unknown[]): Tensor => {
    const o = observer as NonNullable<typeof observer>;
    o.opStart(name);
    const first = nodesMade();
    const out = call(...args);
    const node = out.node;
    o.opEnd(name, out, node !== null && node.id >= first ? node : null);
    return out;
  };
  // NOTE: up to five parameters are passed on as such (no rest array on the hot path); an omitted argument
  // arrives as undefined, which a default parameter treats as omitted. Ops with more, or a rest, take the array.
  // Until a tidy has released something, no argument can be a released tensor, so the check costs one flag read.
  const op = fn.length >= 1 && fn.length <= 5
    ? (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown): Tensor => {
      if (anyReleased) {
        checkArgLive(name, a);
        checkArgLive(name, b);
        checkArgLive(name, c);
        checkArgLive(name, d);
        checkArgLive(name, e);
      }
      return observer === null ? call(a, b, c, d, e) : observed([a, b, c, d, e]);
    }
    : (...args: unknown[]): Tensor => {
      if (anyReleased) for (const a of args) checkArgLive(name, a);
      return observer === null ? call(...args) : observed(args);
    };
  Object.defineProperty(op, "name", { value: fn.name });
  registerOp(op, def as OpDef<never>, variants, kind);
  return Object.assign(op, { def: def as OpDef<never> }) as unknown as Op<F>;
}

/** Checks that `x` is a tensor. */
export function asTensor(op: string, x: unknown, which = "the input"): Tensor {
  if (isTensor(x)) return x;
  throw new ArgumentError(`${op}: ${which} must be a Tensor, got ${describe(x)}`);
}

/** The shape of every scalar made from a plain number (shapes are never mutated, so one array serves). */
const SCALAR: readonly number[] = [];

/** A tensor, or a plain number made into a scalar tensor of `dtype`. */
export function asOperand(op: string, x: unknown, dtype: DType, which: string): Tensor {
  if (isTensor(x)) return x;
  if (typeof x === "number") {
    const data = allocate(dtype, 1);
    data[0] = x;
    return newTensor(data, SCALAR);
  }
  throw new ArgumentError(`${op}: ${which} must be a Tensor or a number, got ${describe(x)}`);
}

/** The two operands of a binary op; a number takes the dtype of the tensor beside it. */
export function operands(op: string, a: unknown, b: unknown): [Tensor, Tensor] {
  const like = isTensor(a) ? a.dtype : isTensor(b) ? b.dtype : "float64";
  return [asOperand(op, a, like, "the first operand"), asOperand(op, b, like, "the second operand")];
}

export function checkNumber(op: string, x: unknown, which: string): number {
  if (typeof x !== "number" || Number.isNaN(x)) {
    throw new ArgumentError(`${op}: ${which} must be a number, got ${describe(x)}`);
  }
  return x;
}

/**
 * The gradients of a binary op's two operands, each given the output's gradient `g`, both operands and the output;
 * the operand whose gradient is asked is a tensor, the other may be a plain number.
 */
export type OperandGrads = readonly [
  (gOut: Tensor, a: Tensor, b: Scalar, out: Tensor) => Tensor,
  (gOut: Tensor, a: Scalar, b: Tensor, out: Tensor) => Tensor,
];

export interface BinarySpec {
  readonly name: string;
  readonly formula: string;
  readonly code: Code;
  readonly f: BinaryFn;
  /**
   * The gradient of a and of b, each called only for an operand that is a tensor requiring grad (so the other one
   * may be a plain number: the op was called with one); null for ops without a derivative (comparisons). One rule
   * per operand, so that a node with one tensor operand makes one gradient and no array beyond the tape's.
   */
  readonly backward: OperandGrads | null;
  readonly savesInputs: boolean;
}

/**
 * Where the kernel reads a lone plain-number operand from, one slot per dtype (a float32 slot rounds the number
 * as a float32 tensor of it would). The kernel only reads it during the call, so no tensor is made for it.
 */
const NUMBER_SLOT = { float64: new Float64Array(1), float32: new Float32Array(1) } as const;

/**
 * Elementwise binary op with NumPy broadcasting; the tape sums gradients back to each operand's shape.
 *
 * NOTE: with one tensor and one plain number (`x.mul(0.5)`, `sub(1, y)`), the number is no tensor and no input:
 * the node records it as its attrs under a variant of the def with `numberAt` set, whose rule hands the number
 * back to the op's rule in its place. A chain of such ops then keeps an output and a node per op and nothing
 * more alive (no tensor per number); `introspect` still lists the number as a constant leaf.
 */
export function binaryOp(spec: BinarySpec): Op<(a: Scalar, b: Scalar) => Tensor> {
  const rules = spec.backward;
  const base = { name: spec.name, formula: spec.formula, savesInputs: spec.savesInputs };
  const def: OpDef = {
    ...base,
    backward: rules === null ? null : (g, [a, b], out) => [
      a._requiresGrad ? rules[0](g, a, b, out) : null,
      b._requiresGrad ? rules[1](g, a, b, out) : null,
    ],
  };
  const numberRight: OpDef<number> = {
    ...base,
    numberAt: 1,
    backward: rules === null ? null : (g, [a], out, b) => (a._requiresGrad ? rules[0](g, a, b, out) : [null]),
  };
  const numberLeft: OpDef<number> = {
    ...base,
    numberAt: 0,
    backward: rules === null ? null : (g, [b], out, a) => (b._requiresGrad ? rules[1](g, a, b, out) : [null]),
  };
  const f = spec.f;
  const withNumber = (x: Tensor, c: number, at: 0 | 1): Tensor => {
    if (x.size === 1) {
      const n = x.dtype === "float32" ? Math.fround(c) : c;
      const v = at === 1 ? f(x._scalar, n) : f(n, x._scalar);
      return record(at === 1 ? numberRight : numberLeft, [x], scalarResult(v, x.dtype, x.shape), c);
    }
    const slot = NUMBER_SLOT[x.dtype];
    slot[0] = c;
    const out = allocate(x.dtype, x.size);
    if (at === 1) kernels.binary(spec.code, spec.f, x.data, x.shape, slot, SCALAR, out, x.shape);
    else kernels.binary(spec.code, spec.f, slot, SCALAR, x.data, x.shape, out, x.shape);
    return record(at === 1 ? numberRight : numberLeft, [x], newTensor(out, x.shape), c);
  };
  const fn = (x: Scalar, y: Scalar): Tensor => {
    if (isTensor(x) && typeof y === "number") return withNumber(x, y, 1);
    if (typeof x === "number" && isTensor(y)) return withNumber(y, x, 0);
    const like = isTensor(x) ? x.dtype : isTensor(y) ? y.dtype : "float64";
    const a = asOperand(spec.name, x, like, "the first operand");
    const b = asOperand(spec.name, y, like, "the second operand");
    const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(spec.name, a.shape, b.shape);
    const dtype = promote(a.dtype, b.dtype);
    if (a.size === 1 && b.size === 1) return record(def, [a, b], scalarResult(f(a._scalar, b._scalar), dtype, shape), undefined);
    const out = allocate(dtype, numel(shape));
    kernels.binary(spec.code, spec.f, a.data, a.shape, b.data, b.shape, out, shape);
    return record(def, [a, b], newTensor(out, shape), undefined);
  };
  return defineOp(fn, def, [numberRight as OpDef<never>, numberLeft as OpDef<never>]);
}

export interface UnarySpec {
  readonly name: string;
  readonly formula: string;
  readonly f: UnaryFn;
  /** The gradient of x, given the output (which many rules reuse). */
  readonly backward: (gOut: Tensor, x: Tensor, out: Tensor) => Tensor;
  readonly savesInputs: boolean;
  /** Whether the rule reads the output. */
  readonly savesOutput?: boolean;
  /** The op's own kernel (relu's, with its float32 SIMD form), instead of `kernels.unary` with `f`. */
  readonly kernel?: (x: Storage, out: Storage) => void;
}

export function unaryOp(spec: UnarySpec): Op<(x: Tensor) => Tensor> {
  const rule = spec.backward;
  const own = spec.kernel;
  const def: OpDef = {
    name: spec.name,
    formula: spec.formula,
    savesInputs: spec.savesInputs,
    savesOutput: spec.savesOutput ?? false,
    backward: (g, inputs, out) => rule(g, inputs[0], out),
  };
  const f = spec.f;
  const fn = (input: Tensor): Tensor => {
    const x = asTensor(spec.name, input);
    if (x.size === 1 && (own === undefined || x.dtype === "float64")) {
      return record(def, [x], scalarResult(f(x._scalar), x.dtype, x.shape), undefined);
    }
    const out = allocate(x.dtype, x.size);
    if (own !== undefined) own(x.data, out);
    else kernels.unary(spec.f, x.data, out);
    return record(def, [x], newTensor(out, x.shape), undefined);
  };
  return defineOp(fn, def);
}
