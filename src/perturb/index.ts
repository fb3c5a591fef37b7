/**
 * perturb: the seed's loss perturbation L + n·L/sg(L) (composed and fused), its per-sample forms, the noise that
 * drives it, and the comparison points (noise on predictions, targets and gradients). The sweep, which runs on
 * worker threads and writes files, is tapegrad/node's (sweep/index.ts).
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
