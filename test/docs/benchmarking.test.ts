/**
 * The shell blocks of docs/benchmarking.md run as written (the ts blocks run in readme.test.ts): each
 * `npx tapegrad …` line runs the repository's command in a scratch directory, so the files it writes land there.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const text = readFileSync(join(root, "docs/benchmarking.md"), "utf8");
const commands = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].trim().split("\n"));

describe("docs/benchmarking.md: every sh block runs", () => {
  it("has the commands the page describes", () => {
    expect(commands.map((c) => c.split(" ").slice(0, 3).join(" "))).toEqual(["npx tapegrad profile", "npx tapegrad bench"]);
  });

  for (const command of commands) {
    it(command, () => {
      const cwd = mkdtempSync(join(tmpdir(), "tapegrad-docs-"));
      const args = command.split(" ").slice(2).map((a) => (a.startsWith("examples/") ? join(root, a) : a));
      const r = spawnSync(process.execPath, [join(root, "bin/tapegrad.js"), ...args], { cwd, encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      if (command.includes("--trace digits-trace.json")) {
        expect(existsSync(join(cwd, "digits-trace.json"))).toBe(true);
        expect(r.stdout).toMatch(/^-+\nName\s+Calls/);
      } else {
        expect(r.stdout).toMatch(/per call \(median of \d+ samples\)/);
      }
    });
  }
});
