import type { Options, Parsed } from "./args.ts";
import type { Io } from "./io.ts";

/** One `tapegrad <name>` command. `run` returns the results that --json prints as the last line. */
export interface Command {
  readonly name: string;
  /** A subcommand's one-line summary; a command's own is in `commands/index.ts`, which --help reads unloaded. */
  readonly summary?: string;
  /** Positional arguments, for the usage line (e.g. "<scenario>"). */
  readonly positionals?: string;
  readonly options: Options;
  /** Commands under this one (`tapegrad sweep merge`), chosen by the next word of the command line. */
  readonly subcommands?: readonly Command[];
  run(args: Parsed, io: Io): Promise<Record<string, unknown>>;
}

/**
 * The command ran again in a child process (with Node options it needs, as `bench` does), which printed everything:
 * the CLI exits with the child's code and prints nothing more.
 */
export class Relaunched extends Error {
  override name = "Relaunched";
  constructor(readonly code: number) {
    super(`the command ran in a child process, which exited with ${code}`);
  }
}

/** A user-facing failure (bad path, unknown name, …): printed without a stack, exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}
