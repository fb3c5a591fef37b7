/**
 * explain: what detach does to backprop, made visible. Tape listings (Wengert lists with the gradient that arrived
 * at every node), DOT and SVG pictures of a graph, gradient tracing through hooks, the teaching scenarios, and the
 * HTML report. Nothing here prints or exits: the CLI does.
 */
export { traceGradients, graphTensors, type GradientTrace } from "./trace.ts";
export {
  listTape, renderListing, type TapeListing, type ListingRow, type ListingInput, type RenderOptions,
} from "./listing.ts";
export { toDot, checkDrawable, opCounts, GraphTooLargeError, MAX_DRAWN_NODES, type DotOptions } from "./dot.ts";
export { renderSvg, inlineSvg } from "./svg.ts";
export {
  SCENARIO_NAMES, type ScenarioName, type ScenarioResult, type IdentityCheck, type GradientRow, type ScenarioGraph,
  type ScenarioTable,
} from "./scenario.ts";
export * from "./scenarios/index.ts";
export { renderScenario, renderTable } from "./render.ts";
export { checkWritable, writeFileAtomic } from "./output.ts";
export { buildReport, sweepCharts, escapeHtml, type ReportInput, type SweepSection } from "./report.ts";
export { readSweep, sweepSection } from "./sweep-input.ts";
