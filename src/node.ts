/**
 * tapegrad/node: what needs Node's files, zlib and worker threads. safetensors files, the UCI data sets bundled in
 * data/ (loadDataset here knows them beside the synthetic ones), the sweep runner, the HTML report, SVG drawing
 * (Graphviz as WebAssembly, loaded on first use) and atomic writes. Everything else is the root entry's.
 */
export {
  saveSafetensors, loadSafetensors, readSafetensors, checkpointFile,
} from "./nn/safetensors-file.ts";
export { loadDigits, loadIris, loadBreastCancer, type RealOptions } from "./nn/data/real.ts";
export { loadDataset, DATASETS } from "./nn/data/bundled.ts";
export * from "./perturb/sweep/index.ts";
export { renderSvg, inlineSvg } from "./explain/svg.ts";
export { buildReport, sweepCharts, escapeHtml, type ReportInput, type SweepSection } from "./explain/report.ts";
export { readSweep, sweepSection } from "./explain/sweep-input.ts";
export { checkWritable, writeFileAtomic } from "./explain/output.ts";
export { digitsSetup, type DigitsOptions } from "./explain/scenarios/digits-setup.ts";
export { cpuClock, clockOf, type ClockName } from "./cli/clock.ts";
