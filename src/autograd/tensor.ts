/**
 * The Tensor with its computing methods: what everything outside src/autograd imports. The class lives in
 * `tensor-base.ts` and imports no op; this module installs the methods (`methods.ts`) before it hands the class out,
 * so no load order can give a Tensor without `add`, `sum` or `backward`. Inside src/autograd, modules import
 * `tensor-base.ts` (methods.ts reaches them, so importing this one there would close a cycle).
 */
import "./methods.ts";
export * from "./tensor-base.ts";
