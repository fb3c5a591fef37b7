#!/usr/bin/env node
// An installed package runs the compiled JavaScript of dist/. A clone of the repository (src/ beside bin/, which
// the package does not ship) runs the TypeScript sources through tsx, a devDependency, so that `npm start` never
// runs a stale build and needs none.
import { existsSync } from "node:fs";

const clone = existsSync(new URL("../src/cli/main.ts", import.meta.url));
if (clone) (await import("tsx/esm/api")).register();
const [dir, ext] = clone ? ["src", "ts"] : ["dist", "js"];
const { main } = await import(`../${dir}/cli/main.${ext}`);
const { exitQuietlyOnClosedPipe } = await import(`../${dir}/cli/io.${ext}`);
exitQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
