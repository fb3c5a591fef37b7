/**
 * V8's young generation, fixed for the whole suite run.
 *
 * V8 sizes it as it goes: a full collection made while few objects are being allocated shrinks it (on Node 20
 * from 16 MiB a semi-space to 1 MiB), and it grows back only as objects survive scavenges, which a training
 * step's objects do not. The W4 groups make that state: their "tapegrad, no tidy" subject takes 0.5–2 MB of new
 * buffers a step, so collections for external memory come often while few objects are allocated. The groups
 * after them then ran with a 1–2 MiB young generation (a scavenge every 5–16 ms instead of every 100–150 ms) for
 * as long as they were timed, and the W5/W2 pair measured next read 1.033–1.041, where it reads 1.013–1.017 when
 * no such group precedes it. Fixing the young generation's size, as benchmarks of managed runtimes fix heap
 * sizes, leaves no group the collector state of the one before. Every system in the process (tapegrad, jax-js,
 * TF.js) runs under it.
 */

import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Semi-space size in MiB: Node 20's largest, which its young generation reaches in a steady run. */
export const YOUNG_GENERATION_MIB = 16;

/** The Node options that fix it. */
export const YOUNG_GENERATION_FLAGS = [
  `--min-semi-space-size=${YOUNG_GENERATION_MIB}`,
  `--max-semi-space-size=${YOUNG_GENERATION_MIB}`,
];

/** The value of the last `--name=value` among the options, as a number, or null when there is none. */
function lastOption(execArgv: readonly string[], name: string): number | null {
  let v: number | null = null;
  for (const a of execArgv) if (a.startsWith(`--${name}=`)) v = Number(a.slice(name.length + 3));
  return v;
}

/**
 * The semi-space size in MiB when the process was started with a fixed one (the same minimum and maximum, the last of
 * each on its command line winning, as in V8), or null when V8 sizes it.
 */
export function fixedYoungGeneration(execArgv: readonly string[] = process.execArgv): number | null {
  const min = lastOption(execArgv, "min-semi-space-size");
  const max = lastOption(execArgv, "max-semi-space-size");
  return min !== null && min === max && Number.isFinite(min) ? min : null;
}

/** Whether the options say anything about the young generation: then they are the user's choice and kept. */
export function setsYoungGeneration(execArgv: readonly string[] = process.execArgv): boolean {
  return lastOption(execArgv, "min-semi-space-size") !== null || lastOption(execArgv, "max-semi-space-size") !== null;
}

/** The command line that runs this process again with the young generation fixed (the user's options after ours). */
export function relaunchArgs(
  execArgv: readonly string[] = process.execArgv,
  argv: readonly string[] = process.argv,
): string[] {
  return [...YOUNG_GENERATION_FLAGS, ...execArgv, ...argv.slice(1)];
}

/** The scripts that start a process to run the suite: the CLI (`npm run bench`, `npx tapegrad bench`), bench/run.ts. */
const ENTRIES = ["../bin/tapegrad.js", "./run.ts"].map((f) => fileURLToPath(new URL(f, import.meta.url)));

/**
 * Whether this process was started to run the suite (its main script is one of the entries), so that running it
 * again in a child is the same run. A program or test that calls the command in its own process measures there.
 */
export function startedForSuite(main: string | undefined = process.argv[1]): boolean {
  if (main === undefined) return false;
  try {
    const path = realpathSync(main);
    return ENTRIES.some((e) => e === path);
  } catch {
    return false;
  }
}
