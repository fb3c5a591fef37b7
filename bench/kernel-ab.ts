/**
 * Before/after in one run: tapegrad's float32 workloads with the f32x4 gemm kernel on and off (off is the
 * float64-accumulating gemm float32 used before), or with `--elementwise` the f32x4 elementwise kernels on and off
 * (off is the JavaScript loops), interleaved by the harness so drift hits both alike.
 *   npx tsx bench/kernel-ab.ts [W1,W2,W3,W4] [--full] [--elementwise]
 */
import { setElementwiseF32 } from "../src/autograd/kernels/elementwise-f32-wasm.ts";
import { setF32Kernels } from "../src/autograd/kernels/gemm-f32-wasm.ts";
import { clockOf } from "../src/cli/clock.ts";
import { FULL, QUICK, measure, type Subject } from "../src/profile/harness.ts";
import { fmt, table } from "../src/profile/format.ts";
import { tapegrad } from "./systems/tapegrad.ts";
import { workload, type WorkloadId } from "./workloads.ts";

const ids = (process.argv[2]?.startsWith("W") ? process.argv[2] : "W1,W2,W3,W4").split(",") as WorkloadId[];
const budget = process.argv.includes("--full") ? FULL : QUICK;
const toggle = process.argv.includes("--elementwise") ? setElementwiseF32 : setF32Kernels;
const rows: string[][] = [["workload", "f32x4 ms", "before ms", "before/after", "±rme after", "±rme before"]];
for (const id of ids) {
  const variant = (on: boolean): Subject => {
    const s = tapegrad.create(workload(id), "float32");
    return { key: on ? "on" : "off", enter: async () => (toggle(on), false), run: (n) => s.run(n) };
  };
  const stats = await measure([variant(true), variant(false)], budget, { clock: clockOf("cpu") });
  const on = stats.get("on"), off = stats.get("off");
  if (on === undefined || off === undefined) continue;
  rows.push([id, fmt(on.median), fmt(off.median), fmt(off.median / on.median), `${(100 * on.rme).toFixed(1)}%`, `${(100 * off.rme).toFixed(1)}%`]);
}
for (const line of table(rows, "lrrrrr")) console.log(line);
