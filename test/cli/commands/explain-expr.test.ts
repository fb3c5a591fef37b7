import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../../src/cli/args.ts";
import { explain } from "../../../src/cli/commands/explain.ts";
import { memoryIo } from "../../../src/cli/io.ts";

const run = (argv: string[]) => {
  const io = memoryIo();
  return explain.run(parseArgs(argv, explain.options), io).then((result) => ({ io, text: io.lines.join("\n"), result }));
};
const cli = (args: string[]) => spawnSync(process.execPath, ["bin/tapegrad.js", ...args], { encoding: "utf8", input: "" });

describe("tapegrad explain --expr", () => {
  it("prints the listing with signed gradients and each leaf's gradient (w*x + sg(w)*x: ∂w = x = 2, ∂x = 2w = 1)", async () => {
    const { text, result } = await run(["--expr", "w*x + sg(w)*x", "--value", "w=0.5", "--value", "x=2"]);
    expect(text).toContain("expression: w*x + sg(w)*x   with w = 0.5, x = 2");
    expect(text).toContain("value = 2");
    expect(text).toContain("∂out/∂w = 2");
    expect(text).toContain("∂out/∂x = 1");
    expect(text).toMatch(/x\s+leaf\s+\[\]\s+2\s+0\.5 \+ 0\.5 = 1/);
    expect(result.grads).toEqual({ w: 2, x: 1 });
  });

  it("--compare sets the expression without detach beside it and names the edges that changed", async () => {
    const { text, result } = await run(["--expr", "w*x + sg(w)*x", "--value", "w=0.5", "--value", "x=2", "--compare"]);
    expect(text).toMatch(/∂out\/∂w\s+2\s+4\s+← changed/);
    expect(text).toContain("w → v2: none with detach, +2 without");
    expect(result.withoutDetach).toEqual({ w: 4, x: 1 });
  });

  it("--why names the detach every path to the output crosses", async () => {
    const { text } = await run(["--expr", "w2*sg(tanh(w1*x))", "--value", "w1=0.5", "--value", "x=1.5", "--value", "w2=-1.2", "--why", "w1"]);
    expect(text).toContain("w1: null: every path to the output crosses v3 → detach");
  });

  it("--step with stdin not a terminal prints every step, output first", () => {
    const r = cli(["explain", "--expr", "L + n*L/sg(L)", "--value", "L=0.8", "--value", "n=-0.17", "--step"]);
    expect(r.status).toBe(0);
    const steps = r.stdout.split("\n").filter((l) => l.startsWith("step "));
    expect(steps.map((l) => l.split(":")[0])).toEqual(["step 1 of 6", "step 2 of 6", "step 3 of 6", "step 4 of 6", "step 5 of 6", "step 6 of 6"]);
    expect(r.stdout).toContain("div: to v1: g / b = 1 / 0.8 = 1.25");
  });

  it("a bad expression exits 2 with a message that points at the column", async () => {
    await expect(run(["--expr", "w*(x+", "--value", "w=1"])).rejects.toThrow(UsageError);
    const r = cli(["explain", "--expr", "w*(x+", "--value", "w=1"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("(column 6)");
    expect(r.stderr).toContain("  w*(x+\n       ^");
    const missing = cli(["explain", "--expr", "w*y", "--value", "w=1"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/the leaf y has no value.*\(column 3\)/);
    expect(cli(["explain", "--expr", "w", "--value", "w"]).stderr).toMatch(/--value: expected name=number/);
  });

  it("--svg draws the expression's graph with its legend outside the graph", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tapegrad-expr-")), "g.svg");
    await run(["--expr", "x*sg(x)", "--value", "x=3", "--svg", out]);
    expect(existsSync(out)).toBe(true);
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain('<g class="caption">');
    expect(svg).toContain("arrows point forward");
  });
});
