#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so that the repository works without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const { exitQuietlyOnClosedPipe } = await import("../src/cli/io.ts");
exitQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
