/**
 * Tape overhead: a chain of 10^4 scalar ops (alternating mul, add, tanh, sub, with plain-number operands), run
 * forward and then backward, timed per node. With one-element tensors the arithmetic is negligible, so the figure
 * is what the engine spends per op on tensor construction, recording, the backward walk and gradient delivery.
 *
 *   npx tsx bench/tape.bench.ts [--nodes 10000] [--reps 30] [--gc young|full|none] [--clock wall|cpu] [--json]
 *   npx tsx bench/tape.bench.ts --bytes [--nodes 10000]
 *
 * Prints the median and p10/p90 over repetitions after a warm-up, for the whole and for forward and backward
 * apart. Goal: ≤ 150 ns per node (median) in the steady state (`--gc none`).
 *
 * NOTE: by default (`--gc young`) a young-generation collection (a scavenge) runs before each repetition,
 * outside the timed region, so that each repetition starts from an empty nursery and pays for its own garbage,
 * not for a random share of the previous repetitions'. That is ordinary measurement practice, not a discount,
 * but know what it means here: a 10^4-node repetition allocates less than V8's young generation holds, so no
 * collection runs inside it and the figure is the engine's own work. Without it (`--gc none`, the steady state)
 * a repetition that a scavenge lands in also pays for copying the whole live chain, and the median depends on
 * how many repetitions it lands in. `--gc full` runs a full collection (`gc()`) instead; on the reference 2-core VM that made the
 * figures swing several-fold: the collector's concurrent work after it runs on into the timed region and the
 * main thread waits for it (wall time far above CPU time, with no collection inside the timed region). The
 * collections need `global.gc`, so without `--expose-gc` the bench re-runs itself with it (as
 * `node --expose-gc --import tsx bench/tape.bench.ts` would).
 *
 * `--bytes` measures memory instead of time: the bytes allocated per node by a forward and backward (V8's sampling
 * heap profiler, counting what the collector has already freed too), and the bytes a chain keeps alive per node
 * until its backward (what the same profiler still holds of the chain's allocations after a full collection).
 *
 * `--clock cpu` times each repetition by the process's CPU time (all its threads, the collector's helpers among
 * them) instead of the wall clock: on a shared host, time the virtual machine spends descheduled then counts for
 * nothing, and a collector thread's work counts even while the main thread waits for it.
 */
import { spawnSync } from "node:child_process";
import { Session } from "node:inspector";
import { performance } from "node:perf_hooks";
import { tensor } from "../src/autograd/creation.ts";
import type { Tensor } from "../src/autograd/tensor.ts";
import { quantile } from "../src/profile/stats.ts";

/** What runs before each repetition: a young-generation collection, a full one, or nothing. */
type GcMode = "young" | "full" | "none";
const GC_MODES: readonly GcMode[] = ["young", "full", "none"];

interface Options {
  readonly bytes: boolean;
  readonly nodes: number;
  readonly reps: number;
  readonly gc: GcMode;
  readonly clock: "wall" | "cpu";
  readonly json: boolean;
}

