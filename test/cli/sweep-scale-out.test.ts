import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-scale-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = ["--data", "iris", "--kinds", "loss,gradient", "--scales", "0,0.5", "--optimizers", "sgd,adam", "--seeds", "2",
  "--epochs", "1", "--hidden", "4", "--train-limit", "64"];

/** The real bin in a child process with the scheduler's variables; resolves with the exit code and stderr. */
function shard(out: string, env: Record<string, string>, extra: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["bin/tapegrad.js", "sweep", ...tiny, "--workers", "1", "--out", out, "--shard", "auto", ...extra], {
      env: { ...process.env, ...env },
    });
    let stderr = "";
    child.stderr.on("data", (b) => (stderr += String(b)));
    child.on("close", (code) => done({ code, stderr }));
  });
}

async function quiet(argv: string[]): Promise<number> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await main(argv);
  } finally {
    process.stdout.write = write;
  }
}

const table = (out: string) => [readFileSync(join(out, "table.json")), readFileSync(join(out, "table.csv"))];

describe("sweeps past one machine", () => {
  it("3 Kubernetes-indexed and 3 SLURM-array shards, merged, give the unsharded table byte for byte", async () => {
    const whole = join(dir, "whole");
    expect(await quiet(["sweep", ...tiny, "--workers", "1", "--out", whole])).toBe(0);
    const k8s = join(dir, "k8s");
    const slurm = join(dir, "slurm");
    const runs = await Promise.all([
      ...[0, 1, 2].map((k) => shard(k8s, { JOB_COMPLETION_INDEX: String(k) }, ["--shards", "3"])),
      // an array 5-7, as `sbatch --array=5-7` numbers it
      ...[5, 6, 7].map((id) => shard(slurm, {
        SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: "5", SLURM_ARRAY_TASK_MAX: "7", SLURM_ARRAY_TASK_COUNT: "3",
      })),
    ]);
    for (const r of runs) expect(r).toEqual({ code: 0, stderr: "" });
    expect(readdirSync(k8s).filter((f) => f.endsWith(".jsonl")).sort()).toEqual(
      ["results.shard-1-of-3.jsonl", "results.shard-2-of-3.jsonl", "results.shard-3-of-3.jsonl"],
    );
    for (const sharded of [k8s, slurm]) {
      expect(await quiet(["sweep", "merge", ...tiny, sharded, "--out", sharded])).toBe(0);
      expect(table(sharded)).toEqual(table(whole));
    }
  }, 120_000);

  it("merge refuses results of another configuration and reports missing cells", async () => {
    const out = join(dir, "k8s");
    const errors: string[] = [];
    const error = console.error;
    console.error = (m: string) => void errors.push(m);
    try {
      expect(await quiet(["sweep", "merge", ...tiny, "--epochs", "2", out, "--out", join(dir, "m1")])).toBe(1);
      expect(errors.at(-1)).toMatch(/holds results of another configuration \(fingerprint [0-9a-f]{16}\); the options given .* have fingerprint/);
      expect(await quiet(["sweep", "merge", ...tiny, join(out, "results.shard-1-of-3.jsonl"), "--out", join(dir, "m2")])).toBe(1);
      expect(errors.at(-1)).toMatch(/cell\(s\) missing: rerun their shards/);
    } finally {
      console.error = error;
    }
  });
});
