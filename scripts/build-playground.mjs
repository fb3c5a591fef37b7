#!/usr/bin/env node
// Builds the playground page into a static folder that works from file:// (no module scripts, no fetches): the
// page's TypeScript bundled by esbuild into one classic script inlined in index.html, and @viz-js/viz's classic
// build (Graphviz with its WebAssembly inline) copied beside it. `tapegrad playground --out DIR` copies the folder.
//   node scripts/build-playground.mjs [outDir]      (default dist/playground)
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildPlayground(outDir = join(root, "dist", "playground")) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(root, "src/playground/main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const script = result.outputFiles[0].text.replace(/<\/script/gi, "<\\/script");
  const shell = readFileSync(join(root, "src/playground/index.html"), "utf8");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "index.html"), shell.replace("<!--PLAYGROUND-->", () => `<script>${script}</script>`));
  const viz = createRequire(import.meta.url).resolve("@viz-js/viz").replace(/viz\.(c?js)$/, "viz-global.js");
  copyFileSync(viz, join(outDir, "viz-global.js"));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildPlayground(process.argv[2] === undefined ? undefined : resolve(process.argv[2]));
  console.error(`playground written to ${out}`);
}
