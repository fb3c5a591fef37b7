/**
 * One writer per results file: a lock file `<results>.lock` made with O_EXCL, holding the owner's host, pid and a
 * token. A second sweep on the same file is refused while the owner runs; a lock left by a process that is gone
 * (kill -9, power loss) on this host is taken over. Shards write separate files, so they take separate locks.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { ArgumentError } from "../../autograd/errors.ts";

interface Owner {
  readonly host: string;
  readonly pid: number;
  readonly token: string;
  readonly since: string;
}

/** Tokens of the locks this process holds (two sweeps in one process must exclude each other too). */
const held = new Set<string>();

function readOwner(file: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file, "utf8")) as Owner;
    return typeof o.pid === "number" && typeof o.host === "string" ? o : null;
  } catch {
    return null; // torn or foreign: treated as stale
  }
}

function alive(o: Owner): boolean {
  if (o.host !== hostname()) return true; // cannot tell: assume it runs
  if (o.pid === process.pid) return held.has(o.token);
  try {
    process.kill(o.pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/** Takes the lock of `resultsFile`; returns the function that releases it. */
export function lockResults(resultsFile: string): () => void {
  const file = `${resultsFile}.lock`;
  const me: Owner = { host: hostname(), pid: process.pid, token: randomBytes(8).toString("hex"), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me) + "\n", { flag: "wx" });
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") {
        throw new ArgumentError(`sweep: cannot create the lock ${file}: ${(e as Error).message}`);
      }
      const owner = readOwner(file);
      if (attempt > 0 || (owner !== null && alive(owner))) {
        const who = owner === null ? "another sweep" : `another sweep (pid ${owner.pid} on ${owner.host}, since ${owner.since})`;
        throw new ArgumentError(
          `sweep: ${who} is writing ${resultsFile}; wait for it to finish or use another --out ` +
            `(if no sweep runs, remove ${file})`,
        );
      }
      rmSync(file, { force: true }); // its owner is gone
    }
  }
  held.add(me.token);
  return () => {
    held.delete(me.token);
    if (readOwner(file)?.token === me.token) rmSync(file, { force: true });
  };
}
