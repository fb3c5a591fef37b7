/**
 * Block copies inside the float32 gemm's module, in WebAssembly SIMD: rows copied into the module natively are
 * moved into the kernel's panels there, straight (`panels`) or transposed (`transposePanels`, for an operand whose
 * stored rows are the kernel's columns: linear's x·Wᵀ reads W so). The transpose goes 4×4 blocks at a time, four
 * vector loads, eight shuffles and four vector stores per 16 floats, where a JavaScript loop pays one strided
 * store per float: measured on a 256×256 block, 6–15 µs against 60–110 µs.
 */
import {
  f32x4Shuffle, forLoop, get, i32, i32Add, i32Const, i32Mul, set, uleb, v128, v128Load, v128Store, type FunctionDef,
} from "./wasm-asm.ts";

// Parameters (addresses in bytes, counts in floats), then locals.
const ROWS = 0, COLS = 1, SRC = 2, DST = 3, LDD = 4;
const R = 5, C0 = 6, P = 7, Q = 8, CS = 9, LD4 = 10, V = 11, T = 15;

/** [first, second] lane picks that, applied twice, turn four rows into four columns. */
const LOW: [number, number, number, number] = [0, 4, 1, 5];
const HIGH: [number, number, number, number] = [2, 6, 3, 7];
const FRONT: [number, number, number, number] = [0, 1, 4, 5];
const BACK: [number, number, number, number] = [2, 3, 6, 7];

/**
 * `transpose(rows, cols, src, dst, ldd)`: dst[c·ldd + r] = src[r·cols + c] for r < rows, c < cols, in blocks of
 * 4×4: with rows or cols not a multiple of 4, the last block reads past the rows into whatever follows (its
 * lanes land in dst's rows ≥ cols and columns ≥ rows, which the caller's layout leaves as padding).
 */
export function transposeF32(): FunctionDef {
  const block: number[] = [
    ...get(SRC), ...get(R), ...get(COLS), ...i32Mul, ...get(C0), ...i32Add, ...i32Const(4), ...i32Mul, ...i32Add, ...set(P),
    ...get(DST), ...get(C0), ...get(LDD), ...i32Mul, ...get(R), ...i32Add, ...i32Const(4), ...i32Mul, ...i32Add, ...set(Q),
  ];
  for (let i = 0; i < 4; i++) {
    block.push(...get(P), ...v128Load(0), ...set(V + i));
    if (i < 3) block.push(...get(P), ...get(CS), ...i32Add, ...set(P));
  }
  const pairs: [number, number, [number, number, number, number], number][] = [
    [V, V + 1, LOW, T], [V, V + 1, HIGH, T + 1], [V + 2, V + 3, LOW, T + 2], [V + 2, V + 3, HIGH, T + 3],
  ];
  for (const [a, b, lanes, out] of pairs) block.push(...get(a), ...get(b), ...f32x4Shuffle(lanes), ...set(out));
  const columns: [number, number, [number, number, number, number]][] = [[T, T + 2, FRONT], [T, T + 2, BACK], [T + 1, T + 3, FRONT], [T + 1, T + 3, BACK]];
  columns.forEach(([a, b, lanes], j) => {
    block.push(...get(Q), ...get(a), ...get(b), ...f32x4Shuffle(lanes), ...v128Store(0));
    if (j < 3) block.push(...get(Q), ...get(LD4), ...i32Add, ...set(Q));
  });
  return {
    name: "transpose",
    params: [i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128, v128],
    body: [
      ...get(COLS), ...i32Const(4), ...i32Mul, ...set(CS),
      ...get(LDD), ...i32Const(4), ...i32Mul, ...set(LD4),
      ...forLoop(R, ROWS, 4, forLoop(C0, COLS, 4, block)),
    ],
  };
}

/**
 * `transposePanels(rows, cols, src, dst, width)`: the rows of src (stride cols) transposed `width` at a time into
 * contiguous [cols × width] panels, panel q at dst + q·cols·width floats: the gemm kernel's layout of a block whose
 * stored rows are the kernel's columns (a transposed B, an untransposed A). One call per block instead of one per
 * panel; rows past the last multiple of `width` read whatever follows in src, and a panel's last 4×4 blocks may
 * write up to 3 rows past its end, which the next panel (written after it) or the block's slack absorbs.
 */
export function transposePanelsF32(transposeIndex: number): FunctionDef {
  const ROWS = 0, COLS = 1, SRC = 2, DST = 3, WIDTH = 4, Q = 5;
  const call = [
    ...get(WIDTH), ...get(COLS),
    ...get(SRC), ...get(Q), ...get(COLS), ...i32Mul, ...i32Const(4), ...i32Mul, ...i32Add,
    ...get(DST), ...get(Q), ...get(COLS), ...i32Mul, ...i32Const(4), ...i32Mul, ...i32Add,
    ...get(WIDTH), 0x10, ...uleb(transposeIndex),
  ];
  return { name: "transposePanels", params: [i32, i32, i32, i32, i32], locals: [i32], body: forLoop(Q, ROWS, 0, call, WIDTH) };
}

/**
 * `panels<W>(rows, cols, src, lds, dst)`: dst[q·rows·W + r·W + c] = src[r·lds + q·W + c] for c < W: the columns of a
 * rows × cols block (row stride lds floats), W at a time, each group a contiguous [rows × W] panel, the gemm kernel's
 * layout of a block whose stored rows are its rows (an untransposed B, a transposed A). Columns past cols, up to
 * the next multiple of W, copy whatever follows each row in src.
 */
export function panelsF32(width: number): FunctionDef {
  // Parameters (addresses in bytes, counts and strides in floats), then locals.
  const NROWS = 0, NCOLS = 1, SRC = 2, LDS = 3, DST = 4, Q = 5, R = 6, SP = 7, LDS4 = 8, END = 9;
  const row: number[] = [];
  for (let v = 0; v < width / 4; v++) row.push(...get(DST), ...get(SP), ...v128Load(16 * v), ...v128Store(16 * v));
  row.push(...get(SP), ...get(LDS4), ...i32Add, ...set(SP), ...get(DST), ...i32Const(4 * width), ...i32Add, ...set(DST));
  const panel = [...get(SRC), ...get(Q), ...i32Add, ...set(SP), ...forLoop(R, NROWS, 1, row)];
  return {
    name: `panels${width}`,
    params: [i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, i32],
    body: [
      ...get(LDS), ...i32Const(4), ...i32Mul, ...set(LDS4), ...get(NCOLS), ...i32Const(4), ...i32Mul, ...set(END),
      ...forLoop(Q, END, 4 * width, panel),
    ],
  };
}
