import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args.ts";
import { CliError } from "../../../src/cli/command.ts";
import { profileCommand } from "../../../src/cli/commands/profile.ts";
import { memoryIo } from "../../../src/cli/io.ts";

const root = resolve(import.meta.dirname, "../../..");
const fixture = (name: string) => join(root, "test/fixtures/profile", name);
const dir = mkdtempSync(join(tmpdir(), "tapegrad-profile-cli-"));
const run = async (argv: string[]) => {
  const io = memoryIo(true);
  const result = await profileCommand.run(parseArgs(argv, profileCommand.options), io);
  return { io, result };
};
const cli = (args: string[]) => spawnSync(process.execPath, [join(root, "bin/tapegrad.js"), ...args], { cwd: root, encoding: "utf8" });

describe("tapegrad profile", () => {
  it("prints the table of a TypeScript step, sorted as asked, and writes its trace", async () => {
    const trace = join(dir, "trace.json");
    const { io, result } = await run([fixture("step.ts"), "--repeat", "3", "--sort", "name", "--trace", trace]);
    const names = io.lines[0].split("\n").slice(3, 6).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(["matmul", "sum", "tanh"]);
    expect(io.lines.at(-1)).toBe(`trace written to ${trace} (open it in https://ui.perfetto.dev or chrome://tracing)`);
    const parsed = JSON.parse(readFileSync(trace, "utf8")) as { traceEvents: { ph: string }[] };
    expect(parsed.traceEvents.filter((e) => e.ph === "X").length).toBeGreaterThanOrEqual(3 * 6);
    expect(result.repeat).toBe(3);
    expect((result.rows as { kind: string }[]).map((r) => r.kind).sort()).toEqual(["matmul", "sum", "tanh"]);
  });

  it("refuses a bad --sort, --repeat or trace path before running anything", async () => {
    await expect(run([fixture("step.mjs"), "--sort", "speed"])).rejects.toThrow(/--sort: expected one of total, forward/);
    await expect(run([fixture("step.mjs"), "--repeat", "0"])).rejects.toThrow(CliError);
    await expect(run([fixture("step.mjs"), "--trace", join(dir, "no/such/dir/t.json")])).rejects.toThrow(/cannot write the trace/);
    await expect(run([fixture("step.mjs"), "--trace", fixture("step.mjs")])).rejects.toThrow(/is the module itself/);
  });

  it("end to end: --json ends stdout with the figures; exit 0", () => {
    const r = cli(["profile", "test/fixtures/profile/step.mjs", "--repeat", "2", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as { rows: { kind: string; calls: number }[]; coverage: number };
    expect(json.rows.map((x) => [x.kind, x.calls]).sort()).toEqual([["matmul", 1], ["sum", 1], ["tanh", 1]]);
    expect(json.coverage).toBeGreaterThan(0);
  });

  it("end to end: a bad module exits 1 with one line naming it and no stack; no module at all exits 2", () => {
    // Each failure's message is checked in process (load-module.test.ts); here, one failing at load and one in the step.
    for (const [f, message] of [
      ["no-default.mjs", "has no default export"],
      ["step-throws.mjs", "threw TypeError: x.foo is not a function"],
    ]) {
      const r = cli(["profile", `test/fixtures/profile/${f}`]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    const none = cli(["profile"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("give the module whose default export is the step");
  });
});
