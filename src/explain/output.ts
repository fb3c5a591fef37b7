/**
 * Writing results to disk without leaving half a file: write a temporary file beside the target, then rename it
 * over the target (atomic on one file system). A path that cannot be written is found before any long
 * computation by `checkWritable`.
 */
import { constants } from "node:fs";
import { access, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ArgumentError } from "../autograd/errors.ts";

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return "its directory does not exist";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EROFS") return "the file system is read-only";
  return e instanceof Error ? e.message : String(e);
}

/** Throws an ArgumentError naming `path` and why, if a file cannot be written there. */
export async function checkWritable(path: string, what = "output"): Promise<void> {
  const full = resolve(path);
  try {
    const s = await stat(full).catch(() => null);
    if (s?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    await access(dirname(full), constants.W_OK);
  } catch (e) {
    throw new ArgumentError(`cannot write the ${what} to ${path}: ${reason(e)}; choose another path`);
  }
}

/** Writes `content` to `path` through a temporary file and a rename: the target is either complete or untouched. */
export async function writeFileAtomic(path: string, content: string, what = "output"): Promise<void> {
  const full = resolve(path);
  const tmp = join(dirname(full), `.${basename(full)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, full);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new ArgumentError(`cannot write the ${what} to ${path}: ${reason(e)}; choose another path`);
  }
}
