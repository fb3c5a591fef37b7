/**
 * A minimal WebAssembly assembler: the binary encoding of the few instructions the kernels emit, and of a module
 * holding one memory and some functions. Kernels are written as arrays of these instructions in TypeScript and
 * compiled at run time, so the engine needs no binary file and no build step (as jax-js does).
 * Encoding reference: the WebAssembly core specification 2.0, chapter 5 (binary format) and its SIMD opcodes.
 */

/** Value types. */
export const i32 = 0x7f;
export const f64 = 0x7c;
export const f32 = 0x7d;
export const v128 = 0x7b;
export type ValType = typeof i32 | typeof f32 | typeof f64 | typeof v128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function vec(items: readonly (readonly number[])[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  return vec([...s].map((ch) => [ch.charCodeAt(0)]));
}

function section(id: number, body: readonly number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

// -- instructions -------------------------------------------------------------------------------------------

export const get = (local: number): number[] => [0x20, ...uleb(local)];
export const set = (local: number): number[] => [0x21, ...uleb(local)];
export const tee = (local: number): number[] => [0x22, ...uleb(local)];
export const i32Const = (v: number): number[] => [0x41, ...sleb(v)];
export const i32Add = [0x6a];
export const i32Mul = [0x6c];
export const i32LtU = [0x49];
/** `block` and `loop` with no result; `end` closes either. */
export const block = [0x02, 0x40];
export const loop = [0x03, 0x40];
export const end = [0x0b];
export const brIf = (depth: number): number[] => [0x0d, ...uleb(depth)];

const simd = (op: number): number[] => [0xfd, ...uleb(op)];
/** memarg: alignment hint 2^3 bytes, then a constant byte offset added to the address. */
const memarg = (offset: number): number[] => [3, ...uleb(offset)];
export const v128Load = (offset: number): number[] => [...simd(0x00), ...memarg(offset)];
export const v128Load64Splat = (offset: number): number[] => [...simd(0x0a), ...memarg(offset)];
export const v128Store = (offset: number): number[] => [...simd(0x0b), ...memarg(offset)];
export const v128Zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
export const f64x2Add = simd(0xf0);
export const f64x2Mul = simd(0xf2);

/**
 * `for (v = 0; v < bound; v += step) body`, for a body known to run at least once (a do-while); with `stepLocal`
 * the step is that local's value instead of the constant.
 */
export function forLoop(v: number, bound: number, step: number, body: readonly number[], stepLocal?: number): number[] {
  return [
    ...i32Const(0), ...set(v),
    ...block, ...loop,
    ...body,
    ...get(v), ...(stepLocal === undefined ? i32Const(step) : get(stepLocal)), ...i32Add, ...tee(v), ...get(bound), ...i32LtU, ...brIf(0),
    ...end, ...end,
  ];
}

// -- modules ------------------------------------------------------------------------------------------------

export interface FunctionDef {
  readonly name: string;
  readonly params: readonly ValType[];
  /** Extra locals, numbered after the parameters. */
  readonly locals: readonly ValType[];
  readonly body: readonly number[];
}

/** A module with one exported memory ("memory", `pages` of 64 KiB) and the functions, exported by name. */
export function assemble(pages: number, functions: readonly FunctionDef[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec([])]);
  const codes = functions.map((f) => {
    const locals = vec(f.locals.map((t) => [...uleb(1), t]));
    const code = [...locals, ...f.body, ...end];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([[...name("memory"), 2, 0], ...functions.map((f, i) => [...name(f.name), 0, ...uleb(i)])])),
    ...section(10, vec(codes)),
  ]);
}

// -- float32 lanes and fused multiply-add ---------------------------------------------------------------------

/** A 4-byte load splat to four lanes; its alignment hint may not exceed 2^2 bytes, so it has its own memarg. */
export const v128Load32Splat = (offset: number): number[] => [...simd(0x09), 2, ...uleb(offset)];
export const f32x4Add = simd(0xe4);
export const f32x4Mul = simd(0xe6);
/** Relaxed SIMD: a·b + c, fused or not as the machine chooses (operands on the stack: a, b, c). */
export const f32x4RelaxedMadd = simd(0x105);
export const f64x2RelaxedMadd = simd(0x107);

// -- float32 elementwise: comparisons (all-ones or all-zeros lanes), bitwise selection, splat ------------------

