/** The part of the WebAssembly JavaScript API the kernels use (the project's TypeScript lib has no DOM types). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

declare const WebAssembly: WasmApi | undefined;

/** The global WebAssembly object, or null in a runtime without one. */
export function wasmApi(): WasmApi | null {
  return typeof WebAssembly === "object" ? WebAssembly : null;
}

/** Whether this runtime compiles `bytes` (false where WebAssembly itself is missing). */
export function wasmValidates(bytes: Uint8Array): boolean {
  const wasm = wasmApi();
  if (wasm === null) return false;
  try {
    return wasm.validate(bytes);
  } catch {
    return false;
  }
}

/** The exports of a module of `bytes` and its memory's buffer, or null where this runtime does not compile it. */
export function instantiate(bytes: Uint8Array): { readonly exports: Record<string, unknown>; readonly buffer: ArrayBuffer } | null {
  const wasm = wasmApi();
  if (wasm === null || !wasmValidates(bytes)) return null;
  try {
    const { exports } = new wasm.Instance(new wasm.Module(bytes));
    return { exports, buffer: (exports.memory as { readonly buffer: ArrayBuffer }).buffer };
  } catch {
    return null;
  }
}
