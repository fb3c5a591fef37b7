import type { Command } from "../command.ts";
import { runDetachExample } from "../../explain/detach-example.ts";

export const example: Command = {
  name: "example",
  summary: "backward through detach: the seed's perturbed loss on one weight, checked against (1 + n/L)",
  options: {},
  async run(_args, io) {
    const result = runDetachExample();
    for (const line of result.lines) io.print(line);
    return result.numbers;
  },
};
