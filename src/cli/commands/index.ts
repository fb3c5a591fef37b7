/**
 * Every command, by name, with its one-line summary; a command's module loads only when it runs, so that
 * `tapegrad --help` loads no engine code. Add a command by adding its file and one entry here.
 */
import type { Command } from "../command.ts";

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "demo", summary: "the seed's story end to end: L + n·L/L.detach() on a digits MLP, per sample, a short sweep, a report", load: async () => (await import("./demo.ts")).demo },
  { name: "example", summary: "backward through detach: the seed's perturbed loss on one weight, checked against (1 + n/L)", load: async () => (await import("./example.ts")).example },
  { name: "bench", summary: "benchmarks: W1–W5 beside jax-js, PyTorch, TF.js (CPU, WASM) and hand-written loops, micro-benchmarks, regression checks", load: async () => (await import("./bench.ts")).bench },
  { name: "explain", summary: "what detach does to backprop, scenario by scenario (seed, const, nodetach, persample, ste, hidden, second-order) or --expr", load: async () => (await import("./explain.ts")).explain },
  { name: "playground", summary: "write the playground (type an expression, drag its leaves, click edges to detach) as a static folder", load: async () => (await import("./playground.ts")).playground },
  { name: "report", summary: "one self-contained HTML page: every detach scenario with its graph and checked numbers (+ a sweep's plots)", load: async () => (await import("./report.ts")).report },
  { name: "train", summary: "train an MLP on a data set (digits, iris, breast-cancer, moons, …): per-epoch table, test accuracy, curves", load: async () => (await import("./train.ts")).trainCommand },
  { name: "sweep", summary: "the seed's experiment: accuracy under loss/per-sample/prediction/target/gradient noise across scales, optimizers and seeds", load: async () => (await import("./sweep.ts")).sweepCommand },
  { name: "profile", summary: "profile a step op by op: forward and backward time, bytes allocated and saved, shapes; --trace for Perfetto", load: async () => (await import("./profile.ts")).profileCommand },
];
