import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMain } from "./run-main.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = ["--data", "iris", "--kinds", "loss,gradient", "--scales", "0,0.5,2", "--optimizers", "sgd", "--seeds", "3",
  "--epochs", "2", "--hidden", "4", "--train-limit", "64"];

/** Starts a sweep from the real bin and kills it with SIGKILL once `lines` results are on disk (or at exit). */
function killAfter(out: string, lines: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["bin/tapegrad.js", "sweep", ...tiny, "--workers", "1", "--out", out], { stdio: "ignore" });
    const file = join(out, "results.jsonl");
    const timer = setInterval(() => {
      const have = existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 1 : 0;
      if (have >= lines) child.kill("SIGKILL");
    }, 5);
    child.on("close", () => (clearInterval(timer), done()));
  });
}

describe("kill -9 during a sweep, then --resume", () => {
  it("gives table.json and table.csv identical to an uninterrupted run's, whatever run it was killed in", async () => {
    const whole = join(dir, "whole");
    expect((await runMain(["sweep", ...tiny, "--workers", "1", "--out", whole])).code).toBe(0);
    const want = [readFileSync(join(whole, "table.json"), "utf8"), readFileSync(join(whole, "table.csv"), "utf8")];
    // The grid has 15 cells; kill points drawn once per run of the suite.
    const points = [0, 1 + Math.floor(Math.random() * 7), 8 + Math.floor(Math.random() * 6)];
    for (const [k, point] of points.entries()) {
      const out = join(dir, `killed-${k}`);
      await killAfter(out, point);
      const r = await runMain(["sweep", ...tiny, "--workers", "1", "--out", out, "--resume"]);
      expect(r.code, `killed after ${point} results: ${r.stderr}`).toBe(0);
      expect([readFileSync(join(out, "table.json"), "utf8"), readFileSync(join(out, "table.csv"), "utf8")]).toEqual(want);
    }
  }, 180_000);
});
