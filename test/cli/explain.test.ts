import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.ts";
import { CliError } from "../../src/cli/command.ts";
import { UsageError } from "../../src/cli/args.ts";
import { explain } from "../../src/cli/commands/explain.ts";
import { memoryIo } from "../../src/cli/io.ts";

const run = (argv: string[]) => {
  const io = memoryIo();
  return explain.run(parseArgs(argv, explain.options), io).then((result) => ({ io, result }));
};

describe("tapegrad explain", () => {
  it("prints the scenario with its listing and checked identities, and returns its numbers", async () => {
    const { io, result } = await run(["seed", "--n", "0.31"]);
    const text = io.lines.join("\n");
    expect(text).toContain("L̃ = L + n · L / sg(L)");
    expect(text).toContain("detach(");
    expect(text).toMatch(/every gradient \/ clean gradient = \d\.\d{4} = 1 \+ n\/L = 1 \+ 0\.3100\/\d\.\d{4} ✓/);
    expect(text).not.toContain("✗");
    const numbers = result.numbers as Record<string, number>;
    expect(numbers.n).toBe(0.31);
    expect(numbers.factor).toBe(1 + 0.31 / numbers.L);
  });

  it("--svg writes one valid SVG per graph (a second graph to <name>-2.svg)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tapegrad-explain-"));
    const { io, result } = await run(["persample", "--svg", join(dir, "g.svg")]);
    expect(readdirSync(dir).sort()).toEqual(["g-2.svg", "g.svg"]);
    for (const f of ["g.svg", "g-2.svg"]) {
      const svg = readFileSync(join(dir, f), "utf8");
      expect(svg).toContain("<svg");
      expect(svg).toContain("</svg>");
    }
    expect(result.svg).toEqual([join(dir, "g.svg"), join(dir, "g-2.svg")]);
    expect(io.lines.filter((l) => l.startsWith("graph written to "))).toHaveLength(2);
  });

  it("an unknown scenario is a usage error that lists the scenarios", async () => {
    await expect(run(["seeds"])).rejects.toThrow(UsageError);
    await expect(run(["seeds"])).rejects.toThrow(/unknown scenario 'seeds'; choose one of: seed, const, nodetach/);
    await expect(run([])).rejects.toThrow(/no scenario given/);
  });

  it("an unwritable SVG path is a CliError before anything is computed, and nothing is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tapegrad-explain-"));
    const path = join(dir, "missing", "g.svg");
    const io = memoryIo();
    await expect(explain.run(parseArgs(["seed", "--svg", path], explain.options), io)).rejects.toThrow(
      /cannot write the SVG to .*: its directory does not exist/,
    );
    expect(io.lines).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });

  it("a graph too large to draw is summarised in a CliError, quickly, and no SVG is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tapegrad-explain-"));
    const hidden = Array.from({ length: 600 }, () => "2").join(",");
    const start = Date.now();
    const io = memoryIo();
    await expect(
      explain.run(parseArgs(["seed", "--hidden", hidden, "--svg", join(dir, "g.svg")], explain.options), io),
    ).rejects.toThrow(
      /the graph has \d+ nodes \(\d+ leaf, 601 linear, 600 tanh, .*\), more than the 2000 .*no SVG written/,
    );
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(readdirSync(dir)).toEqual([]);
    // The listing was still printed, shortened around the rows it leaves out.
    expect(io.lines.some((l) => l.includes("rows not shown"))).toBe(true);
  });

  it("from the shell: --json ends stdout with the numbers; a bad scenario exits non-zero with a message", () => {
    const out = execFileSync("node", ["bin/tapegrad.js", "explain", "const", "--n", "0.5", "--json"], {
      encoding: "utf8",
    });
    const last = JSON.parse(out.trimEnd().split("\n").at(-1)!);
    expect(last.name).toBe("const");
    expect(last.numbers.maxDifference).toBe(0);
    expect(last.identities.every((i: { holds: boolean }) => i.holds)).toBe(true);
    expect(out).not.toMatch(/\x1b\[/); // piped: no colour
    const bad = spawnSync("node", ["bin/tapegrad.js", "explain", "nope"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown scenario 'nope'");
  });
});
