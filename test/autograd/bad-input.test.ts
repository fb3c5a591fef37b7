/**
 * Bad input, driven at random: sequences of op calls on a pool of tensors of random shapes and dtypes, with
 * arguments that are often incompatible (wrong ranks, bad axes, shapes that do not broadcast, bad reshape sizes,
 * out-of-range indices) or not what the op takes at all (strings, arrays, undefined, NaN, objects).
 *
 * For every call the test predicts, from the op's documented rule written out again here, either the result's
 * shape or that the call is invalid. Then:
 *   - a call predicted valid must succeed with exactly that shape (and a dtype from the promotion rule);
 *   - a call predicted invalid must throw one of the engine's errors (a TapegradError), never a TypeError or
 *     RangeError from deep inside, whose message starts with the op's name and names a shape or value involved.
 * Successful results join the pool, so later calls chain on them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { TapegradError } from "../../src/autograd/errors.ts";
import { backward } from "../../src/autograd/grad.ts";
import * as ops from "../../src/autograd/ops/index.ts";
import { Tensor } from "../../src/autograd/tensor.ts";

type Shape = readonly number[];
/** An argument that is not what the op takes. */
const JUNK: readonly unknown[] = ["abc", undefined, null, NaN, Infinity, [1, 2], [[1]], {}, true, 1.5, -1, 2 ** 40];

interface Material {
  readonly op: string;
  /** Which pool tensors the call reads (modulo the pool size). */
  readonly picks: readonly number[];
  /** For each argument position, junk to put there instead of a tensor, or -1. */
  readonly junk: readonly number[];
  /** Small integers for axes, indices, exponents. */
  readonly ints: readonly number[];
  /** A shape argument (may hold -1 or other negatives). */
  readonly shape: readonly number[];
  readonly flag: boolean;
}

const fmt = (s: Shape): string => `[${s.join(", ")}]`;
const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);
const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);

/** NumPy broadcasting, or null. */
function broadcast(...shapes: Shape[]): number[] | null {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const k = nd - s.length + i;
      if (s[i] === out[k] || s[i] === 1) continue;
      if (out[k] !== 1) return null;
      out[k] = s[i];
    }
  }
  return out;
}

/** An axis made non-negative, or null when out of range (a scalar takes 0 and -1). */
function axisOf(a: unknown, ndim: number): number | null {
  const n = Math.max(ndim, 1);
  if (!isInt(a) || a < -n || a >= n) return null;
  return a < 0 ? a + n : a;
}

/** What a call should give: a shape (and dtype), success with no value ("void"), or "invalid". */
type Prediction = { readonly shape: Shape; readonly dtype?: string } | "void" | "invalid";

interface Call {
  readonly names: readonly string[];
  readonly run: () => unknown;
  readonly predict: Prediction;
  /** The arguments, to check that an error names one of them. */
  readonly args: readonly unknown[];
}

