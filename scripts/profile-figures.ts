/**
 * The figures of issue 15's note, each a paired `compare` on the CPU clock over the bench suite's W2 (digits MLP,
 * float32) step:
 *   1. W2 against W5 with the composed and with the fused perturbation node;
 *   2. profiling on against off: the step, and the step run under `profile` (one repetition, no warm-up).
 * What the idle observer hooks cost (profiling off) needs the engine before them: scripts/engine-ab.ts.
 *
 *   npx tsx scripts/profile-figures.ts [--budget 3000]
 */
import { cpuClock } from "../src/cli/clock.ts";
import { compare, profile } from "../src/index.ts";
import type { Stepper, System } from "../bench/systems/system.ts";
import { tapegrad } from "../bench/systems/tapegrad.ts";
import { workload, type MlpWorkload } from "../bench/workloads.ts";

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const budgetMs = Number(option("budget") ?? 3000);
const options = { clock: cpuClock, budgetMs, warmupMs: 500 };
const w2 = workload("W2") as MlpWorkload;
const stepOf = (system: System, perturbed: MlpWorkload["perturbed"]): (() => void) => {
  const s: Stepper = system.create({ ...w2, perturbed }, "float32");
  return () => s.run(1);
};

const perturbation = await compare(
  { W2: stepOf(tapegrad, false), "W5 composed": stepOf(tapegrad, "composed"), "W5 fused": stepOf(tapegrad, "fused") },
  options,
);
console.log("1. the perturbation node on W2 (CPU clock, paired)\n" + perturbation.table() + "\n");

const step = stepOf(tapegrad, false);
const onOff = await compare({ off: step, on: () => profile(step, { repeat: 1, warmup: 0 }) }, options);
console.log("2. profiling on against off (CPU clock, paired)\n" + onOff.table() + "\n");
