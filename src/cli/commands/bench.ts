/**
 * `tapegrad bench`: the benchmark suite of bench/ (workloads W1–W5 beside jax-js, PyTorch, TF.js and hand-written
 * loops, and the micro-benchmarks), with a table, --json, and a regression mode (--save, then --compare). The suite (and TF.js)
 * live in the repository, not in the npm package: the command runs them from the sources of a clone.
 */
import type { Parsed } from "../args.ts";
import { outputTarget } from "../../fs/safe-write.ts";
import { CliError, type Command } from "../command.ts";
import { checkDistinctPaths } from "../paths.ts";
import type { Io } from "../io.ts";
import { benchFn } from "./bench-fn.ts";

export const SYSTEMS = ["tapegrad", "tapegrad-untidy", "jaxjs", "pytorch", "tfjs-cpu", "tfjs-wasm", "loops"] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** bench/command.ts, found beside src/ in a clone; a specifier built at run time keeps bench/ out of the build. */
const SUITE = new URL("../../../bench/command.ts", import.meta.url);

export const bench: Command = {
  name: "bench",
  options: {
    full: { type: "boolean", help: "the long run (bigger time budget per cell); the default is the quick run" },
    only: { type: "list", help: "what to run: W1..W5, micro, a micro family (elementwise, matmul, tape, …) or case id" },
    systems: { type: "list", help: "systems to measure", default: [...SYSTEMS] },
    clock: { type: "string", help: "wall, or cpu: this process's CPU time, for a machine busy with other jobs", default: "wall" },
    save: { type: "string", help: "write the results (JSON) to this file, as a base for --compare" },
    compare: { type: "string", help: "compare tapegrad's figures with a file written by --save" },
    fn: { type: "string", help: "measure your own function instead: a module whose default export is the step" },
  },
  async run(args, io) {
    // A user's own function needs no suite: --fn works from the npm package as well as from a clone.
    if (typeof args.values.fn === "string") return benchFn(args.values.fn, args, io);
    if (!import.meta.url.endsWith(".ts")) {
      throw new CliError(
        "the benchmark suite (bench/, with TensorFlow.js beside tapegrad) is not part of the npm package: run it " +
          "from a clone of the tapegrad repository with 'npm install && npm run bench'",
      );
    }
    const save = args.values.save as string | undefined;
    checkDistinctPaths({ compare: args.values.compare as string | undefined, save });
    if (save !== undefined) outputTarget(save, "results (--save)"); // before the run, not after minutes of it
    const suite = (await import(SUITE.href)) as { runBench(args: Parsed, io: Io): Promise<Record<string, unknown>> };
    return suite.runBench(args, io);
  },
};
