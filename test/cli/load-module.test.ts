import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/command.ts";
import { loadStep, measuring, oneLine } from "../../src/cli/load-module.ts";

const fixture = (name: string) => join(import.meta.dirname, "../fixtures/profile", name);

describe("loadStep", () => {
  it("returns the default export of a TypeScript or a JavaScript module", async () => {
    for (const f of ["step.ts", "step.mjs"]) expect(typeof (await loadStep(fixture(f), "profile"))).toBe("function");
  });

  it("names what is wrong with a bad module, and the remedy, in one line", async () => {
    const cases: [string, RegExp][] = [
      ["no-default.mjs", /no-default\.mjs has no default export; end it with `export default function step\(\) \{ … \}`/],
      ["not-a-function.mjs", /the default export of .*not-a-function\.mjs is a number \(42\), not a function/],
      ["throws-on-load.mjs", /loading .*throws-on-load\.mjs threw RangeError: the data file is missing$/],
      ["missing.ts", /profile: no such file .*missing\.ts/],
    ];
    for (const [f, message] of cases) {
      const e = await loadStep(fixture(f), "profile").catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CliError);
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).not.toContain("\n");
    }
    await expect(loadStep(mkdtempSync(join(tmpdir(), "tapegrad-load-")), "profile")).rejects.toThrow(/is not a file/);
  });

  it("measuring turns a throw from the step into a CliError naming the module and the error", async () => {
    const step = await loadStep(fixture("step-throws.mjs"), "profile");
    await expect(measuring("step-throws.mjs", () => step())).rejects.toThrow(
      /^the step in step-throws\.mjs threw TypeError: x\.foo is not a function$/,
    );
    expect(oneLine("plain")).toBe('"plain" (thrown, not an Error)');
  });
});
