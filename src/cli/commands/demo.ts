import { tmpdir } from "node:os";
import { join } from "node:path";
import { TapegradError } from "../../autograd/errors.ts";
import { runDemo } from "../../explain/demo.ts";
import { renderListing } from "../../explain/listing.ts";
import { fixed, fmt, shapeText } from "../../explain/numbers.ts";
import { checkWritable, writeFileAtomic } from "../../explain/output.ts";
import { renderTable } from "../../explain/render.ts";
import type { ScenarioResult } from "../../explain/scenario.ts";
import { CliError, type Command } from "../command.ts";
import { colour, type Io } from "../io.ts";

function identities(io: Io, r: ScenarioResult): void {
  for (const i of r.identities) {
    const mark = i.holds ? colour(io, 32, "✓") : colour(io, 31, "✗");
    io.print(`   ${mark} ${i.text}`);
  }
}

export const demo: Command = {
  name: "demo",
  options: {
    out: { type: "string", help: "where to write the HTML report", default: join(tmpdir(), "tapegrad-demo.html") },
    seed: { type: "int", help: "seeds the model, the batch and the draws", default: 0, min: 0 },
    n: { type: "number", help: "the draw n of the seed scenario (default: from N(0, 0.5²))" },
    sweep: { type: "boolean", help: "run the short sweep (--sweep=false skips it)", default: true },
    workers: { type: "int", help: "threads for the sweep (default: every core)", min: 1 },
  },
  async run(args, io) {
    const out = args.values.out as string;
    const bold = (s: string) => colour(io, 1, s);
    try {
      await checkWritable(out, "report");
      let bar: ReturnType<Io["progress"]> | null = null;
      const result = await runDemo({
        seed: args.values.seed as number,
        n: args.values.n as number | undefined,
        sweep: args.values.sweep as boolean,
        workers: args.values.workers as number | undefined,
        onSweepRun: (done, total) => {
          bar ??= io.progress("sweep", total);
          bar.tick(done);
        },
      });
      (bar as ReturnType<Io["progress"]> | null)?.done();
      const { seed, persample } = result;
      const { n, L, factor } = seed.numbers;

      io.print(bold("tapegrad demo: what does loss + N(0, s)·loss/loss.detach() do to backprop?"));
      io.print("");
      io.print(bold("1. The seed's perturbation on a digits MLP (64-32-10, a batch of 64 digits)"));
      io.print(`   ${seed.expression}, n = ${fixed(n)}, L = ${fixed(L)}`);
      io.print("");
      for (const line of renderListing(seed.graphs[0].listing, { color: io.color })) io.print("   " + line);
      io.print("");
      io.print(bold("   Every parameter's gradient, measured ratio ∇L̃/∇L beside 1 + n/L:"));
      const rows = seed.gradients.map((g) => [
        g.name,
        shapeText(g.shape),
        g.cleanNorm === null ? "null" : fmt(g.cleanNorm),
        g.gotNorm === null ? "null" : fmt(g.gotNorm),
        g.ratio === null ? "—" : fixed(g.ratio, 6),
        fixed(factor, 6),
      ]);
      const columns = ["parameter", "shape", "‖∇L‖", "‖∇L̃‖", "measured ratio", "1 + n/L"];
      for (const line of renderTable({ columns, rows }, "   ")) io.print(line);
      identities(io, seed);

      io.print("");
      io.print(bold("2. How the batch shares it (8 digits): one shared factor, or one per sample"));
      for (const t of persample.tables) {
        io.print(`   ${t.title}`);
        for (const line of renderTable(t, "   ")) io.print(line);
      }
      identities(io, persample);

      io.print("");
      if (result.sweep !== null && result.accuracy !== null) {
        const s = result.sweep;
        io.print(bold(`3. A short sweep: ${s.results.length} training runs on digits in ${fmt(s.seconds, 3)} s ` +
          `(${s.workers} threads; 'tapegrad sweep' runs the full grid)`));
        for (const line of renderTable(result.accuracy, "   ")) io.print(line);
        const loss = s.rows.filter((r) => r.kind === "loss" && r.uphillFraction !== null);
        if (loss.length > 0) {
          io.print("   uphill steps (1 + n/L < 0) of the loss noise, measured vs Φ(−L/s):");
          for (const line of renderTable({
            columns: ["optimizer", "s", "measured", "Φ(−L/s)", "mean |fac|"],
            rows: loss.map((r) => [r.optimizer, fmt(r.scale), fixed(r.uphillFraction ?? NaN, 3),
              fixed(r.predictedUphill ?? NaN, 3), fixed(r.meanAbsFac ?? NaN, 3)]),
          }, "   ")) io.print(line);
        }
      } else io.print(bold("3. The sweep was skipped (--sweep=false)."));

      await writeFileAtomic(out, result.html, "report");
      const all = [seed, persample, ...result.others].flatMap((r) => r.identities);
      const held = all.filter((i) => i.holds).length;
      io.print("");
      io.print(bold(`4. ${held} of ${all.length} identities hold. The report (every scenario, its graph and the ` +
        `sweep's plots) is at:`));
      io.print(`   ${out}`);
      return {
        out,
        n,
        loss: L,
        factor,
        ratios: Object.fromEntries(seed.gradients.map((g) => [g.name, g.ratio])),
        cosineIndependent: persample.numbers.cosineIndependent,
        identities: all.length,
        held,
        sweep: result.sweep?.rows ?? null,
        seconds: result.seconds,
      };
    } catch (e) {
      if (e instanceof TapegradError) throw new CliError(e.message);
      throw e;
    }
  },
};
