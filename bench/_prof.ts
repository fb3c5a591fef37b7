import { tapegrad } from "./systems/tapegrad.ts";
import { workload } from "./workloads.ts";
const id = (process.env.W ?? "W2") as "W2";
const s = tapegrad.create(workload(id), "float32");
const t0 = performance.now(); let n = 0;
while (performance.now() - t0 < 4000) { s.run(10); n += 10; }
console.log(id, n / 4, "steps/s wall");
