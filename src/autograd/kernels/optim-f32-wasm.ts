/**
 * The SGD-with-momentum and Adam updates of float32 parameters in f64x2 lanes, as functions of the elementwise
 * module, with the bits of the JavaScript loops in optim.ts: each lane does that loop's double operations in its
 * order, and each value the loop stores to a Float32Array and reads back is rounded to float32 and widened here too
 * (wasm-widen.ts). Options the loop tests per element are flags: both arms are computed and `select` keeps the
 * loop's, so an option that is off changes no bit (a weight decay of 0 adds nothing, not 0·x).
 *
 * `sgd_momentum(n, −lr, μ, 1 − τ, λ, sign, flags)`: x in A, g in B, the momentum buffer b in C; x and b updated in
 * place. flags: 1 first step (b ← d), 2 Nesterov, 4 weight decay.
 * `adam(n, β₁, β₂, 1 − β₁, 1 − β₂, −η/(1 − β₁ᵗ), √(1 − β₂ᵗ), ε, λ, 1 − η·λ, sign, flags)`: x in A, g in B, m in C,
 * v in D, v̂ in E, all but g updated in place. flags: 1 decoupled decay (x ← x·(1 − ηλ) first), 2 L2 decay, 4 amsgrad.
 */
import {
  f64, f64x2Add, f64x2Div, f64x2Gt, f64x2Mul, f64x2Splat, f64x2Sqrt, forLoop, get, i32, i32And, i32Const, i32Mul,
  select, set, v128, v128Bitselect, v128Load, v128Store, type FunctionDef, type ValType,
} from "./wasm-asm.ts";
import { A, B, C, D, E } from "./wasm-map.ts";
import { join, roundTrip, widen } from "./wasm-widen.ts";

/**
 * A function over the n floats of the regions: f64 parameters after n are splat into v128 locals (`splat[k]` for
 * parameter k + 1), then the flags parameter; `vector(locals)` is the body for byte offset local `i`.
 */
function update(
  name: string, scalars: number, v128s: number,
  vector: (i: number, splat: (k: number) => number, flag: (bit: number) => number[], local: (k: number) => number) => number[],
): FunctionDef {
  const FLAGS = scalars + 1, I = scalars + 2, END = I + 1, SPLAT = END + 1, LOCAL = SPLAT + scalars;
  const setup: number[] = [];
  for (let k = 0; k < scalars; k++) setup.push(...get(k + 1), ...f64x2Splat, ...set(SPLAT + k));
  const flag = (bit: number): number[] => [...get(FLAGS), ...i32Const(bit), ...i32And];
  const body = vector(I, (k) => SPLAT + k, flag, (k) => LOCAL + k);
  return {
    name,
    params: [i32, ...new Array<ValType>(scalars).fill(f64), i32],
    locals: [i32, i32, ...new Array<ValType>(scalars + v128s).fill(v128)],
    body: [...setup, ...get(0), ...i32Const(4), ...i32Mul, ...set(END), ...forLoop(I, END, 16, body)],
  };
}

const load = (i: number, region: number, into: number): number[] => [...get(i), ...v128Load(region), ...set(into)];
const mulAdd = (a: number[], b: number[], c: number[], d: number[]): number[] => [...a, ...b, ...f64x2Mul, ...c, ...d, ...f64x2Mul, ...f64x2Add];

function sgdMomentum(): FunctionDef {
  // splats: 0 −lr, 1 μ, 2 1 − τ, 3 λ, 4 sign; locals: x, g, b (float32 lanes), d, b rounded, x and b of lanes 0–1
  return update("sgd_momentum", 5, 7, (i, s, flag, l) => {
    const [X, G, Bf, Dd, BR, XL, BL] = [0, 1, 2, 3, 4, 5, 6].map(l);
    const half = (h: boolean): number[] => [
      ...widen(G, h), ...get(s(4)), ...f64x2Mul, ...set(Dd),
      ...get(Dd), ...get(s(3)), ...widen(X, h), ...f64x2Mul, ...f64x2Add, ...get(Dd), ...flag(4), ...select, ...set(Dd),
      ...get(Dd), ...mulAdd(widen(Bf, h), get(s(1)), get(s(2)), get(Dd)), ...flag(1), ...select, ...roundTrip, ...set(BR),
      ...widen(X, h), ...get(s(0)),
      ...get(Dd), ...get(s(1)), ...get(BR), ...f64x2Mul, ...f64x2Add, ...get(BR), ...flag(2), ...select,
      ...f64x2Mul, ...f64x2Add,
    ];
    return [
      ...load(i, A, X), ...load(i, B, G), ...load(i, C, Bf),
      ...half(false), ...set(XL), ...get(BR), ...set(BL),
      ...get(i), ...join(get(XL), half(true)), ...v128Store(A),
      ...get(i), ...join(get(BL), get(BR)), ...v128Store(C),
    ];
  });
}

function adam(): FunctionDef {
  // splats: 0 β₁, 1 β₂, 2 1 − β₁, 3 1 − β₂, 4 −step, 5 √(1 − β₂ᵗ), 6 ε, 7 λ, 8 1 − ηλ, 9 sign
  return update("adam", 10, 14, (i, s, flag, l) => {
    const [X, G, Mf, Vf, Wf, XH, Gd, MR, VR, WR, XL, ML, VL, WL] = [...Array(14).keys()].map(l);
    const half = (h: boolean): number[] => [
      ...widen(X, h), ...get(s(8)), ...f64x2Mul, ...roundTrip, ...widen(X, h), ...flag(1), ...select, ...set(XH),
      ...widen(G, h), ...get(s(9)), ...f64x2Mul, ...set(Gd),
      ...get(Gd), ...get(s(7)), ...get(XH), ...f64x2Mul, ...f64x2Add, ...get(Gd), ...flag(2), ...select, ...set(Gd),
      ...mulAdd(widen(Mf, h), get(s(0)), get(s(2)), get(Gd)), ...roundTrip, ...set(MR),
      ...widen(Vf, h), ...get(s(1)), ...f64x2Mul, ...get(s(3)), ...get(Gd), ...f64x2Mul, ...get(Gd), ...f64x2Mul, ...f64x2Add,
      ...roundTrip, ...set(VR),
      ...get(VR), ...widen(Wf, h), ...get(VR), ...widen(Wf, h), ...f64x2Gt, ...v128Bitselect, ...set(WR),
      ...get(XH), ...get(s(4)), ...get(MR), ...f64x2Mul,
      ...get(WR), ...get(VR), ...flag(4), ...select, ...f64x2Sqrt, ...get(s(5)), ...f64x2Div, ...get(s(6)), ...f64x2Add,
      ...f64x2Div, ...f64x2Add,
    ];
    return [
      ...load(i, A, X), ...load(i, B, G), ...load(i, C, Mf), ...load(i, D, Vf), ...load(i, E, Wf),
      ...half(false), ...set(XL), ...get(MR), ...set(ML), ...get(VR), ...set(VL), ...get(WR), ...set(WL),
      ...get(i), ...join(get(XL), half(true)), ...v128Store(A),
      ...get(i), ...join(get(ML), get(MR)), ...v128Store(C),
      ...get(i), ...join(get(VL), get(VR)), ...v128Store(D),
      ...get(i), ...join(get(WL), get(WR)), ...v128Store(E),
    ];
  });
}

export function optimizerFunctions(): FunctionDef[] {
  return [sgdMomentum(), adam()];
}
