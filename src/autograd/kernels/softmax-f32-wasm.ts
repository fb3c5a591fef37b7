/**
 * Softmax and sums along contiguous float32 rows in SIMD, as functions of the elementwise module: rows of r floats lie
 * one after another in A, and a row's ⌈r/4⌉ vectors are masked past its end (a lane there may hold the next row).
 *
 * `softmax_rows(rows, r, divide)`: per row, m = max (NaN if any is NaN), eⱼ = exp(xⱼ − m) (exp-f32-wasm.ts, on the
 * float32 difference), s = Σ eⱼ in doubles (two f64x2 sums of the widened floats, so log s keeps the precision the
 * JavaScript loop's double sum gives: a confident row's loss is not rounded to 0); C gets eⱼ/float32(s) (divide) or
 * eⱼ, D[row] gets m and E, read as doubles, gets s at E + 8·row. `shift_rows(rows, r)`: C = A − D[row] per row (log-softmax, D holding m + log s).
 * A row's last vector writes up to three floats past the row into C, which the next row then overwrites; the
 * caller keeps rows·r ≤ CHUNK − 4, so the last row's spill stays in C.
 * `row_sum(rows, r)`: E[row] = Σ of the row in doubles, rounded once to float32 (the sum along the last axis);
 * `row_max`, `row_min`: E[row] = the row's extreme.
 */
import { expF32x4 } from "./exp-f32-wasm.ts";
import {
  f32Store, f32x4Add, f32x4Const, f32x4Div, f32x4ExtractLane, f32x4Max, f32x4Min, f32x4Shuffle, f32x4Sub, forLoop, get, i32,
  i32Add, i32And, i32Const, i32Mul, i32x4Add, i32x4Const, i32x4LtS, i32x4Splat, ifVoid, end, set, tee, v128, v128And,
  v128Bitselect, v128Load, v128Load32Splat, v128Store, v128Zero, f64x2Add, f64x2ExtractLane, f64Add, f32DemoteF64, f64Store, f32x4Splat,
  type FunctionDef,
} from "./wasm-asm.ts";
import { widen } from "./wasm-widen.ts";
import { A, C, D, E } from "./wasm-map.ts";

// Parameters (rows, r, divide), then locals.
const ROWS = 0, R = 1, DIVIDE = 2, ROW = 3, BASE = 4, P = 5, VEND = 6, LANE = 7, M = 8, S = 9, X = 10, T = 11, N = 12, RR = 13, LIMIT = 14, S2 = 15;
const LOCALS = [i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128, v128, v128] as const;

const IOTA = i32x4Const([0, 1, 2, 3]);
const FOUR = i32x4Const([4, 4, 4, 4]);
const SWAP_PAIRS: [number, number, number, number] = [2, 3, 0, 1];
const SWAP_LANES: [number, number, number, number] = [1, 0, 3, 2];

/** The byte address of the current vector of the row. */
const addr = [...get(BASE), ...get(P), ...i32Add];
/** The lanes of the current vector that lie in the row, as all-ones lanes (then advances the lane counter). */
const inRow = [...get(LANE), ...get(LIMIT), ...i32x4LtS, ...get(LANE), ...FOUR, ...i32x4Add, ...set(LANE)];
/** `local v ← op(v, v's lanes permuted)` twice: every lane then holds op over the four. */
const across = (v: number, op: number[]): number[] => [
  ...get(v), ...get(v), ...get(v), ...f32x4Shuffle(SWAP_PAIRS), ...op, ...tee(v),
  ...get(v), ...get(v), ...f32x4Shuffle(SWAP_LANES), ...op, ...set(v),
];
/** Adds the four floats of X, widened, to the f64x2 sums `low` (lanes 0–1) and `high` (2–3). */
const addWidened = (low: number, high: number): number[] => [
  ...get(low), ...widen(X, false), ...f64x2Add, ...set(low), ...get(high), ...widen(X, true), ...f64x2Add, ...set(high),
];
/** The double total of the two f64x2 sums, on the stack (`low` then holds the pairwise sums). */
const total = (low: number, high: number): number[] => [
  ...get(low), ...get(high), ...f64x2Add, ...tee(low), ...f64x2ExtractLane(0), ...get(low), ...f64x2ExtractLane(1), ...f64Add,
];

