import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.ts";
import { CliError } from "../../src/cli/command.ts";
import { report } from "../../src/cli/commands/report.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { SCENARIO_NAMES } from "../../src/explain/scenario.ts";
import { writeSweepOutputs } from "../../src/perturb/sweep/output.ts";
import { runSweep } from "../../src/perturb/sweep/run-sweep.ts";
import { hasChromium, openInChromium, SKIP_MESSAGE } from "../explain/chromium.ts";

const dir = () => mkdtempSync(join(tmpdir(), "tapegrad-report-"));
const run = (argv: string[]) => {
  const io = memoryIo();
  return report.run(parseArgs(argv, report.options), io).then((result) => ({ io, result }));
};

function sweepFile(d: string): string {
  const runs = [
    { kind: "clean", scale: 0, seed: 0, acc: 0.95 },
    { kind: "clean", scale: 0, seed: 1, acc: 0.94 },
    { kind: "loss", scale: 1, seed: 0, acc: 0.7 },
    { kind: "loss", scale: 1, seed: 1, acc: 0.6 },
  ].map((r) => JSON.stringify({
    kind: r.kind, scale: r.scale, optimizer: "sgd", seed: r.seed, testAccuracy: r.acc, trainLoss: 0.2,
    uphillFraction: r.kind === "loss" ? 0.05 : null, predictedUphill: r.kind === "loss" ? 0.04 : null,
    meanAbsFac: r.kind === "loss" ? 2 : null, facByEpoch: [], lossByEpoch: [], steps: 10, seconds: 1, diverged: false,
  }));
  const path = join(d, "sweep.jsonl");
  writeFileSync(path, runs.join("\n") + "\n");
  return path;
}

describe("tapegrad report", () => {
  it("writes one HTML page with every scenario and the sweep's plots, and says where", async () => {
    const d = dir();
    const out = join(d, "report.html");
    const { io, result } = await run(["--out", out, "--sweep", sweepFile(d)]);
    const html = readFileSync(out, "utf8");
    for (const name of SCENARIO_NAMES) expect(html).toContain(`id="scenario-${name}"`);
    expect(html).toContain('id="sweep"');
    expect(io.lines.at(-1)).toBe(`report written to ${out}`);
    expect(result.held).toBe(result.identities);
    expect(readdirSync(d).sort()).toEqual(["report.html", "sweep.jsonl"]);
  });

  it("reads what 'tapegrad sweep' writes: its JSON lines of runs and its table.json", async () => {
    const d = dir();
    const resultsFile = join(d, "runs.jsonl");
    const sweep = await runSweep({
      grid: { kinds: ["loss"], scales: [0, 1], optimizers: ["sgd"], seeds: [0] },
      run: { epochs: 1, trainLimit: 64 },
      workers: 1,
      resultsFile,
    });
    const files = writeSweepOutputs(join(d, "out"), sweep);
    for (const input of [resultsFile, files.table]) {
      const out = join(d, "r.html");
      const { result } = await run(["--out", out, "--sweep", input]);
      expect(result.sweepRows).toBe(sweep.rows.length);
      expect(readFileSync(out, "utf8")).toContain('id="sweep"');
    }
  });

  it("an unwritable output or a bad sweep file is a CliError, and nothing is written", async () => {
    const d = dir();
    await expect(run(["--out", join(d, "no", "r.html")])).rejects.toThrow(CliError);
    await expect(run(["--out", join(d, "no", "r.html")])).rejects.toThrow(/its directory does not exist/);
    await expect(run(["--out", join(d, "r.html"), "--sweep", join(d, "missing.json")])).rejects.toThrow(
      /cannot read the sweep result .*missing\.json: it does not exist/,
    );
    writeFileSync(join(d, "bad.json"), "[1, 2, 3]");
    await expect(run(["--out", join(d, "r.html"), "--sweep", join(d, "bad.json")])).rejects.toThrow(
      /bad\.json is not a sweep result/,
    );
    expect(existsSync(join(d, "r.html"))).toBe(false);
    expect(readdirSync(d)).toEqual(["bad.json"]);
  });
});

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)("the report in headless Chromium", () => {
  it("opens with no console error, fetches nothing, and every graph and plot has a non-zero size", async () => {
    const d = dir();
    const out = join(d, "report.html");
    await run(["--out", out, "--sweep", sweepFile(d)]);
    const page = await openInChromium(out);
    expect(page.consoleErrors).toEqual([]);
    expect(page.pageErrors).toEqual([]);
    expect(page.externalRequests).toEqual([]);
    expect(page.title).toContain("detach");
    const graphs = (readFileSync(out, "utf8").match(/<figure class="(graph|plot)">/g) ?? []).length;
    expect(page.figures).toHaveLength(graphs);
    expect(graphs).toBeGreaterThanOrEqual(SCENARIO_NAMES.length + 2);
    for (const [w, h] of page.figures) {
      expect(w).toBeGreaterThan(0);
      expect(h).toBeGreaterThan(0);
    }
  });
});
