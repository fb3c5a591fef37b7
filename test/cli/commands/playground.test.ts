import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args.ts";
import { CliError } from "../../../src/cli/command.ts";
import { playground } from "../../../src/cli/commands/playground.ts";
import { memoryIo } from "../../../src/cli/io.ts";

const dir = (name: string) => mkdtempSync(join(tmpdir(), `tapegrad-${name}-`));
const run = (argv: string[]) => {
  const io = memoryIo();
  return playground.run(parseArgs(argv, playground.options), io).then((result) => ({ io, result }));
};

describe("tapegrad playground", () => {
  afterEach(() => {
    delete process.env.TAPEGRAD_PLAYGROUND_DIR;
  });

  it("copies the built page (index.html with its script inline, and Graphviz beside it) into --out", async () => {
    const built = dir("built");
    // @ts-expect-error: a plain JavaScript build script, without types
    const { buildPlayground } = (await import("../../../scripts/build-playground.mjs")) as { buildPlayground(out: string): Promise<string> };
    await buildPlayground(built);
    process.env.TAPEGRAD_PLAYGROUND_DIR = built;
    const out = join(dir("out"), "site");
    const { io } = await run(["--out", out]);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain('data-testid="expr"');
    // file:// blocks module scripts and fetches: only classic scripts, the page's own inline.
    expect(html).not.toMatch(/type="module"|fetch\(/);
    expect(existsSync(join(out, "viz-global.js"))).toBe(true);
    expect(io.lines.join("\n")).toContain(`open file://${join(out, "index.html")}`);
  }, 60_000);

  it("says how to build the page when it is missing", async () => {
    process.env.TAPEGRAD_PLAYGROUND_DIR = join(dir("none"), "nothing");
    await expect(run(["--out", dir("out")])).rejects.toThrow(CliError);
    await expect(run(["--out", dir("out")])).rejects.toThrow(/not built .* run 'npm run build:playground'/);
  });
});
