import { describe, expect, it } from "vitest";
import { assemble, forLoop, get, i32, i32Add, set, sleb, uleb } from "../../../src/autograd/kernels/wasm-asm.ts";

/** The WebAssembly API as far as this test uses it (the project's TypeScript lib has no DOM types). */
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
};

describe("wasm-asm", () => {
  it("LEB128 encodes the specification's and Wikipedia's examples", () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it("assembles a module that validates, exports its memory, and runs a loop", () => {
    // f(n, p): for (i = 0; i < n; i += 1) p = p + i, leaving p in local 1 (no result: the loop only has to run).
    const bytes = assemble(1, [{ name: "f", params: [i32, i32], locals: [i32], body: forLoop(2, 0, 1, [...get(1), ...get(2), ...i32Add, ...set(1)]) }]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    expect((exports.memory as { buffer: ArrayBuffer }).buffer.byteLength).toBe(65536);
    expect(() => (exports.f as (n: number, p: number) => void)(10, 0)).not.toThrow();
  });
});
