import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args.ts";
import { CliError } from "../../../src/cli/command.ts";
import { bench } from "../../../src/cli/commands/bench.ts";
import { memoryIo } from "../../../src/cli/io.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-bench-cli-"));
const run = async (argv: string[]) => {
  const io = memoryIo(true);
  const result = await bench.run(parseArgs(argv, bench.options), io);
  return { io, result };
};

describe("tapegrad bench", () => {
  it("runs the chosen micro-benchmark, prints its table and machine, and saves the same figures as JSON", async () => {
    const file = join(dir, "base.json");
    const { io, result } = await run(["--only", "detach", "--systems", "tapegrad", "--save", file]);
    expect(io.lines[0]).toMatch(/^tapegrad bench \(quick run, wall clock, \d+ s\): .*Node v\d+.*V8/);
    expect(io.lines.some((l) => /^detach a \[64\] tensor that requires grad\s+[\d.]+/.test(l))).toBe(true);
    const micro = result.micro as { id: string; system: string; time: { median: number; samples: number } }[];
    expect(micro.map((m) => [m.id, m.system])).toEqual([["detach", "tapegrad"]]);
    expect(micro[0].time.median).toBeGreaterThan(0);
    expect(micro[0].time.samples).toBeGreaterThanOrEqual(5);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.micro[0].time.median).toBe(micro[0].time.median);
    expect(saved.machine.cores).toBeGreaterThan(0);
  });

  it("--compare reads a saved run and lists each tapegrad figure with a verdict", async () => {
    const file = join(dir, "base2.json");
    await run(["--only", "detach", "--systems", "tapegrad", "--save", file, "--clock", "cpu"]);
    const { io, result } = await run(["--only", "detach", "--systems", "tapegrad", "--compare", file, "--clock", "cpu"]);
    const comparison = result.comparison as { key: string; verdict: string }[];
    expect(comparison.map((c) => c.key)).toEqual(["micro detach"]);
    expect(["slower", "faster", "same"]).toContain(comparison[0].verdict);
    expect(io.lines.some((l) => /figure\(s\) slower than the base beyond the measured noise/.test(l))).toBe(true);
  });

  it("rejects an unknown workload, system, clock or base file, naming it", async () => {
    await expect(run(["--only", "W9"])).rejects.toThrow(CliError);
    await expect(run(["--only", "W9"])).rejects.toThrow(/--only: unknown 'W9'/);
    await expect(run(["--systems", "torch"])).rejects.toThrow(/--systems: unknown system 'torch'/);
    await expect(run(["--clock", "sundial"])).rejects.toThrow(/--clock: expected wall or cpu/);
    await expect(run(["--only", "detach", "--compare", join(dir, "missing.json")])).rejects.toThrow(/--compare: cannot read/);
  });
});
