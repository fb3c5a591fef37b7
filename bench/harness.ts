/**
 * The measuring loop.
 *
 *   1. Warm-up: each subject runs steps until `warmupMs` has passed (so the JIT has compiled its hot code), and its
 *      batch size is chosen so that one timed sample lasts about `sampleMs` (timer resolution stays negligible).
 *   2. Interleaved rounds: every round times one sample of each subject, starting one subject further along each
 *      time (A B C, B C A, …), so that drift in the machine's speed hits every subject alike.
 *   3. A subject stops when it has spent `cellMs` in timed samples and has `minSamples`, or at `maxSamples`.
 *   4. Each sample is a mean time per step; the figures are the statistics of those samples (stats.ts).
 *
 * Ratios such as W5/W2 are measured paired: the two subjects' steps alternate in one loop (order swapped every
 * step), each step timed, and each sample's ratio is taken from the same stretch of time.
 */
import { performance } from "node:perf_hooks";
import { summarize, type Summary } from "./stats.ts";
import { childCpuMs } from "./systems/child-cpu.ts";
import { minOf } from "../src/plot/extent.ts";

export interface Subject {
  readonly key: string;
  /** Makes the subject current before a sample; true when that switch needs one untimed step to settle. */
  enter?(): Promise<boolean>;
  /** Runs `count` steps. */
  run(count: number): void;
}

export interface Budget {
  readonly warmupMs: number;
  readonly sampleMs: number;
  readonly cellMs: number;
  readonly minSamples: number;
  readonly maxSamples: number;
}

export const QUICK: Budget = { warmupMs: 150, sampleMs: 15, cellMs: 500, minSamples: 5, maxSamples: 400 };
export const FULL: Budget = { warmupMs: 1000, sampleMs: 40, cellMs: 4000, minSamples: 15, maxSamples: 4000 };

/** Milliseconds from an arbitrary origin. */
export type Clock = () => number;

export interface HarnessOptions {
  readonly clock?: Clock;
  /** Called after every timed sample (progress display). */
  readonly onSample?: (key: string) => void;
}

const now: Clock = () => performance.now();

/** Wall-clock time (the default), or this process's CPU time (user + system, all threads, 1 µs resolution). */
export type ClockName = "wall" | "cpu";

/**
 * NOTE: on a machine shared with other jobs, CPU time leaves out the stretches when the process is descheduled,
 * which inflate wall time without saying anything about the code. It still counts the engine's own helper threads
 * (V8's concurrent GC), and the CPU time that workers report for steps this process waited on, so it never hides
 * work.
 */
export function clockOf(name: ClockName): Clock {
  if (name === "wall") return now;
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000 + childCpuMs();
  };
}

/**
 * Runs `subject` for `warmupMs` (at least two steps); returns the batch that makes a sample last `sampleMs`, sized
 * from the fastest of the last three warm-up batches (a batch that met a GC pause or a busy machine would otherwise
 * shrink every later sample).
 */
export function warmUp(subject: Subject, budget: Budget, clock: Clock = now): number {
  const start = clock();
  let steps = 0;
  let batch = 1;
  const perStep: number[] = [];
  for (;;) {
    const t0 = clock();
    subject.run(batch);
    const dt = clock() - t0;
    steps += batch;
    perStep.push(dt / batch);
    if (clock() - start >= budget.warmupMs && steps >= 2) break;
    if (dt < budget.sampleMs / 4) batch *= 2;
  }
  const best = minOf(perStep.slice(-3));
  return best > 0 ? Math.max(1, Math.round(budget.sampleMs / best)) : 1;
}

interface Cell {
  readonly subject: Subject;
  batch: number;
  spent: number;
  readonly times: number[];
}

function needsMore(c: Cell, budget: Budget): boolean {
  const n = c.times.length;
  return n < budget.maxSamples && (n < budget.minSamples || c.spent < budget.cellMs);
}

/** Times every subject in interleaved rounds; returns the per-step time statistics (ms) by key. */
export async function measure(
  subjects: readonly Subject[],
  budget: Budget,
  options: HarnessOptions = {},
): Promise<Map<string, Summary>> {
  const clock = options.clock ?? now;
  const cells: Cell[] = [];
  for (const subject of subjects) {
    await subject.enter?.();
    cells.push({ subject, batch: warmUp(subject, budget, clock), spent: 0, times: [] });
  }
  for (let round = 0; cells.some((c) => needsMore(c, budget)); round++) {
    for (let i = 0; i < cells.length; i++) {
      const c = cells[(round + i) % cells.length];
      if (!needsMore(c, budget)) continue;
      if (c.subject.enter !== undefined && (await c.subject.enter())) c.subject.run(1);
      const t0 = clock();
      c.subject.run(c.batch);
      const dt = clock() - t0;
      c.spent += dt;
      c.times.push(dt / c.batch);
      options.onSample?.(c.subject.key);
    }
  }
  return new Map(cells.map((c) => [c.subject.key, summarize(c.times)]));
}

export interface PairedResult {
  /** Per-step time of each subject (ms), from the paired loop. */
  readonly a: Summary;
  readonly b: Summary;
  /** time(b) / time(a), one value per sample. */
  readonly ratio: Summary;
}

/** Times `a` and `b` with their steps alternating in one loop; the ratio is b's time over a's. */
export async function measurePaired(
  a: Subject,
  b: Subject,
  budget: Budget,
  options: HarnessOptions = {},
): Promise<PairedResult> {
  const clock = options.clock ?? now;
  await a.enter?.();
  const perA = budget.sampleMs / warmUp(a, budget, clock);
  const perB = budget.sampleMs / warmUp(b, budget, clock);
  const pairs = Math.max(1, Math.round(budget.sampleMs / (perA + perB)));
  const ta: number[] = [];
  const tb: number[] = [];
  const ratio: number[] = [];
  let spent = 0;
  const timed = (s: Subject): number => {
    const t0 = clock();
    s.run(1);
    return clock() - t0;
  };
  // The two subjects share one cell's budget each, so the pair gets twice a cell's time.
  while (ratio.length < budget.maxSamples && (ratio.length < budget.minSamples || spent < 2 * budget.cellMs)) {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < pairs; i++) {
      if ((i + ratio.length) % 2 === 0) {
        sa += timed(a);
        sb += timed(b);
      } else {
        sb += timed(b);
        sa += timed(a);
      }
    }
    spent += sa + sb;
    ta.push(sa / pairs);
    tb.push(sb / pairs);
    ratio.push(sb / sa);
    options.onSample?.(`${a.key}|${b.key}`);
  }
  return { a: summarize(ta), b: summarize(tb), ratio: summarize(ratio) };
}
