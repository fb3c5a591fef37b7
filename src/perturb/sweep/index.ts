/** The sweep (tapegrad/node): the seed's experiment over a grid, on worker threads, with its table, files and plots. */
export {
  runSweep, QUICK_SWEEP, DEFAULT_GRID, type SweepOptions, type SweepReport,
} from "./run-sweep.ts";
export { DEFAULT_RUN, type RunConfig } from "./config.ts";
export {
  SWEEP_KINDS, OPTIMIZERS, DEFAULT_SCALES, type Grid, type Cell, type SweepKind, type OptimizerName,
} from "./grid.ts";
export type { CellResult, SweepRow } from "./result.ts";
export { writeSweepOutputs, type SweepFiles } from "./output.ts";
export { accuracyPlot, facPlot } from "./plots.ts";
