/**
 * safetensors files (tapegrad/node): the bytes of safetensors.ts written to and read from disk. Writing goes to a
 * temporary file renamed into place (src/fs/safe-write.ts: symlinks followed, devices written in place).
 */
import { readFileSync } from "node:fs";
import { writeFileSafely } from "../fs/safe-write.ts";
import { ArgumentError } from "../autograd/errors.ts";
import type { Tensor } from "../autograd/tensor.ts";
import type { StateDict } from "./module.ts";
import { parseSafetensors, serializeSafetensors, type Named, type Safetensors } from "./safetensors.ts";

/** Writes `tensors` (a state dict, say) to `file` in the safetensors format (whole or not at all; see safe-write). */
export function saveSafetensors(file: string, tensors: Named, metadata: Record<string, string> = {}): void {
  writeFileSafely(file, serializeSafetensors(tensors, metadata), "saveSafetensors output");
}

/** Reads the tensors of a safetensors file (F32 or F64), by name. */
export function loadSafetensors(file: string): Record<string, Tensor> {
  return readSafetensors(file).tensors;
}

/** Reads the tensors and the `__metadata__` of a safetensors file. */
export function readSafetensors(file: string): Safetensors {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ArgumentError(`loadSafetensors: cannot read ${file}: ${(e as Error).message}`);
  }
  return parseSafetensors(bytes, file);
}

/** fit's `checkpoint`: writes the state dict to `file` after every good epoch, with the epoch as metadata. */
export function checkpointFile(file: string): (state: StateDict, epoch: number) => void {
  return (state, epoch) => saveSafetensors(file, state, { epoch: String(epoch) });
}
