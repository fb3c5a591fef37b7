/**
 * Before/after in one process: tapegrad's float32 workloads from this tree and from another copy of the sources
 * (an older commit), their steps alternating in one loop (measurePaired), so that the machine's drift hits both.
 *   git archive <commit> src bench package.json | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/
 *   npx tsx bench/branch-ab.ts /tmp/base [W1,W2,W3,W4,W5] [--full]
 * The two copies are separate module graphs (their own tape, kernels and WebAssembly instances).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { clockOf } from "../src/cli/clock.ts";
import { FULL, QUICK, measurePaired, type Subject } from "../src/profile/harness.ts";
import { fmt, table } from "../src/profile/format.ts";
import type { System } from "./systems/system.ts";
import { tapegrad } from "./systems/tapegrad.ts";
import { workload, type WorkloadId } from "./workloads.ts";

const base = process.argv[2];
if (base === undefined || base.startsWith("W")) throw new Error("usage: branch-ab.ts <other tree> [W1,W2,...] [--full]");
const other = ((await import(pathToFileURL(resolve(base, "bench/systems/tapegrad.ts")).href)) as { tapegrad: System }).tapegrad;
const ids = (process.argv[3]?.startsWith("W") ? process.argv[3] : "W1,W2,W3,W4,W5").split(",") as WorkloadId[];
const budget = process.argv.includes("--full") ? FULL : QUICK;
const rows: string[][] = [["workload", "this ms", "other ms", "other/this (paired median)", "p10", "p90"]];
for (const id of ids) {
  const subject = (system: System, key: string): Subject => {
    const s = system.create(workload(id), "float32");
    return { key, run: (n) => s.run(n) };
  };
  const r = await measurePaired(subject(tapegrad, "this"), subject(other, "other"), budget, { clock: clockOf("cpu") });
  rows.push([id, fmt(r.a.median), fmt(r.b.median), fmt(r.ratio.median), fmt(r.ratio.p10), fmt(r.ratio.p90)]);
}
for (const line of table(rows, "lrrrrr")) console.log(line);
