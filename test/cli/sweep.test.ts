import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.ts";
import { sweepCommand } from "../../src/cli/commands/sweep.ts";
import { sweepMerge } from "../../src/cli/commands/sweep-merge.ts";
import { memoryIo } from "../../src/cli/io.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-sweep-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = ["--kinds", "loss,gradient", "--scales", "0,0.5", "--optimizers", "sgd", "--seeds", "2", "--epochs", "1",
  "--train-limit", "128", "--hidden", "8"];

async function run(argv: string[]) {
  const io = memoryIo(true);
  const result = await sweepCommand.run(parseArgs(argv, sweepCommand.options), io);
  return { io, result };
}

describe("tapegrad sweep", () => {
  it("prints the table with accuracy ± std, uphill, Φ(−L/s) and mean |fac|, writes every output, and returns the table last", async () => {
    const out = join(dir, "a");
    const { io, result } = await run([...tiny, "--out", out, "--workers", "1", "--lr-sgd", "0.05"]);
    expect((result.run as { lr: { sgd: number; adam: number } }).lr).toMatchObject({ sgd: 0.05, adam: 0.003 });
    const text = io.lines.join("\n");
    expect(text).toMatch(/optimizer\s+noise\s+scale\s+accuracy\s+± std\s+uphill\s+Φ\(−L\/s\)\s+mean \|fac\|/);
    expect(text).toMatch(/sgd\s+clean\s+0\s+[\d.]+%/);
    expect(text).toMatch(/sgd\s+gradient\s+0\.5\s+[\d.]+%\s+[\d.]+\s+-\s+-\s+-/);
    for (const f of ["results.jsonl", "table.json", "table.csv", "accuracy.svg", "fac.svg"]) expect(existsSync(join(out, f))).toBe(true);
    expect(Object.keys(result).at(-1)).toBe("table");
    expect((result.table as unknown[]).length).toBe(3);
    expect(readFileSync(join(out, "accuracy.svg"), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(readFileSync(join(out, "table.csv"), "utf8").split("\n")[0]).toMatch(/^kind,scale,optimizer,runs,accuracyMean/);
  });

  it("--shard writes only its own results file; merge makes the table; --resume runs nothing twice", async () => {
    const out = join(dir, "b");
    await run([...tiny, "--out", out, "--workers", "1", "--shard", "1/2"]);
    expect(existsSync(join(out, "table.json"))).toBe(false);
    expect(existsSync(join(out, "results.shard-1-of-2.jsonl"))).toBe(true);
    await run([...tiny, "--out", out, "--workers", "1", "--shard", "2/2"]);
    const io = memoryIo(true);
    const merged = await sweepMerge.run(parseArgs([...tiny, out, "--out", out], sweepMerge.options, Infinity), io);
    expect(merged.runs).toBe(6);
    const { result } = await run([...tiny, "--out", join(dir, "b-whole"), "--workers", "1"]);
    expect(merged.table).toEqual(result.table);
    const again = await run([...tiny, "--out", join(dir, "b-whole"), "--workers", "1", "--resume"]);
    expect([again.result.ran, again.result.resumed]).toEqual([0, 6]);
  });

  it("bad kinds, optimizers, data sets and shards are user errors naming the value", async () => {
    await expect(run(["--kinds", "weights"])).rejects.toThrow(/--kinds: unknown value 'weights'/);
    await expect(run(["--optimizers", "rmsprop"])).rejects.toThrow(/--optimizers: unknown value 'rmsprop'/);
    await expect(run(["--data", "mnist"])).rejects.toThrow(/--data: unknown data set 'mnist'/);
    await expect(run(["--shard", "0/2"])).rejects.toThrow(/--shard: expected i\/n/);
  });

  it("runs from bin/tapegrad.js on two worker threads, and --json ends stdout with the table", () => {
    const out = join(dir, "c");
    const stdout = execFileSync(process.execPath, ["bin/tapegrad.js", "sweep", ...tiny, "--out", out, "--workers", "2", "--json"], {
      encoding: "utf8",
    });
    const last = JSON.parse(stdout.trim().split("\n").at(-1) as string);
    expect(last.workers).toBe(2);
    expect(last.ran).toBe(6);
    expect(last.table.map((r: { kind: string }) => r.kind)).toEqual(["clean", "loss", "gradient"]);
  });
});
