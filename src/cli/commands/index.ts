import type { Command } from "../command.ts";
import { example } from "./example.ts";
import { explain } from "./explain.ts";
import { report } from "./report.ts";

/** Every command, by name. Add a command by adding its file and one entry here. */
export const COMMANDS: readonly Command[] = [example, explain, report];
