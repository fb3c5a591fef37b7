import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  fixedYoungGeneration,
  relaunchArgs,
  setsYoungGeneration,
  startedForSuite,
  YOUNG_GENERATION_FLAGS,
} from "../../bench/young-generation.ts";

describe("the suite's fixed young generation", () => {
  it("is read from the Node options: the same minimum and maximum semi-space, the last of each winning", () => {
    expect(fixedYoungGeneration(YOUNG_GENERATION_FLAGS)).toBe(16);
    expect(fixedYoungGeneration([])).toBeNull();
    expect(fixedYoungGeneration(["--max-semi-space-size=16"])).toBeNull();
    expect(fixedYoungGeneration(["--min-semi-space-size=8", "--max-semi-space-size=16"])).toBeNull();
    const later = ["--min-semi-space-size=32", "--max-semi-space-size=32"];
    expect(fixedYoungGeneration([...YOUNG_GENERATION_FLAGS, ...later])).toBe(32);
  });

  it("is asked for once: a process whose options already size it (the user's choice) is not relaunched", () => {
    expect(setsYoungGeneration([])).toBe(false);
    expect(setsYoungGeneration(["--import", "tsx"])).toBe(false);
    expect(setsYoungGeneration(["--max-semi-space-size=64"])).toBe(true);
    // Ours first, so that the user's own options, after them, win.
    const execArgv = ["--import", "tsx", "--max-semi-space-size=64"];
    expect(relaunchArgs(execArgv, ["node", "bin/tapegrad.js", "bench", "--full"])).toEqual([
      ...YOUNG_GENERATION_FLAGS, ...execArgv, "bin/tapegrad.js", "bench", "--full",
    ]);
  });

  it("is asked for only by a process started for the suite (the CLI, bench/run.ts), not a program calling it", () => {
    expect(startedForSuite("bin/tapegrad.js")).toBe(true);
    expect(startedForSuite("bench/run.ts")).toBe(true);
    expect(startedForSuite(process.argv[1])).toBe(false);
    expect(startedForSuite("no/such/file.js")).toBe(false);
    expect(startedForSuite(undefined)).toBe(false);
  });

  it("holds in a real run of the command, which prints its result once and passes on its exit code", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["bin/tapegrad.js", "bench", ...args], { encoding: "utf8" });
    const ok = run("--only", "tape.record", "--systems", "tapegrad", "--json");
    expect(ok.status, ok.stderr).toBe(0);
    const lines = ok.stdout.trim().split("\n").filter((l) => l.startsWith("{"));
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]) as { machine: { youngGenerationMiB: number | null }; micro: { id: string }[] };
    expect(result.machine.youngGenerationMiB).toBe(16);
    expect(result.micro.map((m) => m.id)).toEqual(["tape.record"]);
    // A bad option is refused before any relaunch: exit 1, the message once.
    const bad = run("--clock", "sundial");
    expect(bad.status).toBe(1);
    expect(bad.stderr.match(/--clock: expected wall or cpu, got 'sundial'/g)).toHaveLength(1);
    // A failure in the child, after the run (a base file that is JSON but no bench result), is its exit code here.
    const base = join(mkdtempSync(join(tmpdir(), "tapegrad-young-")), "base.json");
    writeFileSync(base, "{}\n");
    const failed = run("--only", "tape.record", "--systems", "tapegrad", "--compare", base);
    expect(failed.status).toBe(1);
    expect(failed.stderr.match(/is not a tapegrad bench result/g)).toHaveLength(1);
  });
});
