/**
 * Writing results to disk without leaving half a file (see `writeFileSafely`: a temporary file renamed over the
 * target, symlinks followed, devices written through). A path that cannot be written is found before any long
 * computation by `checkWritable`.
 */
import { outputTarget, writeFileSafely } from "../fs/safe-write.ts";

/** Throws an ArgumentError naming `path` and why, if a file cannot be written there. */
export async function checkWritable(path: string, what = "output"): Promise<void> {
  outputTarget(path, what);
}

/** Writes `content` to `path` through a temporary file and a rename: the target is either complete or untouched. */
export async function writeFileAtomic(path: string, content: string, what = "output"): Promise<void> {
  writeFileSafely(path, content, what);
}
