/**
 * Loads a user's module whose default export is a step function (`tapegrad profile <module>`, `tapegrad bench
 * --fn <module>`), JavaScript or TypeScript. Every way it can fail is a CliError that says what to change.
 *
 * NOTE: Node 20 imports TypeScript only through a loader. Inside the repository (running from sources, or from a
 * build next to tsconfig.json) the dev dependency tsx is registered for it; an installed package has no loader
 * to bring, so there the message says how to run one or compile the module.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CliError } from "./command.ts";

const TYPESCRIPT = new Set([".ts", ".mts", ".cts", ".tsx"]);

/** Whether this tapegrad runs from the repository (sources, or a build beside tsconfig.json), not an install. */
function inRepository(): boolean {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) return true;
  for (let dir = dirname(here); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return existsSync(join(dir, "tsconfig.json"));
  }
  return false;
}

/** An error as one line: its class and message, never its stack. */
export function oneLine(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split("\n")[0]}`;
  return `${typeof e === "string" ? JSON.stringify(e) : String(e)} (thrown, not an Error)`;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v} (${String(v).slice(0, 40)})`;
}

async function importTypeScriptAware(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if ((e as { code?: string }).code !== "ERR_UNKNOWN_FILE_EXTENSION" || !TYPESCRIPT.has(extname(path))) throw e;
    if (!inRepository()) {
      throw new CliError(
        `cannot load ${path}: Node ${process.version} imports TypeScript only through a loader, and an installed ` +
          `tapegrad brings none; compile the module to JavaScript, or install tsx and run ` +
          `node --import tsx node_modules/tapegrad/bin/tapegrad.js …`,
      );
    }
    const { register } = await import("tsx/esm/api");
    register();
    return (await import(url)) as Record<string, unknown>;
  }
}

/** The default export of the module at `file`, checked to be a function; `flag` names the argument in errors. */
export async function loadStep(file: string, flag: string): Promise<() => unknown> {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`${flag}: no such file ${file}`);
  if (!statSync(path).isFile()) throw new CliError(`${flag}: ${file} is not a file`);
  let mod: Record<string, unknown>;
  try {
    mod = await importTypeScriptAware(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${flag}: loading ${file} threw ${oneLine(e)}`);
  }
  const step = mod.default;
  if (step === undefined) {
    throw new CliError(`${flag}: ${file} has no default export; end it with \`export default function step() { … }\``);
  }
  if (typeof step !== "function") {
    throw new CliError(`${flag}: the default export of ${file} is ${describeValue(step)}, not a function; export the step itself`);
  }
  return step as () => unknown;
}

/** Runs `measure` on a user's step, turning a throw from the step into a CliError that names the module. */
export async function measuring<T>(file: string, measure: () => T | Promise<T>): Promise<T> {
  try {
    return await measure();
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`the step in ${file} threw ${oneLine(e)}`);
  }
}
