/**
 * Tape overhead: a chain of 10^4 scalar ops (alternating mul, add, tanh, sub, with plain-number operands), run
 * forward and then backward, timed per node. With one-element tensors the arithmetic is negligible, so the figure
 * is what the engine spends per op on tensor construction, recording, the backward walk and gradient delivery.
 *
 *   npx tsx bench/tape.bench.ts [--nodes 10000] [--reps 30] [--json]
 *
 * Prints the median (and min, max) over repetitions after a warm-up. Goal: ≤ 300 ns per node.
 */
import { performance } from "node:perf_hooks";
import { tensor } from "../src/autograd/creation.ts";
import type { Tensor } from "../src/autograd/tensor.ts";

interface Options {
  readonly nodes: number;
  readonly reps: number;
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
  return { nodes: value("--nodes", 10_000), reps: value("--reps", 30), json: argv.includes("--json") };
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

function once(nodes: number): Timing {
  const t0 = performance.now();
  const { x, y } = chain(nodes);
  const t1 = performance.now();
  y.backward();
  const t2 = performance.now();
  if (x.grad === null || !Number.isFinite(x.grad.item())) throw new Error("tape bench: backward gave no gradient");
  return { forward: t1 - t0, backward: t2 - t1 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const opts = parse(process.argv.slice(2));
  for (let i = 0; i < 10; i++) once(opts.nodes);
  const runs: Timing[] = [];
  for (let i = 0; i < opts.reps; i++) runs.push(once(opts.nodes));
  const perNode = (ms: number) => (ms * 1e6) / opts.nodes;
  const total = runs.map((r) => perNode(r.forward + r.backward));
  const result = {
    nodes: opts.nodes,
    reps: opts.reps,
    nsPerNode: median(total),
    nsPerNodeMin: Math.min(...total),
    nsPerNodeMax: Math.max(...total),
    forwardNsPerNode: median(runs.map((r) => perNode(r.forward))),
    backwardNsPerNode: median(runs.map((r) => perNode(r.backward))),
    goalNsPerNode: 300,
  };
  console.log(
    `tape: chain of ${opts.nodes} scalar ops, forward + backward: ${result.nsPerNode.toFixed(0)} ns/node median ` +
      `(min ${result.nsPerNodeMin.toFixed(0)}, max ${result.nsPerNodeMax.toFixed(0)}; forward ` +
      `${result.forwardNsPerNode.toFixed(0)}, backward ${result.backwardNsPerNode.toFixed(0)}) over ${opts.reps} ` +
      `repetitions; goal ≤ ${result.goalNsPerNode} ns/node ` +
      (result.nsPerNode <= result.goalNsPerNode ? "met" : "not met"),
  );
  if (opts.json) console.log(JSON.stringify(result));
}

main();
