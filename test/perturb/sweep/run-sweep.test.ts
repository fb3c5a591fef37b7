import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cellKey } from "../../../src/perturb/sweep/grid.ts";
import { readResults } from "../../../src/perturb/sweep/records.ts";
import { runSweep, type SweepOptions } from "../../../src/perturb/sweep/run-sweep.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-sweep-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const small: SweepOptions = {
  grid: { kinds: ["loss", "target"], scales: [0, 0.5], optimizers: ["sgd"], seeds: [0, 1] },
  run: { epochs: 1, trainLimit: 160, hidden: [8] },
};
const strip = (rs: readonly { seconds: number }[]) => rs.map((r) => ({ ...r, seconds: 0 }));

describe("runSweep", () => {
  it("two worker threads give the same results as one thread, bit for bit (every run is seeded)", async () => {
    const one = await runSweep({ ...small, workers: 1 });
    const two = await runSweep({ ...small, workers: 2 });
    expect(two.workers).toBe(2);
    expect(one.results).toHaveLength(2 + 2 * 2); // clean × 2 seeds, then 2 kinds × 2 seeds at scale 0.5
    expect(strip(two.results)).toEqual(strip(one.results));
    expect(one.rows.map((r) => `${r.kind} ${r.scale} ${r.runs}`)).toEqual(["clean 0 2", "loss 0.5 2", "target 0.5 2"]);
  });

  it("appends each run to the results file; resume runs only the missing cells and keeps the rest", async () => {
    const file = join(dir, "resume.jsonl");
    const first = await runSweep({ ...small, workers: 1, resultsFile: file });
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(first.results.length);
    const more = await runSweep({ ...small, grid: { ...small.grid, seeds: [0, 1, 2] }, workers: 1, resultsFile: file, resume: true });
    expect(more.resumed).toBe(6);
    expect(more.ran).toBe(3);
    expect(readResults(file).results).toHaveLength(9);
    const again = await runSweep({ ...small, workers: 1, resultsFile: file, resume: true });
    expect(again.ran).toBe(0);
    expect(strip(again.results)).toEqual(strip(first.results));
  });

  it("shards 1/2 and 2/2 append disjoint halves whose union is the whole grid", async () => {
    const file = join(dir, "shards.jsonl");
    const a = await runSweep({ ...small, workers: 1, resultsFile: file, shard: { index: 1, count: 2 } });
    const b = await runSweep({ ...small, workers: 1, resultsFile: file, shard: { index: 2, count: 2 } });
    const keys = [...a.results, ...b.results].map(cellKey);
    expect(new Set(keys).size).toBe(6);
    const whole = await runSweep({ ...small, workers: 1, resultsFile: file, resume: true });
    expect(whole.ran).toBe(0);
    expect(whole.rows).toHaveLength(3);
  });
});
