/**
 * The layout of the float32 elementwise module (elementwise-f32-wasm.ts) and the one loop most of its functions
 * are: five regions of CHUNK floats, A to E, which a call fills from its operands and empties from its results;
 * `mapFn` writes the map `C = value(A, B, …)` over the first n floats, a vector of four at a time.
 */
import { f32x4Splat, forLoop, get, i32, i32Const, i32Mul, set, v128, v128Load, v128Store, type FunctionDef, f32 } from "./wasm-asm.ts";

/** Floats per region: 64 KiB, so the regions a call uses stay in L2. */
export const CHUNK = 16384;
/** Byte offsets of the regions. */
export const A = 0, B = 4 * CHUNK, C = 8 * CHUNK, D = 12 * CHUNK, E = 16 * CHUNK;
/** Five regions, plus one page that a read or write past the last vector of E may touch. */
export const PAGES = Math.ceil((20 * CHUNK) / 65536) + 1;

/** The v128 at byte offset `local i` of a region. */
export const at = (region: number) => (i: number): number[] => [...get(i), ...v128Load(region)];

/**
 * `name(n)` (or `name(n, s)` with a float32 scalar s splat to a v128) computing C = value(i, s) over the n floats,
 * ⌈n/4⌉ vectors; `value` leaves one v128 for byte offset local `i` and may use `scratch` v128 locals from `first`.
 */
export function mapFn(
  name: string, scalar: boolean, value: (i: number, s: number, first: number) => number[], scratch = 0,
): FunctionDef {
  const N = 0, p = scalar ? 2 : 1; // I, END, S and the scratch locals follow the parameters
  const i = p, bound = p + 1, s = p + 2;
  const setup = scalar ? [...get(1), ...f32x4Splat, ...set(s)] : [];
  const body = [...get(i), ...value(i, s, s + 1), ...v128Store(C)];
  return {
    name,
    params: scalar ? [i32, f32] : [i32],
    locals: [i32, i32, v128, ...new Array<number>(scratch).fill(v128)] as FunctionDef["locals"],
    body: [...setup, ...get(N), ...i32Const(4), ...i32Mul, ...set(bound), ...forLoop(i, bound, 16, body)],
  };
}
