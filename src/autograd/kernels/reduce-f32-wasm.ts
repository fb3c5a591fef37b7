/**
 * Reductions over the rows of a [rows, cols] float32 block in f32x4 lanes, four columns at a time, as functions of
 * the elementwise module: `name(rows, cols, carry)` folds A's rows in order into C[j], starting from C[j] itself
 * when `carry` (a block cut into chunks of rows) or else from the fold's identity. Each lane follows reduce.ts's
 * loop over rows exactly, so the results are its bits:
 *   colsum: acc + x, each add rounded to float32;
 *   colmax, colmin: x where x is NaN, else x where x > acc (x < acc), else acc, the loop's test, which keeps the
 *   first of equal values (+0 before −0 or the reverse) and, once a NaN is met, keeps it.
 */
import {
  elseArm, end, f32x4Add, f32x4Const, f32x4Ne, f32x4Pmax, f32x4Pmin, forLoop, get, i32, i32Add, i32Const, i32Mul,
  ifV128, set, tee, v128, v128Bitselect, v128Load, v128Store, type FunctionDef,
} from "./wasm-asm.ts";
import { A, C } from "./wasm-map.ts";

const ROWS = 0, COLS = 1, CARRY = 2, J = 3, END = 4, R = 5, P = 6, STRIDE = 7, ACC = 8, X = 9;

/** The fold's step: ACC ← step(ACC, X), leaving the new accumulator on the stack. */
function columnFold(name: string, identity: number[], step: number[]): FunctionDef {
  const inner = [...get(P), ...v128Load(A), ...set(X), ...step, ...set(ACC), ...get(P), ...get(STRIDE), ...i32Add, ...set(P)];
  const column = [
    ...get(CARRY), ...ifV128, ...get(J), ...v128Load(C), ...elseArm, ...identity, ...end, ...set(ACC),
    ...get(J), ...set(P),
    ...forLoop(R, ROWS, 1, inner),
    ...get(J), ...get(ACC), ...v128Store(C),
  ];
  return {
    name,
    params: [i32, i32, i32],
    locals: [i32, i32, i32, i32, i32, v128, v128],
    body: [...get(COLS), ...i32Const(4), ...i32Mul, ...tee(STRIDE), ...set(END), ...forLoop(J, END, 16, column)],
  };
}

/** x where x is NaN, else `pick(acc, x)`. */
const nanOr = (pick: number[]): number[] => [...get(X), ...get(ACC), ...get(X), ...pick, ...get(X), ...get(X), ...f32x4Ne, ...v128Bitselect];

export function reduceFunctions(): FunctionDef[] {
  return [
    columnFold("colsum", f32x4Const(0), [...get(ACC), ...get(X), ...f32x4Add]),
    columnFold("colmax", f32x4Const(-Infinity), nanOr(f32x4Pmax)),
    columnFold("colmin", f32x4Const(Infinity), nanOr(f32x4Pmin)),
  ];
}
