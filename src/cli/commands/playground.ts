import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, type Command } from "../command.ts";

/** The files of the built page (scripts/build-playground.mjs). */
const FILES = ["index.html", "viz-global.js"] as const;

/** The package's root: the nearest folder above this file whose package.json is tapegrad's. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "tapegrad") return dir;
    const up = dirname(dir);
    if (up === dir) throw new CliError("playground: cannot find the tapegrad package folder above this command's file");
    dir = up;
  }
}

/** Where the built page is: $TAPEGRAD_PLAYGROUND_DIR, else dist/playground in the package. */
export function builtPlayground(): string {
  return process.env.TAPEGRAD_PLAYGROUND_DIR ?? join(packageRoot(), "dist", "playground");
}

export const playground: Command = {
  name: "playground",
  options: {
    out: { type: "string", help: "the folder to write index.html and its script into", default: "playground" },
  },
  async run(args, io) {
    const from = builtPlayground();
    const missing = FILES.filter((f) => !existsSync(join(from, f)));
    if (missing.length > 0) {
      throw new CliError(
        `the playground page is not built (${missing.map((f) => join(from, f)).join(", ")} missing): ` +
          "run 'npm run build:playground' in the tapegrad folder first",
      );
    }
    const out = resolve(args.values.out as string);
    try {
      mkdirSync(out, { recursive: true });
      for (const f of FILES) copyFileSync(join(from, f), join(out, f));
    } catch (e) {
      throw new CliError(`playground: cannot write into ${out}: ${(e as Error).message}`);
    }
    const index = join(out, "index.html");
    io.print(`playground written to ${out}: open file://${index} (works offline, no server needed)`);
    return { out, files: FILES.map((f) => join(out, f)) };
  },
};
