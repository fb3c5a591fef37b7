/**
 * tapegrad/testing: prove gradient rules with properties. fast-check arbitraries for shapes, tensors and whole
 * programs; the engine's finite-difference checks; a check against a composed reference; a vitest matcher.
 * fast-check (and vitest, for the matcher) are peer dependencies: the engine itself needs neither.
 */
export { arbShape, arbBroadcastShapes, type ShapeOptions, type BroadcastOptions } from "./arb-shape.ts";
export {
  arbValue, arbTensor, arbTensors, leafFrom, formatLeaf, type ValueOptions, type TensorArbOptions,
} from "./arb-tensor.ts";
export { arbProgram, arbProgramCase, PROGRAM_OPS, type ProgramOp, type ProgramOptions } from "./arb-program.ts";
export { Program, type Step, type Ref } from "./program.ts";
export {
  gradcheck, gradgradcheck, checkVjp, GradcheckError, NotDifferentiableError, type GradcheckOptions,
} from "../autograd/gradcheck.ts";
export { checkAgainstReference, type ReferenceOptions, type TensorFn } from "./check-reference.ts";
export { skipNonDifferentiable } from "./skip.ts";
export { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE, FINITE_DIFFERENCE_TOLERANCE, type Tolerance } from "./tolerances.ts";
export { heldBytes, type HeldBytes } from "./held-bytes.ts";
export { matchers, toBeAllClose, type AllCloseOptions, type Closeable, type MatcherResult } from "./matchers.ts";
