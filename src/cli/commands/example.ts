import type { Command } from "../command.ts";
import { runDetachExample } from "../../explain/detach-example.ts";

export const example: Command = {
  name: "example",
  options: {},
  async run(_args, io) {
    const result = runDetachExample();
    for (const line of result.lines) io.print(line);
    return result.numbers;
  },
};
