import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.ts";
import { CliError } from "../../src/cli/command.ts";
import { demo } from "../../src/cli/commands/demo.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { accuracyTable, runDemo } from "../../src/explain/demo.ts";
import { hasChromium, openInChromium, SKIP_MESSAGE } from "../explain/chromium.ts";

const dir = () => mkdtempSync(join(tmpdir(), "tapegrad-demo-"));

describe("runDemo (the pieces, with a one-cell-per-kind sweep)", () => {
  it("the digits seed scenario's every ratio is 1 + n/L; the report holds every scenario and the sweep", async () => {
    const r = await runDemo({
      n: 0.5,
      grid: { kinds: ["loss"], scales: [0, 1], optimizers: ["sgd"], seeds: [0] },
      run: { epochs: 1, trainLimit: 128 },
      workers: 1,
    });
    const f = 1 + 0.5 / r.seed.numbers.L;
    expect(r.seed.numbers.factor).toBe(f);
    // Normwise deviation of float64 gradients a few roundings apart (see the seed scenario's tolerance).
    for (const g of r.seed.gradients) expect(Math.abs(g.ratio! - f)).toBeLessThan(1e-12 * f);
    expect(r.seed.gradients.map((g) => g.name)).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(r.persample.numbers.batch).toBe(8);
    for (const s of [r.seed, r.persample, ...r.others]) {
      for (const i of s.identities) expect(i.holds, `${s.name}: ${i.text}`).toBe(true);
    }
    expect(r.sweep!.results).toHaveLength(2); // clean at 0, loss at 1
    expect(r.accuracy!.rows).toEqual([["sgd", "loss", expect.any(String), expect.any(String)]]);
    expect(r.html).toContain('id="sweep"');
    expect((r.html.match(/<figure class="graph">/g) ?? []).length).toBeGreaterThanOrEqual(7);
  });

  it("accuracyTable: one row per optimizer and kind, the clean run in the scale-0 column", async () => {
    const r = await runDemo({
      grid: { kinds: ["loss", "target"], scales: [0, 3], optimizers: ["sgd"], seeds: [0] },
      run: { epochs: 1, trainLimit: 64 },
      workers: 1,
    });
    const t = accuracyTable(r.sweep!);
    expect(t.columns).toEqual(["optimizer", "noise", "s = 0 (clean)", "s = 3"]);
    expect(t.rows.map((row) => row.slice(0, 2))).toEqual([["sgd", "loss"], ["sgd", "target"]]);
    const clean = r.sweep!.rows.find((row) => row.kind === "clean")!;
    expect(t.rows[0][2]).toBe(`${clean.accuracyMean.toFixed(3)} ± ${clean.accuracyStd.toFixed(3)}`);
    expect(t.rows[1][2]).toBe(t.rows[0][2]);
  });
});

describe("tapegrad demo", () => {
  it("an unwritable report path is a CliError before any work", async () => {
    const out = join(dir(), "missing", "demo.html");
    const io = memoryIo();
    const start = Date.now();
    await expect(demo.run(parseArgs(["--out", out], demo.options), io)).rejects.toThrow(CliError);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(io.lines).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("npm start (tapegrad demo) runs the whole story in under 60 s and prints the report's path", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.scripts.start).toBe("node bin/tapegrad.js demo");
    const out = join(dir(), "demo.html");
    const start = Date.now();
    const run = spawnSync("node", ["bin/tapegrad.js", "demo", "--out", out, "--json"], { encoding: "utf8" });
    const seconds = (Date.now() - start) / 1000;
    expect(run.status, run.stderr).toBe(0);
    expect(seconds).toBeLessThan(60);
    const lines = run.stdout.trimEnd().split("\n");
    const result = JSON.parse(lines.at(-1)!);
    expect(result.held).toBe(result.identities);
    for (const ratio of Object.values(result.ratios) as number[]) {
      expect(Math.abs(ratio - result.factor)).toBeLessThan(1e-12 * Math.abs(result.factor));
    }
    expect(run.stdout).toContain(out);
    expect(run.stdout).toMatch(/A short sweep: \d+ training runs/);
    expect(readFileSync(out, "utf8")).toContain('id="sweep"');
    if (hasChromium) {
      const page = await openInChromium(out);
      expect(page.consoleErrors).toEqual([]);
      expect(page.externalRequests).toEqual([]);
      for (const [w, h] of page.figures) expect(w * h).toBeGreaterThan(0);
    } else console.warn(SKIP_MESSAGE);
  }, 90_000);
});
