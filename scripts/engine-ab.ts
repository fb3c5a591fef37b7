/**
 * Two copies of the engine compared step for step, each in processes of its own: loaded into one process, two
 * copies of even the same engine differ by several percent (measured: a copy of itself 1.06×, [1.05, 1.07]), so
 * the pairing is by process instead. Each round runs one process per engine (order swapped every round), each
 * process measures the W2 step with `benchmark` on the CPU clock; the verdict is `compare`'s, on the per-round
 * ratios of medians.
 *
 *   git archive <commit> src bench | tar -x -C /tmp/before     (and node_modules linked beside it)
 *   npx tsx scripts/engine-ab.ts /tmp/before . [--rounds 10] [--budget 2000]
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { cpuClock } from "../src/cli/clock.ts";
import { benchmark } from "../src/profile/benchmark.ts";
import { bootstrapMedian } from "../src/profile/bootstrap.ts";
import { verdictOf } from "../src/profile/compare.ts";
import { quantile } from "../src/profile/stats.ts";
import type { System } from "../bench/systems/system.ts";
import { workload, type MlpWorkload } from "../bench/workloads.ts";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const budgetMs = option("budget", 2000);

if (argv[0] === "--child") {
  const { tapegrad } = (await import(`${resolve(argv[1])}/bench/systems/tapegrad.ts`)) as { tapegrad: System };
  const stepper = tapegrad.create({ ...(workload("W2") as MlpWorkload), perturbed: false }, "float32");
  const m = await benchmark(() => stepper.run(1), { clock: cpuClock, budgetMs, warmupMs: 1000 });
  process.stdout.write(`${m.median}\n`);
} else {
  const [a, b] = [resolve(argv[0]), resolve(argv[1])];
  const rounds = option("rounds", 10);
  const child = (dir: string): number => {
    const r = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", dir, "--budget", String(budgetMs)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`child for ${dir} failed: ${r.stderr}`);
    return Number(r.stdout.trim());
  };
  const ratios: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const [ta, tb] = k % 2 === 0 ? [child(a), child(b)] : [child(b), child(a)].reverse();
    ratios.push(tb / ta);
    console.log(`round ${k + 1}: A ${(ta * 1e6).toFixed(1)} µs, B ${(tb * 1e6).toFixed(1)} µs, B/A ${(tb / ta).toFixed(4)}`);
  }
  const [low, high] = bootstrapMedian(ratios);
  const median = quantile([...ratios].sort((x, y) => x - y), 0.5);
  console.log(verdictOf(`A (${argv[0]})`, `B (${argv[1]})`, median, low, high, 0.01).verdict);
}
