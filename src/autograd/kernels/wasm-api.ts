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