/** Runs `body` for each vector of each row (P the byte offset in the row, BASE the row's), rows ≥ 1, r ≥ 1. */
function perRow(rowBody: (vectors: (body: number[]) => number[]) => number[]): number[] {
  const vectors = (body: number[]): number[] => forLoop(P, VEND, 16, body);
  return [
    ...get(R), ...i32x4Splat, ...set(LIMIT),
    ...get(R), ...i32Const(3), ...i32Add, ...i32Const(-4), ...i32And, ...i32Const(4), ...i32Mul, ...set(VEND),
    ...i32Const(0), ...set(BASE),
    ...forLoop(ROW, ROWS, 1, [...rowBody(vectors), ...get(BASE), ...get(R), ...i32Const(4), ...i32Mul, ...i32Add, ...set(BASE)]),
  ];
}

function softmaxRows(): FunctionDef {
  const rowBody = (vectors: (body: number[]) => number[]): number[] => [
    ...f32x4Const(-Infinity), ...set(M), ...IOTA, ...set(LANE),
    ...vectors([...get(M), ...addr, ...v128Load(A), ...f32x4Const(-Infinity), ...inRow, ...v128Bitselect, ...f32x4Max, ...set(M)]),
    ...across(M, f32x4Max),
    ...v128Zero, ...set(S), ...v128Zero, ...set(S2), ...IOTA, ...set(LANE),
    ...vectors([
      ...addr, ...v128Load(A), ...get(M), ...f32x4Sub, ...set(X),
      ...addr, ...expF32x4(X, { t: T, n: N, r: RR }), ...inRow, ...v128And, ...tee(X), ...v128Store(C),
      ...addWidened(S, S2),
    ]),
    ...get(ROW), ...i32Const(8), ...i32Mul, ...total(S, S2), ...f64Store(E),
    // the divisor: s rounded to float32
    ...get(S), ...f64x2ExtractLane(0), ...get(S), ...f64x2ExtractLane(1), ...f64Add, ...f32DemoteF64, ...f32x4Splat, ...set(S2),
    ...get(DIVIDE), ...ifVoid, ...vectors([...addr, ...addr, ...v128Load(C), ...get(S2), ...f32x4Div, ...v128Store(C)]), ...end,
    ...get(ROW), ...i32Const(4), ...i32Mul, ...get(M), ...f32x4ExtractLane(0), ...f32Store(D),
  ];
  return { name: "softmax_rows", params: [i32, i32, i32], locals: LOCALS, body: perRow(rowBody) };
}

function shiftRows(): FunctionDef {
  const rowBody = (vectors: (body: number[]) => number[]): number[] => [
    ...get(ROW), ...i32Const(4), ...i32Mul, ...v128Load32Splat(D), ...set(M),
    ...vectors([...addr, ...addr, ...v128Load(A), ...get(M), ...f32x4Sub, ...v128Store(C)]),
  ];
  return { name: "shift_rows", params: [i32, i32, i32], locals: LOCALS, body: perRow(rowBody) };
}

/** `row_sum(rows, r)`: E[row] = the row's sum, in two f64x2 partial sums (exact float32 values widened), rounded once. */
function rowSum(): FunctionDef {
  const rowBody = (vectors: (body: number[]) => number[]): number[] => [
    ...v128Zero, ...set(S), ...v128Zero, ...set(S2), ...IOTA, ...set(LANE),
    ...vectors([...addr, ...v128Load(A), ...inRow, ...v128And, ...set(X), ...addWidened(S, S2)]),
    ...get(ROW), ...i32Const(4), ...i32Mul, ...total(S, S2), ...f32DemoteF64, ...f32Store(E),
  ];
  return { name: "row_sum", params: [i32, i32, i32], locals: LOCALS, body: perRow(rowBody) };
}

/**
 * `row_max(rows, r)` / `row_min`: E[row] = the row's maximum (minimum), NaN if it holds one. Lanes fold in another
 * order than the JavaScript loop, which matters only for the sign of a zero result: the caller redoes those rows.
 */
function rowExtreme(name: string, fold: number[], identity: number): FunctionDef {
  const rowBody = (vectors: (body: number[]) => number[]): number[] => [
    ...f32x4Const(identity), ...set(M), ...IOTA, ...set(LANE),
    ...vectors([...get(M), ...addr, ...v128Load(A), ...f32x4Const(identity), ...inRow, ...v128Bitselect, ...fold, ...set(M)]),
    ...across(M, fold),
    ...get(ROW), ...i32Const(4), ...i32Mul, ...get(M), ...f32x4ExtractLane(0), ...f32Store(E),
  ];
  return { name, params: [i32, i32, i32], locals: LOCALS, body: perRow(rowBody) };
}

export function softmaxFunctions(): FunctionDef[] {
  return [softmaxRows(), shiftRows(), rowSum(), rowExtreme("row_max", f32x4Max, -Infinity), rowExtreme("row_min", f32x4Min, Infinity)];
}
