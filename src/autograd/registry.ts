/**
 * Every node kind, by name: defining an op registers its definition here (built-in ops, nn's fused ops, perturb's
 * node and every `customOp`), so tests can reach every rule that can be on a tape. The op-name type comes from
 * the list of built-in ops (`ops/index.ts`), not from a list kept by hand.
 *
 * NOTE: the library's own ops must have unique names (a second definition under a taken name is an error). A
 * custom op is kept apart and never refused: users define twins under one name (a correct rule beside a broken
 * one) or mirror a built-in's name, and each node carries its own rule, so the tape is never ambiguous.
 */
import { ArgumentError } from "./errors.ts";
import type { OpDef } from "./tape.ts";

export interface RegisteredOp {
  /** The op function (a custom op's too), for tests that call every rule. */
  readonly op: (...args: never) => unknown;
  readonly def: OpDef<never>;
  /** Further defs recorded under the same name: a binary op's forms with one plain-number operand. */
  readonly variants: readonly OpDef<never>[];
}

const registry = new Map<string, RegisteredOp>();
const custom = new Map<string, RegisteredOp>();

/** Registers `def` (and its variants) under its name; for the library's ops, a name already taken is an error. */
export function registerOp(
  op: (...args: never) => unknown,
  def: OpDef<never>,
  variants: readonly OpDef<never>[] = [],
  kind: "library" | "custom" = "library",
): void {
  const name = def.name;
  if (kind === "custom") {
    custom.set(name, { op, def, variants });
    return;
  }
  if (registry.has(name)) {
    throw new ArgumentError(
      `${name}: an op named '${name}' is already defined (each name is one rule on the tape); give this op ` +
        `another name, or reuse the op already defined`,
    );
  }
  registry.set(name, { op, def, variants });
}

/** Every registered op of the library, in order of definition. */
export function registeredOps(): ReadonlyMap<string, RegisteredOp> {
  return registry;
}

/** Every custom op defined so far, by name (the latest of a name). */
export function customOps(): ReadonlyMap<string, RegisteredOp> {
  return custom;
}
