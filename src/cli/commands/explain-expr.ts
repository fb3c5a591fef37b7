/**
 * `tapegrad explain --expr "<expression>" --value name=number …`: the playground's language (DESIGN §6) in the
 * terminal, with --compare (the same expression with every detach taken off), --step (backward one node at a
 * time: Enter advances on a terminal, every step is printed when stdin is not one) and --why <leaf>.
 * A malformed expression or value is a usage error (exit 2) whose message points at the column.
 */
import { createInterface } from "node:readline/promises";
import { UsageError, type Parsed } from "../args.ts";
import { ExprError, parseExpr } from "../../explain/expr/parse.ts";
import { compareLines, renderExprRun, whyLine } from "../../explain/expr/render.ts";
import { runExpr } from "../../explain/expr/run.ts";
import { backwardSteps, type BackwardStep } from "../../explain/expr/steps.ts";
import { toDot, dotLegend } from "../../explain/dot.ts";
import { writeFileAtomic, checkWritable } from "../../explain/output.ts";
import { renderSvg, withCaption } from "../../explain/svg.ts";
import type { Io } from "../io.ts";

function readValues(raw: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const item of raw) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(item.trim());
    const v = m === null ? Number.NaN : Number(m[2]);
    if (m === null || !Number.isFinite(v)) throw new UsageError(`--value: expected name=number (x=1.5), got '${item}'`);
    values[m[1]] = v;
  }
  return values;
}

function stepLines(s: BackwardStep, k: number, total: number): string[] {
  return [
    `step ${k + 1} of ${total}: ${s.id} (${s.op}): ${s.arrived}`,
    ...s.rule.map((l) => `    ${s.op}: ${l}`),
    ...(s.running.length > 0 ? [`    waiting, summed so far: ${s.running.join("; ")}`] : []),
  ];
}

async function printSteps(steps: readonly BackwardStep[], io: Io): Promise<void> {
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !io.json;
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  // The iterator buffers lines typed ahead, so no Enter is lost between two steps.
  const lines = rl?.[Symbol.asyncIterator]();
  try {
    io.print();
    io.print(interactive ? "backward, one node at a time (Enter: next, q: stop)" : "backward, one node at a time");
    for (const [k, s] of steps.entries()) {
      for (const l of stepLines(s, k, steps.length)) io.print(l);
      if (lines !== undefined && k < steps.length - 1) {
        const next = await lines.next();
        if (next.done === true || String(next.value).trim() === "q") return;
      }
    }
  } finally {
    rl?.close();
  }
}

export async function explainExpr(source: string, args: Parsed, io: Io): Promise<Record<string, unknown>> {
  const values = readValues((args.values.value as string[] | undefined) ?? []);
  let run;
  let without = null;
  try {
    const expr = parseExpr(source);
    run = runExpr(expr, values, { source });
    if (args.values.compare === true) without = runExpr(expr, values, { source, detach: "identity" });
  } catch (e) {
    if (e instanceof ExprError) throw new UsageError(`--expr: ${e.message}\n  ${e.pointer().replace("\n", "\n  ")}`);
    throw e;
  }
  for (const l of renderExprRun(run, values, { color: io.color })) io.print(l);
  if (without !== null) for (const l of compareLines(run, without, { color: io.color })) io.print(l);
  const why = args.values.why as string | undefined;
  if (why !== undefined) {
    io.print();
    io.print(whyLine(run, why));
  }
  const steps = backwardSteps(run.listing);
  if (args.values.step === true) await printSteps(steps, io);
  const svg = args.values.svg as string | undefined;
  if (svg !== undefined) {
    await checkWritable(svg, "SVG");
    const picture = withCaption(await renderSvg(toDot(run.listing)), source, dotLegend(run.listing));
    await writeFileAtomic(svg, picture, "SVG");
    io.print();
    io.print(`graph written to ${svg}`);
  }
  return {
    expr: source, values, value: run.value, grads: Object.fromEntries(run.grads),
    ...(without === null ? {} : { withoutDetach: Object.fromEntries(without.grads) }),
    ...(why === undefined ? {} : { why: whyLine(run, why) }),
    steps,
  };
}
