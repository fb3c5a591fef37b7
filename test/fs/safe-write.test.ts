import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/autograd/errors.ts";
import { outputTarget, writeFileSafely } from "../../src/fs/safe-write.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-safe-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileSafely", () => {
  it("replaces a regular file whole and leaves no temporary file", () => {
    const f = join(dir, "a.txt");
    writeFileSync(f, "old");
    writeFileSafely(f, "new");
    expect(readFileSync(f, "utf8")).toBe("new");
    expect(readFileSync(f, "utf8")).not.toContain("old");
  });

  it("writes through a symlink: the link stays a link and its target gets the content", () => {
    const target = join(dir, "real.txt");
    const link = join(dir, "link.txt");
    writeFileSync(target, "old");
    symlinkSync("real.txt", link);
    writeFileSafely(link, "new");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("real.txt");
    expect(readFileSync(target, "utf8")).toBe("new");
  });

  it("follows a dangling symlink and creates its target", () => {
    const link = join(dir, "dangling.txt");
    symlinkSync("created.txt", link);
    writeFileSafely(link, "x");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "created.txt"), "utf8")).toBe("x");
  });

  it("writes a character device in place (/dev/null stays a device)", () => {
    expect(outputTarget("/dev/null")).toEqual({ path: "/dev/null", mode: "direct" });
    writeFileSafely("/dev/null", "x");
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("refuses a directory, an empty path, a symlink loop and a missing parent, naming what and why", () => {
    mkdirSync(join(dir, "d"));
    expect(() => writeFileSafely(join(dir, "d"), "x", "plot")).toThrow(ArgumentError);
    expect(() => writeFileSafely(join(dir, "d"), "x", "plot")).toThrow(/cannot write the plot to .*d: it is a directory; choose another path/);
    expect(() => writeFileSafely("", "x")).toThrow(/the path is empty/);
    symlinkSync("loop", join(dir, "loop"));
    expect(() => writeFileSafely(join(dir, "loop"), "x")).toThrow(/too many levels of symbolic links/);
    expect(() => writeFileSafely(join(dir, "no", "such", "f"), "x")).toThrow(/its directory does not exist/);
    writeFileSync(join(dir, "file"), "");
    expect(() => writeFileSafely(join(dir, "file", "f"), "x")).toThrow(/a part of the path is a file/);
  });
});
