/** `tapegrad profile <module>`: profiles the module's default export (a step) op by op; --trace writes a trace. */
import { resolve } from "node:path";
import { checkWritable, writeFileAtomic } from "../../explain/output.ts";
import { profile } from "../../profile/profile.ts";
import { SORT_KEYS, type SortKey } from "../../profile/profile-table.ts";
import { UsageError } from "../args.ts";
import { CliError, type Command } from "../command.ts";
import { loadStep, measuring } from "../load-module.ts";

export const profileCommand: Command = {
  name: "profile",
  positionals: "<module> ",
  options: {
    repeat: { type: "int", help: "profiled repetitions of the step (figures are per step)", default: 10 },
    warmup: { type: "int", help: "unprofiled calls first, so the JIT has compiled the step", default: 2 },
    sort: { type: "string", help: `sort the table by ${SORT_KEYS.join(", ")}`, default: "total" },
    limit: { type: "int", help: "print at most this many rows" },
    trace: { type: "string", help: "write the Trace Event Format JSON (Perfetto, chrome://tracing) to this file" },
  },
  async run(args, io) {
    const file = args.positionals[0];
    if (file === undefined) throw new UsageError("give the module whose default export is the step: tapegrad profile step.ts");
    if (args.positionals.length > 1) throw new CliError(`one module at a time; got ${args.positionals.join(", ")}`);
    const sortBy = args.values.sort as string;
    if (!(SORT_KEYS as readonly string[]).includes(sortBy)) {
      throw new CliError(`--sort: expected one of ${SORT_KEYS.join(", ")}, got '${sortBy}'`);
    }
    const repeat = args.values.repeat as number;
    const warmup = args.values.warmup as number;
    if (repeat < 1) throw new CliError(`--repeat: expected a positive integer, got ${repeat}`);
    if (warmup < 0) throw new CliError(`--warmup: expected an integer ≥ 0, got ${warmup}`);
    const limit = args.values.limit as number | undefined;
    if (limit !== undefined && limit < 1) throw new CliError(`--limit: expected a positive integer, got ${limit}`);
    const trace = args.values.trace as string | undefined;
    if (trace !== undefined) {
      if (resolve(trace) === resolve(file)) throw new CliError(`--trace: ${trace} is the module itself; write the trace elsewhere`);
      await checkWritable(trace, "trace");
    }
    const step = await loadStep(file, "profile");
    const p = await measuring(file, () => profile(step, { repeat, warmup }));
    io.print(p.table({ sortBy: sortBy as SortKey, limit }));
    if (trace !== undefined) {
      await writeFileAtomic(trace, JSON.stringify(p.toChromeTrace()), "trace");
      io.print(`trace written to ${trace} (open it in https://ui.perfetto.dev or chrome://tracing)`);
    }
    const { step: seconds, stepMedian, overhead, coverage, rows, regions } = p;
    return { module: file, repeat, step: seconds, stepMedian, overhead, coverage, rows, regions, trace: trace ?? null };
  },
};
