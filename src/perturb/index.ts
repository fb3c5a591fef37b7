/**
 * perturb: the seed's loss perturbation L + n·L/sg(L) (composed and fused), its per-sample forms, the noise that
 * drives it, and the comparison points (noise on predictions, targets and gradients).
 */
export { perturbLoss, perturbFactor, type PerturbOptions } from "./perturb-loss.ts";
export { perturbNode, type PerturbAttrs } from "./perturb-op.ts";
export { type Guard, type GuardOptions } from "./guard.ts";
export {
  normalNoise, uniformNoise, noiseSource, uphillProbability, type NoiseKind, type NoiseSource,
} from "./noise.ts";
export {
  perturbShared, perturbSharedParts, perturbIndependent, perturbIndependentParts,
  type BatchReduction, type PerSampleOptions, type SharedParts, type IndependentParts,
} from "./per-sample.ts";
export {
  Perturber, summarize, type PerturbMode, type PerturberOptions, type PerturbRecord, type PerturberSummary,
} from "./perturber.ts";
export {
  perSampleGrads, sampleContributions, type SampleContribution, type ContributionReport,
} from "./per-sample-grad.ts";
export { noiseLike, noisyPredictions, noisyTargets, noisyOneHot, softCrossEntropy } from "./input-noise.ts";
export { addGradientNoise } from "./gradient-noise.ts";
export {
  runSweep, QUICK_SWEEP, DEFAULT_GRID, type SweepOptions, type SweepReport,
} from "./sweep/run-sweep.ts";
export { DEFAULT_RUN, type RunConfig } from "./sweep/config.ts";
export {
  SWEEP_KINDS, OPTIMIZERS, DEFAULT_SCALES, type Grid, type Cell, type SweepKind, type OptimizerName,
} from "./sweep/grid.ts";
export type { CellResult, SweepRow } from "./sweep/result.ts";
export { writeSweepOutputs, type SweepFiles } from "./sweep/output.ts";
export { accuracyPlot, facPlot } from "./sweep/plots.ts";
