/** The `tapegrad` command: dispatches to one command, handles --help and --json, turns errors into exit codes. */
import { parseArgs, positionalLimit, usage, UsageError } from "./args.ts";
import { CliError, Relaunched, type Command } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { describeError } from "./errors.ts";
import { exitQuietlyOnClosedPipe, terminalIo } from "./io.ts";
import { suggest } from "./suggest.ts";
import { maxOf } from "../plot/extent.ts";

/** Exit codes: 0 done, 1 the run failed, 2 the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function help(): string {
  const width = maxOf(COMMANDS.map((c) => c.name.length));
  return [
    "usage: tapegrad <command> [options]   (every command takes --json and --help)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

interface Resolved {
  readonly command: Command;
  readonly name: string;
  readonly summary: string;
  readonly rest: readonly string[];
}

/** The command named by argv's first words (a command, or one of its subcommands), and the rest of argv. */
async function resolve(argv: readonly string[]): Promise<Resolved | null> {
  const entry = COMMANDS.find((c) => c.name === argv[0]);
  if (entry === undefined) return null;
  const command = await entry.load();
  const sub = command.subcommands?.find((s) => s.name === argv[1]);
  return sub === undefined ? { command, name: entry.name, summary: entry.summary, rest: argv.slice(1) } :
    { command: sub, name: `${entry.name} ${sub.name}`, summary: sub.summary ?? "", rest: argv.slice(2) };
}

export async function main(argv: readonly string[]): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === "--help" || first === "help") {
    console.log(help());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const found = await resolve(argv);
  if (found === null) {
    const near = suggest(first, COMMANDS.map((c) => c.name));
    console.error(`tapegrad: unknown command '${first}'${near === null ? "" : `; did you mean '${near}'?`}\n\n${help()}`);
    return EXIT.usage;
  }
  const { command, name, summary, rest } = found;
  try {
    const args = parseArgs(rest, command.options, positionalLimit(command.positionals));
    if (args.values.help) {
      const subs = command.subcommands?.map((s) => `\n  tapegrad ${name} ${s.name}: ${s.summary ?? ""}`).join("") ?? "";
      console.log(`usage: tapegrad ${name} ${command.positionals ?? ""}[options]\n${summary}${subs}\n\n${usage(command.options)}`);
      return EXIT.ok;
    }
    const json = args.values.json === true;
    const result = await command.run(args, terminalIo(json));
    if (json) process.stdout.write(JSON.stringify(result) + "\n");
    return EXIT.ok;
  } catch (e) {
    if (e instanceof Relaunched) return e.code;
    if (e instanceof UsageError) {
      console.error(`tapegrad ${name}: ${e.message}\n(run 'tapegrad ${name} --help' for the options)`);
      return EXIT.usage;
    }
    console.error(`tapegrad ${name}: ${describeError(e)}`);
    if (!(e instanceof CliError) && process.env.TAPEGRAD_DEBUG && e instanceof Error) console.error(e.stack);
    return EXIT.failed;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  exitQuietlyOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
