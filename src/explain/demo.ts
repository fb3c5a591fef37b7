/**
 * The seed's story end to end, as data for `tapegrad demo`: the seed scenario on a digits MLP (every parameter's
 * measured gradient ratio beside 1 + n/L), the per-sample table on a digits batch, a short sweep of the seed's
 * experiment (accuracy against noise scale), and the HTML report holding all of it and the other scenarios.
 * Sized to finish well within a minute on two cores.
 */
import type { RunConfig } from "../perturb/sweep/config.ts";
import type { Grid } from "../perturb/sweep/grid.ts";
import { QUICK_SWEEP, runSweep, type SweepReport } from "../perturb/sweep/run-sweep.ts";
import { fixed, fmt } from "./numbers.ts";
import { buildReport } from "./report.ts";
import type { ScenarioResult, ScenarioTable } from "./scenario.ts";
import { runScenario } from "./scenarios/index.ts";
import { persampleScenario } from "./scenarios/persample.ts";
import { seedScenario } from "./scenarios/seed.ts";
import { digitsSetup } from "./scenarios/digits-setup.ts";

export interface DemoOptions {
  readonly seed?: number;
  /** The draw n of the seed scenario (default: from N(0, scale²)). */
  readonly n?: number;
  readonly scale?: number;
  /** Run the short sweep (default true): perturb's QUICK_SWEEP, with any axis or setting replaced here. */
  readonly sweep?: boolean;
  readonly grid?: Partial<Grid>;
  readonly run?: Partial<RunConfig>;
  readonly workers?: number;
  /** Called as each sweep run finishes. */
  readonly onSweepRun?: (done: number, total: number) => void;
}

export interface DemoResult {
  /** The seed scenario on a digits MLP. */
  readonly seed: ScenarioResult;
  /** Shared versus independent factors on a batch of digits. */
  readonly persample: ScenarioResult;
  /** The other scenarios (on the toy classifier), for the report. */
  readonly others: readonly ScenarioResult[];
  readonly sweep: SweepReport | null;
  /** Test accuracy against noise scale, one row per optimizer and kind. */
  readonly accuracy: ScenarioTable | null;
  /** The report's HTML. */
  readonly html: string;
  readonly seconds: { readonly scenarios: number; readonly sweep: number; readonly report: number };
}

/** Mean test accuracy by scale: one row per (optimizer, kind), the clean run in the scale-0 column of each. */
export function accuracyTable(report: SweepReport): ScenarioTable {
  const scales = [...new Set(report.rows.map((r) => r.scale))].sort((a, b) => a - b);
  const rows: (string | number)[][] = [];
  for (const opt of report.grid.optimizers) {
    const clean = report.rows.find((r) => r.optimizer === opt && r.kind === "clean");
    for (const kind of report.grid.kinds) {
      const cells = scales.map((s) => {
        const r = s === 0 ? clean : report.rows.find((x) => x.optimizer === opt && x.kind === kind && x.scale === s);
        return r === undefined ? "—" : `${fixed(r.accuracyMean, 3)} ± ${fixed(r.accuracyStd, 3)}`;
      });
      rows.push([opt, kind, ...cells]);
    }
  }
  return {
    title: `test accuracy against noise scale s (mean ± std over ${report.grid.seeds.length} seeds)`,
    columns: ["optimizer", "noise", ...scales.map((s) => (s === 0 ? "s = 0 (clean)" : `s = ${fmt(s)}`))],
    rows,
  };
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const seed = options.seed ?? 0;
  const t0 = performance.now();
  const seedResult = seedScenario({ setup: digitsSetup({ seed }), n: options.n, scale: options.scale, seed });
  const persample = persampleScenario({ setup: digitsSetup({ seed, batch: 8 }), scale: options.scale, seed });
  const digits = (r: ScenarioResult, what: string): ScenarioResult => ({ ...r, title: `${r.title} (${what})` });
  const others = (["const", "nodetach", "ste", "hidden", "second-order"] as const).map((name) =>
    runScenario(name, { seed }),
  );
  const t1 = performance.now();
  let sweep: SweepReport | null = null;
  if (options.sweep ?? true) {
    sweep = await runSweep({
      grid: { ...QUICK_SWEEP.grid, ...options.grid },
      run: { ...QUICK_SWEEP.run, ...options.run },
      workers: options.workers,
      onResult: (_r, done, total) => options.onSweepRun?.(done, total),
    });
  }
  const t2 = performance.now();
  const run = sweep?.run;
  const html = await buildReport({
    title: "tapegrad demo: what L + n·L/L.detach() does to backprop",
    intro:
      "The seed's perturbation on a digits MLP: every gradient is scaled by the same factor 1 + n/L, every " +
      "sample's loss by that same factor, and the short sweep shows what training on it does to accuracy.",
    scenarios: [
      digits(seedResult, "digits MLP 64-32-10, a batch of 64"),
      digits(persample, "digits, a batch of 8"),
      ...others,
    ],
    sweep:
      sweep === null || run === undefined
        ? null
        : {
            rows: sweep.rows,
            results: sweep.results,
            description:
              `${sweep.results.length} runs on ${run.data} (MLP 64-${run.hidden.join("-")}-10, ${run.activation}, ` +
              `${run.epochs} epochs, batch ${run.batchSize}), noise kinds ${sweep.grid.kinds.join(", ")}, ` +
              `seeds ${sweep.grid.seeds.join(", ")}: a reduced grid (tapegrad sweep runs the full one).`,
          },
  });
  const t3 = performance.now();
  return {
    seed: seedResult,
    persample,
    others,
    sweep,
    accuracy: sweep === null ? null : accuracyTable(sweep),
    html,
    seconds: { scenarios: (t1 - t0) / 1000, sweep: (t2 - t1) / 1000, report: (t3 - t2) / 1000 },
  };
}
