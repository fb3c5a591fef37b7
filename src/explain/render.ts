/**
 * A scenario as lines of terminal text: the expression and its lesson, the tape listing, the gradients beside the
 * clean ones, the scenario's tables, and every identity with ✓ or ✗. Colour only when asked (a terminal).
 */
import { renderListing } from "./listing.ts";
import { fixed, fmt, shapeText, visible } from "./numbers.ts";
import type { ScenarioResult, ScenarioTable } from "./scenario.ts";
import { maxOf } from "../plot/extent.ts";

export interface TextOptions {
  readonly color?: boolean;
}

/** A table with columns padded to their widest cell. */
export function renderTable(table: Pick<ScenarioTable, "columns" | "rows">, indent = "  "): string[] {
  const cells = [table.columns, ...table.rows].map((r) => r.map(String));
  const width = table.columns.map((_, j) => maxOf(cells.map((r) => visible(r[j] ?? ""))));
  const pad = (c: string, w: number): string => c + " ".repeat(Math.max(0, w - visible(c)));
  return cells.map((r) => indent + r.map((c, j) => pad(c, width[j])).join("  ").trimEnd());
}

export function renderScenario(result: ScenarioResult, options: TextOptions = {}): string[] {
  const paint = (code: number, text: string): string =>
    options.color === true ? `\x1b[${code}m${text}\x1b[0m` : text;
  const lines: string[] = [];
  lines.push(paint(1, `${result.name}: ${result.title}`));
  lines.push(`  ${result.expression}`);
  lines.push(`  ${result.lesson}`);
  for (const g of result.graphs) {
    lines.push("", paint(1, `tape: ${g.title}`));
    for (const l of renderListing(g.listing, { color: options.color })) lines.push("  " + l);
  }
  const [cleanHead, gotHead] = result.gradientColumns;
  const hasExpected = result.gradients.some((r) => r.expected !== null);
  lines.push("", paint(1, "gradients (‖g‖ per parameter; null = no gradient reached it)"));
  lines.push(
    ...renderTable({
      columns: ["parameter", "shape", cleanHead, gotHead, "ratio", ...(hasExpected ? ["predicted"] : [])],
      rows: result.gradients.map((r) => [
        r.name,
        shapeText(r.shape),
        r.cleanNorm === null ? "null" : fmt(r.cleanNorm),
        r.gotNorm === null ? "null" : fmt(r.gotNorm),
        r.ratio === null ? "—" : fixed(r.ratio),
        ...(hasExpected ? [r.expected === null ? "—" : fixed(r.expected)] : []),
      ]),
    }),
  );
  for (const t of result.tables) {
    lines.push("", paint(1, t.title));
    lines.push(...renderTable(t));
  }
  lines.push("", paint(1, "identities"));
  for (const i of result.identities) {
    const mark = i.holds ? paint(32, "✓") : paint(31, "✗");
    lines.push(`  ${mark} ${i.statement}`);
    lines.push(`    ${i.text} ${mark}`);
  }
  return lines;
}
