import { resolve, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args.ts";
import { bench } from "../../../src/cli/commands/bench.ts";
import { memoryIo } from "../../../src/cli/io.ts";

const fixture = (name: string) => join(resolve(import.meta.dirname, "../../fixtures/profile"), name);
const run = async (argv: string[]) => {
  const io = memoryIo(true);
  const result = await bench.run(parseArgs(argv, bench.options), io);
  return { io, result };
};

describe("tapegrad bench --fn", () => {
  it("measures the module's step with the suite's statistics and returns them as JSON", async () => {
    const { io, result } = await run(["--fn", fixture("step.mjs"), "--clock", "cpu"]);
    expect(io.lines[0]).toMatch(/^tapegrad bench --fn .*step\.mjs \(quick run, cpu clock\): [\d.]+ [µmn]?s per call \(median of \d+ samples\)/);
    const m = result.measurement as { median: number; samples: number; p10: number; p90: number };
    expect(m.samples).toBeGreaterThanOrEqual(5);
    expect(m.p10).toBeLessThanOrEqual(m.median);
    expect(m.median).toBeLessThanOrEqual(m.p90);
    expect(result.clock).toBe("cpu");
  });

  it("refuses suite options beside --fn, a bad clock, and a bad module, naming each", async () => {
    await expect(run(["--fn", fixture("step.mjs"), "--only", "W2"])).rejects.toThrow(/--only applies to the suite, not to --fn/);
    await expect(run(["--fn", fixture("step.mjs"), "--clock", "sundial"])).rejects.toThrow(/--clock: expected wall or cpu/);
    await expect(run(["--fn", fixture("no-default.mjs")])).rejects.toThrow(/bench --fn: .*has no default export/);
    await expect(run(["--fn", fixture("step-throws.mjs")])).rejects.toThrow(/the step in .* threw TypeError/);
  });
});
