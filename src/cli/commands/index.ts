import type { Command } from "../command.ts";
import { bench } from "./bench.ts";
import { demo } from "./demo.ts";
import { example } from "./example.ts";
import { explain } from "./explain.ts";
import { playground } from "./playground.ts";
import { profileCommand } from "./profile.ts";
import { report } from "./report.ts";
import { sweepCommand } from "./sweep.ts";
import { trainCommand } from "./train.ts";

/** Every command, by name. Add a command by adding its file and one entry here. */
export const COMMANDS: readonly Command[] = [
  demo, example, bench, explain, playground, report, trainCommand, sweepCommand, profileCommand,
];
