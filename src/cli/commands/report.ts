import { TapegradError } from "../../autograd/errors.ts";
import { checkWritable, writeFileAtomic } from "../../explain/output.ts";
import { buildReport } from "../../explain/report.ts";
import { SCENARIO_NAMES } from "../../explain/scenario.ts";
import { runScenario } from "../../explain/scenarios/index.ts";
import { readSweep } from "../../explain/sweep-input.ts";
import { CliError, type Command } from "../command.ts";
import { checkDistinctPaths } from "../paths.ts";

export const report: Command = {
  name: "report",
  options: {
    out: { type: "string", help: "the HTML file to write", default: "report.html" },
    sweep: { type: "string", help: "a sweep result to plot: the JSON lines or table.json of 'tapegrad sweep'" },
    seed: { type: "int", help: "seeds the scenarios' models, batches and draws", default: 0, min: 0 },
  },
  async run(args, io) {
    const out = args.values.out as string;
    const sweepFile = args.values.sweep as string | undefined;
    checkDistinctPaths({ sweep: sweepFile, out });
    try {
      await checkWritable(out, "report");
      const sweep = sweepFile === undefined ? null : readSweep(sweepFile);
      const progress = io.progress("scenarios", SCENARIO_NAMES.length);
      const scenarios = SCENARIO_NAMES.map((name) => {
        const r = runScenario(name, { seed: args.values.seed as number });
        progress.tick(undefined, name);
        return r;
      });
      progress.done();
      const html = await buildReport({ scenarios, sweep });
      await writeFileAtomic(out, html, "report");
      const checks = scenarios.flatMap((s) => s.identities);
      const held = checks.filter((i) => i.holds).length;
      io.print(`${scenarios.length} scenarios, ${held} of ${checks.length} identities hold` +
        (sweep === null ? "" : `, sweep of ${sweep.rows.length} rows plotted`));
      io.print(`report written to ${out}`);
      return { out, scenarios: scenarios.length, identities: checks.length, held, sweepRows: sweep?.rows.length ?? 0 };
    } catch (e) {
      if (e instanceof TapegradError) throw new CliError(e.message);
      throw e;
    }
  },
};
