/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) with every scenario
 * (its lesson, graph, tape listing, gradients, tables and checked identities) and, when a sweep is given, its
 * table and its plots (perturb's: test accuracy against the noise scale; |fac| per epoch and the measured uphill
 * fraction beside Φ(−L/s) when the runs are given).
 */
import { accuracyPlot, facPlot } from "../perturb/sweep/plots.ts";
import type { CellResult, SweepRow } from "../perturb/sweep/result.ts";
import { renderListing } from "./listing.ts";
import { fixed, fmt, shapeText } from "./numbers.ts";
import type { ScenarioResult, ScenarioTable } from "./scenario.ts";
import { inlineSvg, renderSvg } from "./svg.ts";

export interface SweepSection {
  /** The sweep's table: the runs of one kind, scale and optimizer per row. */
  readonly rows: readonly SweepRow[];
  /** The runs themselves, when known: they add the plot of |fac| per epoch and of uphill steps. */
  readonly results?: readonly CellResult[];
  /** What was run (data set, model, epochs…), one line. */
  readonly description?: string;
}

export interface ReportInput {
  readonly title?: string;
  /** A paragraph under the title. */
  readonly intro?: string;
  readonly scenarios: readonly ScenarioResult[];
  readonly sweep?: SweepSection | null;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #111827; }
h1 { font-size: 26px; } h2 { font-size: 20px; border-bottom: 1px solid #d1d5db; padding-bottom: 4px; margin-top: 40px; }
h3 { font-size: 15px; margin-top: 20px; }
.expr { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 15px; background: #f3f4f6; padding: 6px 10px; }
pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 10px; overflow-x: auto; font-size: 12px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #e5e7eb; padding: 3px 8px; text-align: right; }
th { background: #f3f4f6; } td:first-child, th:first-child { text-align: left; }
figure { margin: 12px 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #4b5563; }
.ok { color: #15803d; font-weight: bold; } .bad { color: #b91c1c; font-weight: bold; }
ul.identities { list-style: none; padding-left: 0; } ul.identities li { margin: 6px 0; }
.muted { color: #6b7280; font-size: 12px; }
`;

function table(t: Pick<ScenarioTable, "columns" | "rows">): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

async function scenarioHtml(r: ScenarioResult): Promise<string> {
  const parts: string[] = [
    `<section id="scenario-${escapeHtml(r.name)}">`,
    `<h2>${escapeHtml(r.name)}: ${escapeHtml(r.title)}</h2>`,
    `<p class="expr">${escapeHtml(r.expression)}</p>`,
    `<p>${escapeHtml(r.lesson)}</p>`,
  ];
  for (const g of r.graphs) {
    if (g.dot === null) parts.push(`<p class="muted">${escapeHtml(g.tooLarge ?? "the graph is not drawn")}</p>`);
    else {
      const svg = inlineSvg(await renderSvg(g.dot));
      const legend = g.legend.map((l) => `<br>${escapeHtml(l)}`).join("");
      parts.push(`<figure class="graph">${svg}<figcaption><b>${escapeHtml(g.title)}</b>${legend}</figcaption></figure>`);
    }
    parts.push(`<h3>tape listing</h3><pre>${escapeHtml(renderListing(g.listing).join("\n"))}</pre>`);
  }
  const [cleanHead, gotHead] = r.gradientColumns;
  parts.push("<h3>gradients (‖g‖ per parameter; null: no gradient reached it)</h3>");
  parts.push(
    table({
      columns: ["parameter", "shape", cleanHead, gotHead, "measured ratio", "predicted ratio"],
      rows: r.gradients.map((g) => [
        g.name,
        shapeText(g.shape),
        g.cleanNorm === null ? "null" : fmt(g.cleanNorm),
        g.gotNorm === null ? "null" : fmt(g.gotNorm),
        g.ratio === null ? "—" : fixed(g.ratio, 6),
        g.expected === null ? "—" : fixed(g.expected, 6),
      ]),
    }),
  );
  for (const t of r.tables) parts.push(`<h3>${escapeHtml(t.title)}</h3>`, table(t));
  parts.push('<h3>identities, checked on the numbers</h3><ul class="identities">');
  for (const i of r.identities) {
    const mark = i.holds ? '<span class="ok">✓</span>' : '<span class="bad">✗</span>';
    parts.push(
      `<li>${mark} <b>${escapeHtml(i.statement)}</b><br>${escapeHtml(i.text)} ` +
        `<span class="muted">(${escapeHtml(i.errorKind)} = ${escapeHtml(fmt(i.error))}, tolerance ` +
        `${escapeHtml(fmt(i.tolerance))})</span></li>`,
    );
  }
  parts.push("</ul></section>");
  return parts.join("\n");
}

/** The sweep's own plots: accuracy against scale, and (given the runs) |fac| per epoch and the uphill steps. */
export function sweepCharts(sweep: SweepSection): string[] {
  const charts = [accuracyPlot(sweep.rows)];
  if (sweep.results !== undefined && sweep.results.some((r) => r.kind === "loss")) {
    charts.push(facPlot(sweep.results, sweep.rows));
  }
  return charts;
}

function sweepHtml(sweep: SweepSection): string {
  const parts = ['<section id="sweep"><h2>the sweep: accuracy against noise scale</h2>'];
  if (sweep.description !== undefined) parts.push(`<p>${escapeHtml(sweep.description)}</p>`);
  for (const chart of sweepCharts(sweep)) parts.push(`<figure class="plot">${inlineSvg(chart)}</figure>`);
  const opt = (v: number | null, d = 3) => (v === null ? "—" : fixed(v, d));
  parts.push(
    table({
      columns: ["optimizer", "kind", "scale", "runs", "accuracy", "± std", "uphill", "Φ(−L/s)", "mean |fac|"],
      rows: sweep.rows.map((r) => [
        r.optimizer,
        r.kind,
        fmt(r.scale),
        r.runs,
        fixed(r.accuracyMean, 4),
        fixed(r.accuracyStd, 4),
        opt(r.uphillFraction),
        opt(r.predictedUphill),
        opt(r.meanAbsFac),
      ]),
    }),
  );
  parts.push("</section>");
  return parts.join("\n");
}

/** The report as one HTML document. */
export async function buildReport(input: ReportInput): Promise<string> {
  const title = input.title ?? "tapegrad: what detach does to backprop";
  const checks = input.scenarios.flatMap((s) => s.identities);
  const held = checks.filter((i) => i.holds).length;
  const toc = input.scenarios
    .map((s) => `<li><a href="#scenario-${escapeHtml(s.name)}">${escapeHtml(s.name)}</a>: ${escapeHtml(s.title)}</li>`)
    .concat(input.sweep ? ['<li><a href="#sweep">the sweep</a></li>'] : [])
    .join("\n");
  const sections: string[] = [];
  for (const s of input.scenarios) sections.push(await scenarioHtml(s));
  if (input.sweep) sections.push(sweepHtml(input.sweep));
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head><body>",
    `<h1>${escapeHtml(title)}</h1>`,
    input.intro === undefined ? "" : `<p>${escapeHtml(input.intro)}</p>`,
    `<p>${held} of ${checks.length} identities hold on the numbers.</p>`,
    `<ul>${toc}</ul>`,
    ...sections,
    "</body></html>",
    "",
  ].join("\n");
}
