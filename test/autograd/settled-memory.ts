/**
 * Memory after full collections, for tests that check what stays alive. `--expose-gc` is switched on from inside
 * the test (V8 reads the flag when a new context is made), so the suite needs no special configuration; collecting
 * twice lets weak references and finalizers settle.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export function settledMemory(): NodeJS.MemoryUsage {
  gc();
  gc();
  return process.memoryUsage();
}
