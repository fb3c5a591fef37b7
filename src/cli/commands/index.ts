import type { Command } from "../command.ts";
import { example } from "./example.ts";

/** Every command, by name. Add a command by adding its file and one entry here. */
export const COMMANDS: readonly Command[] = [example];
