/**
 * explain: what detach does to backprop, made visible. Tape listings (Wengert lists with the gradient that arrived
 * at every node), the DOT text of a graph, gradient tracing through hooks, the teaching scenarios. Nothing here
 * prints or exits (the CLI does), and nothing needs Node: drawing SVG, the HTML report and files are tapegrad/node's.
 */
export { traceGradients, graphTensors, type GradientTrace } from "./trace.ts";
export {
  listTape, renderListing, type TapeListing, type ListingRow, type ListingInput, type RenderOptions,
} from "./listing.ts";
export { toDot, checkDrawable, opCounts, GraphTooLargeError, MAX_DRAWN_NODES, type DotOptions } from "./dot.ts";
export {
  SCENARIO_NAMES, type ScenarioName, type ScenarioResult, type IdentityCheck, type GradientRow, type ScenarioGraph,
  type ScenarioTable,
} from "./scenario.ts";
export * from "./scenarios/index.ts";
export { renderScenario, renderTable } from "./render.ts";
export { runDetachExample } from "./detach-example.ts";
