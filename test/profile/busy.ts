/**
 * Work of known cost for the timing tests, on the process CPU clock (which a loaded machine's other jobs do not
 * advance): a wait that spins on the clock itself, and a loop of integer arithmetic calibrated in iterations.
 */
import { cpuClock } from "../../src/cli/clock.ts";

export { cpuClock };

/**
 * Spins until `ms` of CPU time have passed, and records how long it saw itself spin (first read to last read) in
 * `seen`. That exceeds `ms` by the last read's interval, which has a long tail on a shared machine: another thread
 * of this process (V8's compiler or collector) advances the process clock while this one waits to be scheduled.
 */
export function spin(ms: number, seen?: number[]): void {
  const t0 = cpuClock();
  let t = t0;
  while (t - t0 < ms) t = cpuClock();
  seen?.push(t - t0);
}

/** The mean CPU cost of one clock read (ms), over 10^4 consecutive reads, tail included. */
export function readCost(): number {
  const t0 = cpuClock();
  for (let i = 0; i < 10_000; i++) cpuClock();
  return (cpuClock() - t0) / 10_001;
}

let sink = 1;

/** `n` rounds of xorshift, kept live through a module variable so the loop cannot be dropped. */
export function arithmetic(n: number): void {
  let x = sink | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink = x;
}

/** Iterations of `arithmetic` that take about `ms` of CPU time. */
export function calibrate(ms: number): number {
  arithmetic(1e5);
  const n = 2e7;
  const t0 = cpuClock();
  arithmetic(n);
  return Math.max(1, Math.round((ms * n) / (cpuClock() - t0)));
}

/**
 * Runs `attempt` up to `tries` times until it returns true. A 95% interval misses the truth in one run of twenty
 * by construction, so a single miss says nothing; three independent misses in a row (1 in 8000 by chance) do.
 */
export async function withinTries(tries: number, attempt: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < tries; i++) if (await attempt()) return true;
  return false;
}
