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
 * Ratios such as W5/W2 are measured paired, and `compare` measures any number of subjects that way: the subjects'
 * steps alternate in one loop (the order rotating every round), each subject's chunk timed, so that every sample
 * of every subject comes from the same stretch of time and their ratio cancels the machine's drift.
 *
 * Browser-safe: the default clock is `performance.now()`; a process CPU clock comes from the Node side
 * (`src/cli/clock.ts`) through the `clock` option.
 */
import { summarize, type Summary } from "./stats.ts";
import { minOf } from "../plot/extent.ts";

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
  /** What a noisy figure's note tells the reader to do (stats.ts has the suite's). */
  readonly remedy?: string;
}

/** Wall-clock milliseconds: the default clock, in browsers and Node alike. */
export const wallClock: Clock = () => performance.now();

/**
 * Runs `subject` for `warmupMs` (at least two steps); returns the batch that makes a sample last `sampleMs`, sized
 * from the fastest of the last three warm-up batches (a batch that met a GC pause or a busy machine would otherwise
 * shrink every later sample).
 */
export function warmUp(subject: Subject, budget: Budget, clock: Clock = wallClock): number {
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
  const clock = options.clock ?? wallClock;
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
  return new Map(cells.map((c) => [c.subject.key, summarize(c.times, options.remedy)]));
}

/** Per-step times (ms) of each subject, one per sample; sample k of every subject covers the same stretch of time. */
export type InterleavedTimes = readonly (readonly number[])[];

/**
 * A subject's chunk in an interleaved round: enough steps to last `sampleMs / 4`, so that a function of a few
 * microseconds is not timed one call at a time (the clock's resolution and cost would dominate), while a step of
 * a millisecond or more is still timed one step at a time, alternating with the others step by step.
 */
function chunkSteps(msPerStep: number, budget: Budget): number {
  return Math.max(1, Math.round(budget.sampleMs / 4 / msPerStep));
}

/**
 * Times `subjects` in one loop: each round runs one chunk of every subject, starting one subject further along
 * each round, and a sample is as many rounds as fill `sampleMs`. Stops at `maxSamples`, or once it has
 * `minSamples` and has spent a cell's time per subject.
 */
export async function measureInterleaved(
  subjects: readonly Subject[],
  budget: Budget,
  options: HarnessOptions = {},
): Promise<InterleavedTimes> {
  const clock = options.clock ?? wallClock;
  // The subjects share one state (one system's workloads, or one page's functions): entered once, up front.
  await subjects[0]?.enter?.();
  const perStep = subjects.map((s) => budget.sampleMs / warmUp(s, budget, clock));
  const chunks = perStep.map((ms) => chunkSteps(ms, budget));
  let roundMs = 0;
  for (let k = 0; k < subjects.length; k++) roundMs += chunks[k] * perStep[k];
  const rounds = Math.max(1, Math.round(budget.sampleMs / roundMs));
  const times: number[][] = subjects.map(() => []);
  let spent = 0;
  const key = subjects.map((s) => s.key).join("|");
  while (times[0].length < budget.maxSamples && (times[0].length < budget.minSamples || spent < subjects.length * budget.cellMs)) {
    const sums = new Array<number>(subjects.length).fill(0);
    const sample = times[0].length;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < subjects.length; i++) {
        const k = (r + sample + i) % subjects.length;
        const t0 = clock();
        subjects[k].run(chunks[k]);
        sums[k] += clock() - t0;
      }
    }
    for (let k = 0; k < subjects.length; k++) {
      spent += sums[k];
      times[k].push(sums[k] / (rounds * chunks[k]));
    }
    options.onSample?.(key);
  }
  return times;
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
  const [ta, tb] = await measureInterleaved([a, b], budget, options);
  const r = options.remedy;
  return { a: summarize(ta, r), b: summarize(tb, r), ratio: summarize(ta.map((x, i) => tb[i] / x), r) };
}
