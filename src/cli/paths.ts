/**
 * Outputs must never overwrite inputs, nor each other: `report --sweep F --out F` would replace the sweep with the
 * report. Paths are compared by what they name on disk: symlinks resolved, and an existing file by device and inode
 * (so a hard link or `./F` is the same file as `F`).
 */
import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./args.ts";

function identity(path: string): string {
  try {
    const s = statSync(path);
    return `inode ${s.dev}:${s.ino}`;
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Throws a UsageError naming both flags if two of the given paths are one file. Absent paths are skipped. */
export function checkDistinctPaths(paths: Readonly<Record<string, string | undefined>>): void {
  const seen = new Map<string, string>();
  for (const [flag, path] of Object.entries(paths)) {
    if (path === undefined || path === "") continue;
    const id = identity(path);
    const other = seen.get(id);
    if (other !== undefined) {
      throw new UsageError(`--${flag} and --${other} name the same file (${path}); an output must not overwrite an input or another output`);
    }
    seen.set(id, flag);
  }
}
