import { describe, expect, it } from "vitest";
import { f32x4RelaxedMadd, hasRelaxedSimd, relaxedMaddProbe, wasmValidates } from "../../../src/autograd/kernels/wasm-features.ts";

/** The project's TypeScript lib has no DOM types. */
declare const WebAssembly: { validate(bytes: Uint8Array): boolean };

// The probe written out by hand from the binary format (not through wasm-asm.ts), so the detection is checked
// against an independent encoding: one type (v128 v128 v128) → (), one function, a memory of 0 pages, exports
// "memory" and "madd", and the body local.get 0..2, f32x4.relaxed_madd (0xfd 0x85 0x02), drop, end.
const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const types = [0x01, 0x07, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x00];
const funcs = [0x03, 0x02, 0x01, 0x00];
const memory = [0x05, 0x03, 0x01, 0x00, 0x00];
const exports = [0x07, 0x11, 0x02, 0x06, ...[..."memory"].map((c) => c.charCodeAt(0)), 0x02, 0x00, 0x04, ...[..."madd"].map((c) => c.charCodeAt(0)), 0x00, 0x00];
const code = (ops: readonly number[]) => [0x0a, ops.length + 4, 0x01, ops.length + 2, 0x00, ...ops, 0x0b];
const module = (ops: readonly number[]) => new Uint8Array([...header, ...types, ...funcs, ...memory, ...exports, ...code(ops)]);

const madd = [0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x1a];
// The same shape with f32x4.mul (plain SIMD, opcode 0xe6) on two operands: valid on every supported Node line.
const plainSimd = [0x20, 0x00, 0x20, 0x01, 0xfd, 0xe6, 0x01, 0x1a];
// relaxed_madd with two operands on the stack: a type error, so invalid whether or not relaxed SIMD exists.
const maddShort = [0x20, 0x00, 0x20, 0x01, 0xfd, 0x85, 0x02, 0x1a];

describe("WebAssembly feature detection", () => {
  it("the probe is the hand-encoded module byte for byte, and f32x4.relaxed_madd is 0xfd 0x105", () => {
    expect(f32x4RelaxedMadd).toEqual([0xfd, 0x85, 0x02]);
    expect(Array.from(relaxedMaddProbe())).toEqual(Array.from(module(madd)));
  });

  it("relaxed SIMD is detected exactly when this runtime validates the hand-encoded relaxed_madd module", () => {
    expect(hasRelaxedSimd()).toBe(WebAssembly.validate(module(madd)));
  });

  it("the validation turns on the instruction: plain SIMD in the same module validates, a mistyped madd never", () => {
    expect(wasmValidates(module(plainSimd))).toBe(true);
    expect(wasmValidates(module(maddShort))).toBe(false);
    expect(wasmValidates(new Uint8Array([0x00, 0x61, 0x73]))).toBe(false);
  });
});
