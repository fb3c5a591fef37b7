import type { System } from "./system.ts";
type Tf = typeof import("@tensorflow/tfjs");
/** Loads TF.js once, registers the WASM backend with its .wasm files, and turns off its debug checks. */
export declare function loadTf(): Promise<Tf>;
/** The versions of the loaded TF.js packages. */
export declare function tfVersions(): Promise<Record<string, string>>;
export declare const tfjsCpu: System;
export declare const tfjsWasm: System;
export {};
//# sourceMappingURL=tfjs.d.ts.map