/**
 * Writing an output file so that it is either complete or untouched: the content goes to a temporary file beside
 * the target, which is then renamed over it. A rename replaces whatever the name held, so the target is resolved
 * first:
 *   - a symlink is followed (to its final target, even a missing one): the file it points to is replaced and the
 *     link stays a link;
 *   - a character device or a FIFO (/dev/stdout, /dev/null, a named pipe) is written directly: there is no file
 *     to replace, and renaming over it would put a regular file in its place;
 *   - a directory, a block device or a socket is refused.
 */
import { accessSync, constants, lstatSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ArgumentError } from "../autograd/errors.ts";

/** Why a file operation failed, in words (for messages that also name the path and the remedy). */
export function fsReason(e: unknown, writing = true): string {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return writing ? "its directory does not exist" : "it does not exist";
  if (code === "ENOTDIR") return "a part of the path is a file, not a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOSPC") return "the disk is full";
  if (code === "ELOOP") return "too many levels of symbolic links";
  if (code === "ENAMETOOLONG") return "the name is too long";
  return e instanceof Error ? e.message : String(e);
}

export interface OutputTarget {
  /** The path finally written (the symlink's target for a symlink). */
  readonly path: string;
  /** "replace": temporary file and rename; "direct": written in place (a device or a FIFO). */
  readonly mode: "replace" | "direct";
}

const MAX_LINKS = 32;

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return null;
    throw e;
  }
}

/** Where and how `path` is written; throws an ArgumentError naming `what`, the path and why not. */
export function outputTarget(path: string, what = "output"): OutputTarget {
  const fail = (why: string): never => {
    throw new ArgumentError(`cannot write the ${what} to ${path === "" ? "''" : path}: ${why}; choose another path`);
  };
  if (path === "") fail("the path is empty");
  let full = resolve(path);
  try {
    for (let hops = 0; ; hops++) {
      const s = lstatOrNull(full);
      if (s === null || s.isFile()) {
        // A missing, non-directory or read-only parent fails here, before any work.
        if (!statSync(dirname(full)).isDirectory()) fail("a part of the path is a file, not a directory");
        accessSync(dirname(full), constants.W_OK);
        return { path: full, mode: "replace" };
      }
      if (s.isSymbolicLink()) {
        if (hops === MAX_LINKS) fail("too many levels of symbolic links");
        full = resolve(dirname(full), readlinkSync(full));
        continue;
      }
      if (s.isCharacterDevice() || s.isFIFO()) {
        accessSync(full, constants.W_OK);
        return { path: full, mode: "direct" };
      }
      return fail(s.isDirectory() ? "it is a directory" : s.isBlockDevice() ? "it is a block device" : "it is a socket");
    }
  } catch (e) {
    if (e instanceof ArgumentError) throw e;
    return fail(fsReason(e));
  }
}

/** Writes `content` to `path` as the header says: complete or untouched, links followed, devices written through. */
export function writeFileSafely(path: string, content: string | Uint8Array, what = "output"): void {
  const target = outputTarget(path, what);
  const fail = (e: unknown): never => {
    throw new ArgumentError(`cannot write the ${what} to ${path}: ${fsReason(e)}; choose another path`);
  };
  if (target.mode === "direct") {
    try {
      writeFileSync(target.path, content);
    } catch (e) {
      fail(e);
    }
    return;
  }
  const tmp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${Date.now()}.tmp`);
  let created = false;
  try {
    writeFileSync(tmp, content, { flag: "wx" });
    created = true;
    renameSync(tmp, target.path);
  } catch (e) {
    if (created) rmSync(tmp, { force: true });
    fail(e);
  }
}