const BINARY = ["add", "sub", "mul", "div", "gt", "ge", "lt", "le", "eq", "ne"] as const;
const UNARY = ["neg", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu", "detach"] as const;
const REDUCE = ["sum", "mean", "max", "min", "logsumexp"] as const;
const OPS = [
  ...BINARY, ...UNARY, ...REDUCE, "pow", "clamp", "matmul", "softmax", "logSoftmax", "reshape", "transpose",
  "permute", "broadcastTo", "sumTo", "squeeze", "unsqueeze", "concat", "stack", "slice", "select", "gather", "to",
  "where", "backward",
] as const;

function dtypeOf(...xs: unknown[]): string {
  const ts = xs.filter((x): x is Tensor => x instanceof Tensor);
  return ts.length > 0 && ts.every((t) => t.dtype === "float32") ? "float32" : "float64";
}

/** Builds one call from raw material and the pool. */
function makeCall(m: Material, pool: readonly Tensor[]): Call {
  const arg = (i: number): unknown => (m.junk[i] >= 0 ? JUNK[m.junk[i]] : pool[m.picks[i] % pool.length]);
  const x = arg(0);
  const y = arg(1);
  const z = arg(2);
  const [i0, i1, i2, i3] = m.ints;
  const isT = (v: unknown): v is Tensor => v instanceof Tensor;
  const call = (names: readonly string[], run: () => unknown, predict: Prediction, args: unknown[]): Call => ({
    names,
    run,
    predict,
    args,
  });
  const op = m.op;
  if ((BINARY as readonly string[]).includes(op)) {
    // Method form on a tensor, function form otherwise (the first operand may then be a number).
    const other = m.flag ? i0 : y;
    const fn = (ops as unknown as Record<string, (a: unknown, b: unknown) => Tensor>)[op];
    const ok = (v: unknown) => isT(v) || typeof v === "number";
    const s = ok(x) && ok(other) ? broadcast(isT(x) ? x.shape : [], isT(other) ? other.shape : []) : null;
    return call([op], () => fn(x, other), s === null ? "invalid" : { shape: s, dtype: dtypeOf(x, other) }, [x, other]);
  }
  if ((UNARY as readonly string[]).includes(op)) {
    const run = () => (isT(x) ? (x as unknown as Record<string, () => Tensor>)[op]() : (ops as unknown as Record<string, (t: unknown) => Tensor>)[op](x));
    return call([op], run, isT(x) ? { shape: x.shape, dtype: x.dtype } : "invalid", [x]);
  }
  if ((REDUCE as readonly string[]).includes(op)) {
    const axis: unknown = m.junk[1] >= 0 ? JUNK[m.junk[1]] : m.flag ? undefined : m.shape.length > 1 ? m.shape.slice(0, 2) : i0;
    const keepdim = i1 % 2 === 0;
    let predict: Prediction = "invalid";
    const list = isT(x) && axis === undefined ? x.shape.map((_, k) => k) : typeof axis === "number" ? [axis] :
      Array.isArray(axis) ? (axis as unknown[]) : null;
    if (isT(x) && list !== null) {
      const axes = list.map((a) => axisOf(a, x.ndim));
      const valid = axes.every((a) => a !== null) && new Set(axes).size === axes.length;
      const shape = x.shape.flatMap((d, k) => (axes.includes(k) ? (keepdim ? [1] : []) : [d]));
      // The max or min of no elements is undefined (PyTorch refuses it too), unless there is no output either.
      const reduced = numel(x.shape.filter((_, k) => axes.includes(k)));
      const empty = (op === "max" || op === "min") && reduced === 0 && numel(shape) > 0;
      if (valid && !empty) predict = { shape: x.ndim === 0 ? [] : shape, dtype: x.dtype };
    }
    return call([op], () => (ops as never as Record<string, (...a: unknown[]) => Tensor>)[op](x, axis, keepdim), predict, [x, axis]);
  }
  switch (op) {
    case "pow": {
      const e = m.junk[1] >= 0 ? JUNK[m.junk[1]] : i0 / 2;
      const valid = isT(x) && typeof e === "number" && !Number.isNaN(e);
      return call(["pow"], () => ops.pow(x as Tensor, e as number), valid ? { shape: (x as Tensor).shape } : "invalid", [x, e]);
    }
    case "clamp": {
      const lo = m.junk[1] >= 0 ? JUNK[m.junk[1]] : m.flag ? null : i0;
      const hi = m.junk[2] >= 0 ? JUNK[m.junk[2]] : i1;
      // An omitted bound (undefined) is no bound, like null.
      const bound = (v: unknown): number | null | "bad" =>
        v === null || v === undefined ? null : typeof v === "number" && !Number.isNaN(v) ? v : "bad";
      const [l, h] = [bound(lo), bound(hi)];
      const valid = isT(x) && l !== "bad" && h !== "bad" && !(l === null && h === null) && !(l !== null && h !== null && l > h);
      return call(["clamp"], () => ops.clamp(x as Tensor, lo as number, hi as number), valid ? { shape: (x as Tensor).shape } : "invalid", [x, lo, hi]);
    }
    case "matmul": {
      let predict: Prediction = "invalid";
      if (isT(x) && isT(y) && x.ndim >= 2 && x.ndim <= 3 && y.ndim >= 2 && y.ndim <= 3) {
        const [mr, k] = x.shape.slice(-2);
        const [k2, n] = y.shape.slice(-2);
        const batch = x.ndim === 3 && y.ndim === 3 ? (x.shape[0] === y.shape[0] ? x.shape[0] : -1) :
          x.ndim === 3 ? x.shape[0] : y.ndim === 3 ? y.shape[0] : null;
        if (k === k2 && batch !== -1) predict = { shape: batch === null ? [mr, n] : [batch, mr, n], dtype: dtypeOf(x, y) };
      }
      return call(["matmul"], () => ops.matmul(x as Tensor, y as Tensor), predict, [x, y]);
    }
    case "softmax":
    case "logSoftmax": {
      const axis = m.junk[1] >= 0 ? JUNK[m.junk[1]] : i0;
      const valid = isT(x) && axisOf(axis === undefined ? -1 : axis, x.ndim) !== null; // omitted: the last axis
      const fn = op === "softmax" ? ops.softmax : ops.logSoftmax;
      return call([op], () => fn(x as Tensor, axis as number), valid ? { shape: (x as Tensor).shape } : "invalid", [x, axis]);
    }
    case "reshape": {
      const shape = m.junk[1] >= 0 ? JUNK[m.junk[1]] : m.shape;
      let predict: Prediction = "invalid";
      if (isT(x) && Array.isArray(shape) && shape.every((d) => isInt(d) && d >= -1)) {
        const dims = shape as number[];
        const unknown = dims.filter((d) => d === -1).length;
        const known = numel(dims.filter((d) => d !== -1));
        if (unknown === 0 && known === x.size) predict = { shape: dims };
        if (unknown === 1 && known > 0 && x.size % known === 0) predict = { shape: dims.map((d) => (d === -1 ? x.size / known : d)) };
      }
      return call(["reshape"], () => ops.reshape(x as Tensor, shape as number[]), predict, [x, shape]);
    }
    case "transpose": {
      const [d0, d1] = m.flag ? [-2, -1] : [i0, i1];
      let predict: Prediction = "invalid";
      if (isT(x) && !(x.ndim < 2 && m.flag)) {
        const a = axisOf(d0, x.ndim);
        const b = axisOf(d1, x.ndim);
        if (a !== null && b !== null && (x.ndim > 0 || true)) {
          const s = [...x.shape];
          if (x.ndim > 0) [s[a], s[b]] = [s[b], s[a]];
          predict = { shape: s };
        }
      }
      return call(["transpose", "permute"], () => ops.transpose(x as Tensor, d0, d1), predict, [x, d0, d1]);
    }
    case "permute": {
      const dims = m.junk[1] >= 0 ? JUNK[m.junk[1]] : m.shape;
      let predict: Prediction = "invalid";
      if (isT(x) && Array.isArray(dims) && dims.length === x.ndim) {
        const p = dims.map((d) => axisOf(d, x.ndim));
        if (p.every((d) => d !== null) && new Set(p).size === p.length) predict = { shape: p.map((d) => x.shape[d as number]) };
      }
      return call(["permute"], () => ops.permute(x as Tensor, dims as number[]), predict, [x, dims]);
    }
    case "broadcastTo":
    case "sumTo": {
      const shape = m.junk[1] >= 0 ? JUNK[m.junk[1]] : m.flag && isT(y) ? y.shape : m.shape;
      let predict: Prediction = "invalid";
      if (isT(x) && Array.isArray(shape) && shape.every((d) => isInt(d) && d >= 0)) {
        const [from, to] = op === "broadcastTo" ? [x.shape, shape as number[]] : [shape as number[], x.shape];
        const b = broadcast(from, to);
        if (b !== null && b.length === to.length && b.every((d, k) => d === to[k])) predict = { shape: shape as number[] };
      }
      const fn = op === "broadcastTo" ? ops.broadcastTo : ops.sumTo;
      return call([op], () => fn(x as Tensor, shape as number[]), predict, [x, shape]);
    }
    case "squeeze": {
      const axis = m.flag ? undefined : m.junk[1] >= 0 ? JUNK[m.junk[1]] : i0;
      let predict: Prediction = "invalid";
      if (isT(x)) {
        // Squeezing an axis that is not 1 leaves it (PyTorch's rule); each named axis must exist.
        const list = axis === undefined ? x.shape.map((_, k) => k) : isInt(axis) ? [axis] : Array.isArray(axis) ? axis : null;
        if (list !== null && list.every((a) => isInt(a) && a >= -x.ndim && a < x.ndim)) {
          const axes = (list as number[]).map((a) => (a < 0 ? a + x.ndim : a));
          predict = { shape: x.shape.filter((d, k) => !(axes.includes(k) && d === 1)) };
        }
      }
      return call(["squeeze"], () => ops.squeeze(x as Tensor, axis as number), predict, [x, axis]);
    }
    case "unsqueeze": {
      const axis = m.junk[1] >= 0 ? JUNK[m.junk[1]] : i0;
      let predict: Prediction = "invalid";
      if (isT(x) && isInt(axis) && axis >= -x.ndim - 1 && axis <= x.ndim) {
        const a = axis < 0 ? axis + x.ndim + 1 : axis;
        const s = [...x.shape];
        s.splice(a, 0, 1);
        predict = { shape: s };
      }
      return call(["unsqueeze"], () => ops.unsqueeze(x as Tensor, axis as number), predict, [x, axis]);
    }
    case "concat":
    case "stack": {
      const list = m.junk[3] >= 0 ? JUNK[m.junk[3]] : [x, y, z].slice(0, 1 + (i2 % 3 + 3) % 3);
      const axis = i0;
      let predict: Prediction = "invalid";
      if (Array.isArray(list) && list.length > 0 && list.every(isT)) {
        const ts = list as Tensor[];
        const r = ts[0].ndim;
        if (op === "concat") {
          const a = axisOf(axis, r);
          if (r > 0 && a !== null && ts.every((t) => t.ndim === r && t.shape.every((d, k) => k === a || d === ts[0].shape[k]))) {
            const s = [...ts[0].shape];
            s[a] = ts.reduce((n, t) => n + t.shape[a], 0);
            predict = { shape: s, dtype: dtypeOf(...ts) };
          }
        } else if (ts.every((t) => fmt(t.shape) === fmt(ts[0].shape)) && isInt(axis) && axis >= -r - 1 && axis <= r) {
          const a = axis < 0 ? axis + r + 1 : axis;
          const s = [...ts[0].shape];
          s.splice(a, 0, ts.length);
          predict = { shape: s, dtype: dtypeOf(...ts) };
        }
      }
      const fn = op === "concat" ? ops.concat : ops.stack;
      return call([op, "concat", "unsqueeze", "reshape"], () => fn(list as Tensor[], axis), predict, [list, axis]);
    }
    case "slice": {
      const stepArg = m.junk[1] >= 0 ? JUNK[m.junk[1]] : i3;
      const step = stepArg === undefined ? 1 : stepArg; // omitted: 1
      let predict: Prediction = "invalid";
      if (isT(x) && x.ndim > 0 && isInt(step) && step >= 1) {
        const a = axisOf(i0, x.ndim);
        if (a !== null) {
          const n = x.shape[a];
          const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
          const s = clampIndex(i1);
          const e = clampIndex(i2);
          const s2 = [...x.shape];
          s2[a] = Math.max(0, Math.ceil((e - s) / step));
          predict = { shape: s2 };
        }
      }
      return call(["slice"], () => ops.slice(x as Tensor, i0, i1, i2, stepArg as number), predict, [x, i0, i1, i2, stepArg]);
    }
    case "select": {
      let predict: Prediction = "invalid";
      if (isT(x) && x.ndim > 0) {
        const a = axisOf(i0, x.ndim);
        if (a !== null && i1 >= -x.shape[a] && i1 < x.shape[a]) predict = { shape: x.shape.filter((_, k) => k !== a) };
      }
      return call(["select", "slice"], () => ops.select(x as Tensor, i0, i1), predict, [x, i0, i1]);
    }
    case "gather": {
      // An index built from the input's shape (one row fewer, one column more, or as is), with entries in or out
      // of range; or junk, which may itself be a valid index.
      let index: unknown = m.junk[1] >= 0 ? JUNK[m.junk[1]] : null;
      if (isT(x) && index === null) {
        const rows = x.ndim === 2 ? Math.max(1, x.shape[0] - (i2 & 1)) : 0;
        const cols = x.ndim >= 1 ? Math.max(1, x.shape[x.ndim - 1] + (i3 % 2)) : 0;
        const v = (k: number) => ((i1 + k) % 5) - 1;
        index = x.ndim === 2 ? Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => v(r + c))) :
          Array.from({ length: cols }, (_, c) => v(c));
      }
      let predict: Prediction = "invalid";
      const ishape = Array.isArray(index) ? (Array.isArray(index[0]) ? [index.length, (index[0] as unknown[]).length] : [index.length]) : null;
      const rows = Array.isArray(index) && Array.isArray(index[0]) ? (index as unknown[][]) : null;
      const flatIndex = Array.isArray(index) ? (rows !== null ? rows.flat() : index) : [];
      const regular = rows === null || rows.every((r) => Array.isArray(r) && r.length === rows[0].length);
      if (isT(x) && ishape !== null && regular && ishape.length === x.ndim && flatIndex.every(isInt)) {
        const a = axisOf(i0, x.ndim);
        if (a !== null && x.ndim > 0) {
          const fits = ishape.every((d, k) => k === a || d <= x.shape[k]);
          if (fits && (flatIndex as number[]).every((e) => e >= 0 && e < x.shape[a])) predict = { shape: ishape };
        }
      }
      return call(["gather"], () => ops.gather(x as Tensor, i0, index as number[]), predict, [x, i0, index]);
    }
    case "to": {
      const dtype = m.junk[1] >= 0 ? JUNK[m.junk[1]] : m.flag ? "float32" : "float64";
      const valid = isT(x);
      return call(["to", "cast"], () => ops.cast(x as Tensor, dtype as "float32"), valid && (dtype === "float32" || dtype === "float64") ? { shape: (x as Tensor).shape, dtype: dtype as string } : "invalid", [x, dtype]);
    }
    case "where": {
      const valid = isT(x) && (isT(y) || typeof y === "number") && (isT(z) || typeof z === "number");
      const s = valid ? broadcast((x as Tensor).shape, isT(y) ? y.shape : [], isT(z) ? z.shape : []) : null;
      // Numbers take the dtype of a tensor operand, or of the condition when both are numbers.
      const dtype = isT(y) || isT(z) ? dtypeOf(y, z) : dtypeOf(x);
      return call(["where"], () => ops.where(x as Tensor, y as Tensor, z as Tensor), s === null ? "invalid" : { shape: s, dtype }, [x, y, z]);
    }
    case "backward": {
      // backward on a tensor, with no gradOutput, or with one that may not fit (or not be a tensor at all).
      const gOut = m.flag ? undefined : y;
      let valid = isT(x) && x.requiresGrad;
      if (isT(x)) {
        if (gOut === undefined || gOut === null) valid &&= x.size === 1;
        else if (typeof gOut === "number") valid &&= x.size === 1;
        else if (isT(gOut)) valid &&= fmt(gOut.shape) === fmt(x.shape) || (gOut.size === 1 && x.size === 1);
        else valid = false;
      }
      return call(["backward"], () => backward(x as Tensor, gOut as Tensor, { retainGraph: true }), valid ? "void" : "invalid", [x, gOut]);
    }
  }
  throw new Error(`no such op in the catalogue: ${op}`);
}

