/**
 * What this runtime's WebAssembly accepts, found by validating a tiny module that uses the feature: never by
 * runtime version, since flags, embedders and browsers move features independently of version numbers. The
 * kernels ask here before assembling a module that needs the feature, and keep their other path when it is absent.
 *
 * Relaxed SIMD (`f32x4.relaxed_madd`): a·b + c lane by lane, computed either fused (one rounding, where the CPU
 * has FMA) or as a multiply then an add (two roundings), at the engine's choice. The choice is fixed for one
 * machine and runtime, so a kernel using it gives the same bits run after run there, but not across machines or
 * runtimes, and not the bits of the JavaScript kernel (docs/runtimes.md).
 */
import { wasmValidates } from "./wasm-api.ts";
import { assemble, f32x4RelaxedMadd, get, v128 } from "./wasm-asm.ts";

export { f32x4RelaxedMadd, wasmValidates };

const drop = [0x1a];

/** `(func (param v128 v128 v128) (drop (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))`. */
export function relaxedMaddProbe(): Uint8Array {
  const body = [...get(0), ...get(1), ...get(2), ...f32x4RelaxedMadd, ...drop];
  return assemble(0, [{ name: "madd", params: [v128, v128, v128], locals: [], body }]);
}

let relaxed: boolean | undefined;

/** Whether WebAssembly relaxed SIMD is available here: true on Node ≥ 22 and Chromium ≥ 114, false on Node 20. */
export function hasRelaxedSimd(): boolean {
  relaxed ??= wasmValidates(relaxedMaddProbe());
  return relaxed;
}