export const f32x4Splat = simd(0x13);
export const f32x4Lt = simd(0x43);
export const f32x4Gt = simd(0x44);
export const v128And = simd(0x4e);
export const v128Or = simd(0x50);
export const v128Xor = simd(0x51);
export const f32x4Sub = simd(0xe5);
export const f32x4Div = simd(0xe7);
export const f32x4Max = simd(0xe9);
/** `if` whose arms each leave one v128; `else` separates them and `end` closes. */
export const ifV128 = [0x04, v128];
export const elseArm = [0x05];
/** A v128 constant of 16 bytes, lane 0's lowest byte first. */
export const v128Const = (bytes: readonly number[]): number[] => [...simd(0x0c), ...bytes];
/** `i8x16.shuffle` picking four float32 lanes from two vectors: lanes 0–3 of the first, 4–7 of the second. */
export const f32x4Shuffle = (lanes: readonly [number, number, number, number]): number[] =>
  [...simd(0x0d), ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])];
export const f64x2Splat = simd(0x14);
/** Float32 lanes 0 and 1 widened to two float64 lanes (exact). */
export const f64x2PromoteLow = simd(0x5f);
/** Two float64 lanes rounded to float32 lanes 0 and 1 (to nearest, as Math.fround); lanes 2 and 3 become 0. */
export const f32x4DemoteZero = simd(0x5e);

// -- float32 transcendental and float64 optimizer kernels: rounding, conversions, integer lanes ------------------

/** A v128 of four float32 lanes all equal to `v` (rounded to float32). */
export const f32x4Const = (v: number): number[] =>
  v128Const([...new Uint8Array(new Float32Array([v, v, v, v]).buffer)]);
/** A v128 of two float64 lanes all equal to `v`. */
export const f64x2Const = (v: number): number[] => v128Const([...new Uint8Array(new Float64Array([v, v]).buffer)]);
export const f32x4Min = simd(0xe8);
export const f32x4Abs = simd(0xe0);
export const f32x4Nearest = simd(0x6a);
export const f32x4Ge = simd(0x46);
export const f32x4ExtractLane = (lane: number): number[] => [...simd(0x1f), lane];
/** Each lane's float32 rounded toward 0 to an int32 (NaN gives 0; out of range saturates). */
export const i32x4TruncSatF32x4S = simd(0xf8);
export const i32x4Add = simd(0xae);
export const i32x4Sub = simd(0xb1);
/** Lane shifts by an i32 count on the stack after the vector. */
export const i32x4Shl = simd(0xab);
export const i32x4ShrS = simd(0xac);
export const i32x4Splat = simd(0x11);
export const i32x4LtS = simd(0x39);
/** `bitselect(a, b, mask)`: a's bits where mask is 1, b's elsewhere. */
export const v128Bitselect = simd(0x52);
export const f64x2Sub = simd(0xf1);
export const f64x2Div = simd(0xf3);
export const f64x2Sqrt = simd(0xef);
export const f64x2Gt = simd(0x4a);
/** Pick the first of two values when the i32 on top of the stack is nonzero, else the second (any value type). */
export const select = [0x1b];
export const i32And = [0x71];
/** `if` with no result; `end` closes it. */
export const ifVoid = [0x04, 0x40];
/** Stores an f32 (address, value on the stack) at the address plus a constant byte offset. */
export const f32Store = (offset: number): number[] => [0x38, 2, ...uleb(offset)];
/** A v128 of four int32 lanes. */
export const i32x4Const = (lanes: readonly [number, number, number, number]): number[] =>
  v128Const([...new Uint8Array(new Int32Array(lanes).buffer)]);
export const f32x4Ne = simd(0x42);
/** The float32 sign bit in every lane. */
export const f32x4SignBits = v128Const([0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0x80]);
/** Pseudo-minimum and maximum: `pmin(a, b) = b < a ? b : a`, `pmax(a, b) = a < b ? b : a` (a kept on ties and NaN). */
export const f32x4Pmin = simd(0xea);
export const f32x4Pmax = simd(0xeb);
export const f64x2ExtractLane = (lane: number): number[] => [...simd(0x21), lane];
export const f64Add = [0xa0];
/** A double rounded to float32 (to nearest, as a Float32Array store). */
export const f32DemoteF64 = [0xb6];
/** Stores an f64 (address, value on the stack) at the address plus a constant byte offset. */
export const f64Store = (offset: number): number[] => [0x39, 3, ...uleb(offset)];