const leafArb = fc
  .record({
    shape: fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(0) }), { maxLength: 3 }),
    dtype: fc.constantFrom("float64" as const, "float32" as const),
    requiresGrad: fc.boolean(),
  })
  .map(({ shape, dtype, requiresGrad }) => {
    const n = numel(shape);
    const values = Array.from({ length: n }, (_, k) => ((k * 7919) % 13) / 4 - 1.5);
    return tensor(values, { shape, dtype, requiresGrad });
  });

const materialArb: fc.Arbitrary<Material> = fc.record({
  op: fc.constantFrom(...OPS),
  picks: fc.array(fc.nat({ max: 50 }), { minLength: 3, maxLength: 3 }),
  junk: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: JUNK.length - 1 }) }), { minLength: 4, maxLength: 4 }),
  ints: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 4, maxLength: 4 }),
  shape: fc.array(fc.integer({ min: -2, max: 4 }), { maxLength: 4 }),
  flag: fc.boolean(),
});

function describeArg(a: unknown): string {
  if (a instanceof Tensor) return `Tensor${fmt(a.shape)}:${a.dtype}`;
  if (Array.isArray(a)) return `[${a.map(describeArg).join(", ")}]`;
  return typeof a === "number" ? String(a) : JSON.stringify(a) ?? String(a);
}

