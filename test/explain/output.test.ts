import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/index.ts";
import { checkWritable, writeFileAtomic } from "../../src/explain/output.ts";

const dir = () => mkdtempSync(join(tmpdir(), "tapegrad-output-"));

describe("writeFileAtomic", () => {
  it("writes the whole content and leaves no temporary file", async () => {
    const d = dir();
    await writeFileAtomic(join(d, "a.svg"), "<svg/>");
    expect(readFileSync(join(d, "a.svg"), "utf8")).toBe("<svg/>");
    expect(readdirSync(d)).toEqual(["a.svg"]);
  });

  it("replaces an existing file", async () => {
    const d = dir();
    writeFileSync(join(d, "a.html"), "old");
    await writeFileAtomic(join(d, "a.html"), "new");
    expect(readFileSync(join(d, "a.html"), "utf8")).toBe("new");
  });

  it("names the path and the reason when the directory does not exist", async () => {
    const path = join(dir(), "missing", "a.svg");
    await expect(writeFileAtomic(path, "x", "SVG")).rejects.toThrow(ArgumentError);
    await expect(writeFileAtomic(path, "x", "SVG")).rejects.toThrow(
      `cannot write the SVG to ${path}: its directory does not exist`,
    );
  });
});

describe("checkWritable", () => {
  it("accepts a new file in an existing directory, refuses a missing directory and a directory", async () => {
    const d = dir();
    await expect(checkWritable(join(d, "new.html"))).resolves.toBeUndefined();
    await expect(checkWritable(join(d, "no", "new.html"), "report")).rejects.toThrow(/report .* does not exist/);
    await expect(checkWritable(d)).rejects.toThrow(/it is a directory/);
  });
});
