/** The `tapegrad` command: dispatches to one command, handles --help and --json, turns errors into exit codes. */
import { parseArgs, usage, UsageError } from "./args.ts";
import { CliError } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { exitQuietlyOnClosedPipe, terminalIo } from "./io.ts";
import { TapegradError } from "../autograd/errors.ts";
import { maxOf } from "../plot/extent.ts";

function help(): string {
  const width = maxOf(COMMANDS.map((c) => c.name.length));
  return [
    "usage: tapegrad <command> [options]   (every command takes --json and --help)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "help") {
    console.log(help());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`tapegrad: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  try {
    const args = parseArgs(rest, command.options);
    if (args.values.help) {
      console.log(`usage: tapegrad ${command.name} ${command.positionals ?? ""}[options]\n${command.summary}\n\n${usage(command.options)}`);
      return 0;
    }
    const json = args.values.json === true;
    const result = await command.run(args, terminalIo(json));
    if (json) process.stdout.write(JSON.stringify(result) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`tapegrad ${command.name}: ${e.message}\n\n${usage(command.options)}`);
      return 2;
    }
    if (e instanceof TapegradError || e instanceof CliError) {
      console.error(`tapegrad ${command.name}: ${e.name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  exitQuietlyOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
