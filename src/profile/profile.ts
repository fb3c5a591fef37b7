/**
 * `profile(step)`: runs a step a few times under a tape observer and tells, per node kind, how many calls it
 * made, its forward and backward time, the bytes it allocated and kept for backward, and the shapes it saw.
 * `profile.region(name, fn)` marks a stretch of the user's own code; with no profile running it only calls `fn`.
 */
import { ArgumentError } from "../autograd/errors.ts";
import { observe } from "../autograd/observer.ts";
import { formatShape } from "../autograd/shape.ts";
import { toChromeTrace, type ChromeTrace } from "./chrome-trace.ts";
import { wallClock, type Clock } from "./harness.ts";
import { profileTable, type TableOptions } from "./profile-table.ts";
import { Recorder, type ProfileEvent } from "./recorder.ts";
import { quantile } from "./stats.ts";

export interface ProfileOptions {
  /** Profiled repetitions of the step (default 10); the figures are per step. */
  readonly repeat?: number;
  /** Unprofiled calls first, so the JIT has compiled the step (default 2). */
  readonly warmup?: number;
  /** Milliseconds from any origin; `performance.now()` by default. */
  readonly clock?: Clock;
}

/** One node kind's figures, per step: times in seconds, sizes in bytes. */
export interface ProfileRow {
  readonly kind: string;
  /** Forward calls (outside any backward), and how many of them recorded a node on the tape. */
  readonly calls: number;
  readonly nodes: number;
  /** Forward time less that of ops nested in it; backward time of its nodes, their rules' ops included. */
  readonly forward: number;
  readonly backward: number;
  readonly total: number;
  /** New storage made by its forward calls, and by its nodes' rules in backward. */
  readonly allocatedForward: number;
  readonly allocatedBackward: number;
  /** What its nodes keep for backward (`node.savedBytes` when recorded). */
  readonly saved: number;
  /** Distinct "inputs → output" shapes (only the output's when no node was recorded). */
  readonly shapes: readonly string[];
}

export interface RegionRow {
  readonly name: string;
  readonly calls: number;
  /** Seconds per step, nested regions and everything in them included. */
  readonly time: number;
}

export interface Profile {
  readonly repeat: number;
  /**
   * Step time (s), the profiler's own time cut out: the mean, which the rows (means per step) add up to, and the
   * median, which a preempted repetition does not move. `overhead`: the cut time, per step (median).
   */
  readonly step: number;
  readonly stepMedian: number;
  readonly overhead: number;
  /** Median over repetitions of (forward + backward of every kind) / step. */
  readonly coverage: number;
  readonly rows: readonly ProfileRow[];
  readonly regions: readonly RegionRow[];
  readonly events: readonly ProfileEvent[];
  /** A table like PyTorch's `key_averages().table()`. */
  table(options?: TableOptions): string;
  /** Trace Event Format JSON (Perfetto, chrome://tracing): forward, backward and regions on their own tracks. */
  toChromeTrace(): ChromeTrace;
}

let active: Recorder | null = null;

function shapeText(e: ProfileEvent): string {
  const out = e.output === null ? "" : formatShape(e.output.shape);
  return e.node === null ? `→ ${out}` : `${e.node.inputs.map((t) => formatShape(t.shape)).join(" × ")} → ${out}`;
}

interface Acc {
  calls: number;
  nodes: number;
  forward: number;
  backward: number;
  allocatedForward: number;
  allocatedBackward: number;
  saved: number;
  shapes: Set<string>;
}

/** Sums the events into per-kind rows and per-name regions, per step. */
function aggregate(events: readonly ProfileEvent[], repeat: number): { rows: ProfileRow[]; regions: RegionRow[] } {
  const kinds = new Map<string, Acc>();
  const regions = new Map<string, { calls: number; time: number }>();
  const acc = (kind: string): Acc => {
    let a = kinds.get(kind);
    if (a === undefined) {
      a = { calls: 0, nodes: 0, forward: 0, backward: 0, allocatedForward: 0, allocatedBackward: 0, saved: 0, shapes: new Set() };
      kinds.set(kind, a);
    }
    return a;
  };
  for (const e of events) {
    if (e.track === "region") {
      const r = regions.get(e.name) ?? { calls: 0, time: 0 };
      regions.set(e.name, { calls: r.calls + 1, time: r.time + (e.end - e.start) });
    } else if (e.track === "forward") {
      const a = acc(e.name);
      a.calls++;
      if (e.node !== null) a.nodes++;
      a.forward += e.self;
      a.allocatedForward += e.bytes;
      a.saved += e.saved;
      a.shapes.add(shapeText(e));
    } else if (e.output === null) {
      const a = acc(e.name);
      a.backward += e.self;
      a.allocatedBackward += e.bytes;
    }
  }
  const s = 1e-3 / repeat;
  const rows = [...kinds].map(([kind, a]) => ({
    kind, calls: a.calls / repeat, nodes: a.nodes / repeat, forward: a.forward * s, backward: a.backward * s,
    total: (a.forward + a.backward) * s, allocatedForward: a.allocatedForward / repeat,
    allocatedBackward: a.allocatedBackward / repeat, saved: a.saved / repeat, shapes: [...a.shapes],
  }));
  return { rows, regions: [...regions].map(([name, r]) => ({ name, calls: r.calls / repeat, time: r.time * s })) };
}

/** Per repetition, the time of every op's forward and every node's backward over the step's. */
function coverages(events: readonly ProfileEvent[], steps: readonly number[]): number[] {
  const covered = steps.map(() => 0);
  for (const e of events) if (e.track === "forward" || (e.track === "backward" && e.output === null)) covered[e.repeat] += e.self;
  return covered.map((c, r) => c / steps[r]);
}

const median = (v: readonly number[]): number => quantile([...v].sort((a, b) => a - b), 0.5);

function run<T>(fn: () => T, options: ProfileOptions = {}): Profile {
  if (typeof fn !== "function") throw new ArgumentError(`profile: the step must be a function, got ${typeof fn}`);
  const repeat = options.repeat ?? 10;
  const warmup = options.warmup ?? 2;
  if (!Number.isInteger(repeat) || repeat < 1) throw new ArgumentError(`profile: repeat must be a positive integer, got ${repeat}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new ArgumentError(`profile: warmup must be an integer ≥ 0, got ${warmup}`);
  for (let i = 0; i < warmup; i++) fn();
  const recorder = new Recorder(options.clock ?? wallClock);
  const outer = active;
  active = recorder;
  try {
    for (let r = 0; r < repeat; r++) observe(recorder, () => recorder.step(fn));
  } finally {
    active = outer;
  }
  const { events, steps } = recorder;
  const { rows, regions } = aggregate(events, repeat);
  const result: Profile = {
    repeat, step: (steps.reduce((a, b) => a + b, 0) / repeat) * 1e-3, stepMedian: median(steps) * 1e-3,
    overhead: median(recorder.overheads) * 1e-3,
    coverage: median(coverages(events, steps)), rows, regions, events,
    table: (o = {}) => profileTable(result, o),
    toChromeTrace: () => toChromeTrace(events),
  };
  return result;
}

/** Runs `fn` as a named region of the running profile (regions nest); with none running, just runs it. */
function region<T>(name: string, fn: () => T): T {
  return active === null ? fn() : active.region(name, fn);
}

export const profile: (<T>(fn: () => T, options?: ProfileOptions) => Profile) & { region: typeof region } =
  Object.assign(run, { region });
