/** The playground's expression language (DESIGN §6): parse, print, edit and run. Pure: no Node built-in. */
export { FUNCS, childrenOf, isDetach, namesOf, nodeAt, childPath, type Expr, type Func, type Path } from "./ast.ts";
export { parseExpr, ExprError } from "./parse.ts";
export { printExpr } from "./print.ts";
export { toggleDetach, withoutDetach, hasDetach } from "./edit.ts";
export { evaluateExpr, type Evaluation, type ExprOptions } from "./evaluate.ts";
export { runExpr, type ExprRun } from "./run.ts";
export { backwardSteps, type BackwardStep } from "./steps.ts";
export { whyNull } from "./why.ts";
