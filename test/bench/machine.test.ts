import { describe, expect, it } from "vitest";
import { describeMachine, machineLine, runtimeLine } from "../../bench/machine.ts";
import { formatReport } from "../../bench/report.ts";
import { QUICK } from "../../src/profile/harness.ts";
import { summarize } from "../../src/profile/stats.ts";
import { hasRelaxedSimd } from "../../src/autograd/kernels/wasm-features.ts";

describe("the runtime a bench ran on", () => {
  it("is this process's Node and V8, and whether relaxed SIMD validates, in the header and every table title", () => {
    const machine = describeMachine();
    expect(machine.relaxedSimd).toBe(hasRelaxedSimd());
    const runtime = runtimeLine(machine);
    const young = machine.youngGenerationMiB === null ? "sized by V8" : `${machine.youngGenerationMiB} MiB`;
    expect(runtime).toBe(
      `Node ${process.version} (V8 ${process.versions.v8}, wasm relaxed SIMD ${hasRelaxedSimd() ? "yes" : "no"}, young generation ${young})`,
    );
    expect(machineLine(machine)).toContain(runtime);
    const time = summarize([2, 2.1, 1.9, 2, 2.05]);
    const report = formatReport({
      format: "tapegrad-bench/1", mode: "quick", clock: "wall", budget: QUICK, machine, seconds: 1,
      cells: [{ workload: "W1", dtype: "float32", system: "tapegrad", time, stepsPerSec: 500, gflops: null }],
      pairs: [{ system: "tapegrad", w2: time, w5: time, ratio: time, perturbation: "composed" }],
      micro: [],
    });
    const titles = report.filter((line, i) => i > 0 && report[i - 1] === "");
    expect(titles.length).toBeGreaterThanOrEqual(3);
    for (const title of titles) expect(title.endsWith(`; ${runtime}`)).toBe(true);
  });

  it("a result saved before relaxed SIMD and the young generation were recorded prints without them", () => {
    const { relaxedSimd: _, youngGenerationMiB: __, ...old } = describeMachine();
    expect(runtimeLine(old)).toBe(`Node ${process.version} (V8 ${process.versions.v8})`);
  });
});
