/**
 * The clocks the benchmarks can run on, by name. The CPU clock reads `process.cpuUsage`, so it lives on the Node
 * side and reaches the (browser-safe) harness through its `clock` option.
 */
import { wallClock, type Clock } from "../profile/harness.ts";

/** Wall-clock time (the default), or this process's CPU time (user + system, all threads, 1 µs resolution). */
export type ClockName = "wall" | "cpu";

export const CLOCK_NAMES: readonly ClockName[] = ["wall", "cpu"];

/**
 * This process's CPU time in milliseconds.
 * NOTE: on a machine shared with other jobs, CPU time leaves out the stretches when the process is descheduled,
 * which inflate wall time without saying anything about the code. It still counts the engine's own helper threads
 * (V8's concurrent GC), so it never hides work.
 */
export const cpuClock: Clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function clockOf(name: ClockName): Clock {
  return name === "wall" ? wallClock : cpuClock;
}