/** True when the message names some argument: a tensor's shape, or a non-tensor's value or type. */
function namesAnArgument(message: string, args: readonly unknown[]): boolean {
  return args.some((a) => {
    if (a instanceof Tensor) return message.includes(fmt(a.shape));
    if (Array.isArray(a)) return a.some((e) => namesAnArgument(message, [e])) || message.includes("array") || message.includes(describeArg(a));
    if (typeof a === "number") return message.includes(String(a));
    if (typeof a === "string") return message.includes(a) || message.includes("string");
    return message.includes(String(a)) || message.includes(typeof a) || message.includes("object") || message.includes("Object");
  });
}

describe("bad input, at random", () => {
  it("every call either gives the shape its rule predicts or throws a TapegradError naming the op and an argument", () => {
    fc.assert(
      fc.property(fc.array(leafArb, { minLength: 2, maxLength: 4 }), fc.array(materialArb, { minLength: 1, maxLength: 12 }), (leaves, calls) => {
        const pool: Tensor[] = [...leaves];
        for (const m of calls) {
          const c = makeCall(m, pool);
          const what = `${m.op}(${c.args.map(describeArg).join(", ")})`;
          let result: unknown;
          let error: unknown = null;
          try {
            result = c.run();
          } catch (e) {
            error = e;
          }
          if (error !== null) {
            if (!(error instanceof TapegradError)) {
              expect.fail(`${what} threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
            }
            const message = (error as Error).message;
            if (!c.names.some((n) => message.startsWith(n))) expect.fail(`${what}: message does not start with the op's name: ${message}`);
            if (c.predict !== "invalid") expect.fail(`${what} should give ${JSON.stringify(c.predict)}, threw: ${message}`);
            if (!namesAnArgument(message, c.args)) expect.fail(`${what}: message names no argument: ${message}`);
            continue;
          }
          if (c.predict === "void") continue;
          if (c.predict === "invalid") expect.fail(`${what} should have thrown, gave ${describeArg(result)}`);
          if (!(result instanceof Tensor)) expect.fail(`${what} gave ${describeArg(result)}, not a Tensor`);
          const t = result as Tensor;
          expect([...t.shape], what).toEqual([...c.predict.shape]);
          expect(t.size, what).toBe(numel(t.shape));
          if (c.predict.dtype !== undefined) expect(t.dtype, what).toBe(c.predict.dtype);
          pool.push(t);
        }
      }),
      { numRuns: 600 },
    );
  });
});
