/** Runs the CLI in this process through `main(argv)`, capturing what it writes to stdout and stderr. */
import { main } from "../../src/cli/main.ts";

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runMain(argv: readonly string[]): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const saved = { log: console.log, error: console.error, write: process.stdout.write, errWrite: process.stderr.write };
  console.log = (...a: unknown[]) => void (stdout += a.join(" ") + "\n");
  console.error = (...a: unknown[]) => void (stderr += a.join(" ") + "\n");
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    Object.assign(console, { log: saved.log, error: saved.error });
    process.stdout.write = saved.write;
    process.stderr.write = saved.errWrite;
  }
}

/** What a user must never see: a stack frame or a JavaScript error class name. */
export const RAW_ERROR = /\n\s+at .+:\d+:\d+|\b(TypeError|RangeError|ReferenceError|SyntaxError|CliError|UsageError|ArgumentError|ShapeError|GradError|TapegradError|SafetensorsError|Error):/;