function parse(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} needs a positive integer, got ${argv[i + 1]}`);
    return v;
  };
  const i = argv.indexOf("--gc");
  const gc = i < 0 ? "young" : argv[i + 1];
  if (!GC_MODES.includes(gc as GcMode)) throw new Error(`--gc needs one of ${GC_MODES.join(", ")}, got ${gc}`);
  const json = argv.includes("--json");
  const c = argv.indexOf("--clock");
  const clock = c < 0 ? "wall" : argv[c + 1];
  if (clock !== "wall" && clock !== "cpu") throw new Error(`--clock needs wall or cpu, got ${clock}`);
  const bytes = argv.includes("--bytes");
  return { bytes, nodes: value("--nodes", 10_000), reps: value("--reps", 30), gc: gc as GcMode, clock, json };
}

/** One chain of `nodes` recorded ops on a scalar leaf; returns the leaf and the chain's end. */
function chain(nodes: number): { x: Tensor; y: Tensor } {
  const x = tensor(0.5, { requiresGrad: true });
  let y = x;
  for (let i = 0; i < nodes; i++) {
    switch (i & 3) {
      case 0:
        y = y.mul(0.999);
        break;
      case 1:
        y = y.add(0.001);
        break;
      case 2:
        y = y.tanh();
        break;
      default:
        y = y.sub(0.0005);
    }
  }
  return { x, y };
}

interface Timing {
  readonly forward: number;
  readonly backward: number;
}

/** The process's CPU time, all threads, in milliseconds. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function once(nodes: number, collect: () => void, now: () => number): Timing {
  collect();
  const t0 = now();
  const { x, y } = chain(nodes);
  const t1 = now();
  y.backward();
  const t2 = now();
  if (x.grad === null || !Number.isFinite(x.grad.item())) throw new Error("tape bench: backward gave no gradient");
  return { forward: t1 - t0, backward: t2 - t1 };
}

interface Spread {
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
}

function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9) };
}

const show = (s: Spread): string => `${s.median.toFixed(0)} (p10 ${s.p10.toFixed(0)}, p90 ${s.p90.toFixed(0)})`;

/** V8's `gc`: a full collection, or a scavenge with `{ type: "minor" }`. */
type Gc = (options?: { type: "minor" }) => void;

/** What the figure covers in each mode, printed beside the goal so that no reading of it is mistaken. */
const MEANING: Record<GcMode, string> = {
  young: "for the engine's own work (no collection lands inside a repetition; --gc none gives the steady state)",
  full: "(a full collection before each repetition; see the header for why this mode swings)",
  none: "in the steady state (repetitions back to back, with the collector's share)",
};

function main(gc: Gc): void {
  const opts = parse(process.argv.slice(2));
  const collect = { young: () => gc({ type: "minor" }), full: () => gc(), none: () => {} }[opts.gc];
  const now = opts.clock === "cpu" ? cpuNow : () => performance.now();
  for (let i = 0; i < 10; i++) once(opts.nodes, collect, now);
  const runs: Timing[] = [];
  for (let i = 0; i < opts.reps; i++) runs.push(once(opts.nodes, collect, now));
  const perNode = (ms: number) => (ms * 1e6) / opts.nodes;
  const total = spread(runs.map((r) => perNode(r.forward + r.backward)));
  const forward = spread(runs.map((r) => perNode(r.forward)));
  const backward = spread(runs.map((r) => perNode(r.backward)));
  const goal = 150;
  console.log(
    `tape: chain of ${opts.nodes} scalar ops, ns/node over ${opts.reps} repetitions (--gc ${opts.gc}, ` +
      `${opts.clock} clock): ` +
      `forward + backward ${show(total)}; forward ${show(forward)}; backward ${show(backward)}; ` +
      `goal ≤ ${goal} median ${total.median <= goal ? "met" : "not met"} ${MEANING[opts.gc]}`,
  );
  if (opts.json) {
    const result = {
      nodes: opts.nodes,
      reps: opts.reps,
      gc: opts.gc,
      clock: opts.clock,
      nsPerNode: total.median,
      nsPerNodeP10: total.p10,
      nsPerNodeP90: total.p90,
      forwardNsPerNode: forward.median,
      forwardNsPerNodeP10: forward.p10,
      forwardNsPerNodeP90: forward.p90,
      backwardNsPerNode: backward.median,
      backwardNsPerNodeP10: backward.p10,
      backwardNsPerNodeP90: backward.p90,
      goalNsPerNode: goal,
    };
    console.log(JSON.stringify(result));
  }
}

/** Bytes per node: allocated by a forward and backward (sampled), and kept alive by the chain until backward. */
async function bytes(gc: Gc): Promise<void> {
  const opts = parse(process.argv.slice(2));
  for (let i = 0; i < 10; i++) once(opts.nodes, () => {}, () => 0);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  interface Sample { readonly selfSize: number; readonly children: readonly Sample[] }
  const sampled = async (): Promise<number> => {
    const { profile } = await post<{ profile: { head: Sample } }>("HeapProfiler.stopSampling");
    let total = 0;
    const visit = (n: Sample): void => {
      total += n.selfSize;
      n.children.forEach(visit);
    };
    visit(profile.head);
    return total;
  };
  // Alive: what was allocated while the chain was built and is still there after a full collection (the profiler
  // drops the samples of collected objects), read with the chain still held. Unlike the heap's size, this does not
  // depend on how far the collector's helper threads have swept when the reading is taken.
  await post("HeapProfiler.startSampling", { samplingInterval: 64 });
  const kept = chain(opts.nodes);
  gc();
  const alive = (await sampled()) / opts.nodes;
  kept.y.backward();
  const reps = 10;
  await post("HeapProfiler.startSampling", {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < reps; i++) chain(opts.nodes).y.backward();
  const total = await sampled();
  session.disconnect();
  const allocated = total / (reps * opts.nodes);
  console.log(
    `tape: chain of ${opts.nodes} scalar ops: ${allocated.toFixed(0)} bytes allocated per node (forward and backward, ` +
      `sampled over ${reps} chains), ${alive.toFixed(0)} bytes alive per node until backward`,
  );
  if (opts.json) console.log(JSON.stringify({ nodes: opts.nodes, bytesAllocatedPerNode: allocated, bytesAlivePerNode: alive }));
}

const gc = (globalThis as { gc?: Gc }).gc;
if (gc !== undefined) {
  if (process.argv.includes("--bytes")) await bytes(gc);
  else main(gc);
} else {
  const args = ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)];
  const child = spawnSync(process.execPath, args, { stdio: "inherit" });
  process.exitCode = child.status ?? 1;
}
