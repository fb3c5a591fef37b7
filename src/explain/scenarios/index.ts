/** Every scenario by name. Each returns a ScenarioResult: the CLI prints it, the report lays it out, tests check it. */
import { ArgumentError } from "../../autograd/errors.ts";
import { SCENARIO_NAMES, type ScenarioName, type ScenarioResult } from "../scenario.ts";
import { constScenario } from "./const.ts";
import { hiddenScenario } from "./hidden.ts";
import type { LossOptions } from "./loss-variant.ts";
import { nodetachScenario } from "./nodetach.ts";
import { persampleScenario } from "./persample.ts";
import { secondOrderScenario } from "./second-order.ts";
import { seedScenario } from "./seed.ts";
import { steScenario } from "./ste.ts";

/** What any scenario accepts; each uses what applies to it (n and scale: the loss scenarios). */
export type ScenarioOptions = LossOptions;

export const SCENARIOS = {
  seed: seedScenario,
  const: constScenario,
  nodetach: nodetachScenario,
  persample: persampleScenario,
  ste: (o: ScenarioOptions) => steScenario({ seed: o.seed }),
  hidden: (o: ScenarioOptions) => hiddenScenario({ seed: o.seed }),
  "second-order": () => secondOrderScenario(),
} satisfies Record<ScenarioName, (options: ScenarioOptions) => ScenarioResult>;

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** Runs one scenario by name; an unknown name throws an ArgumentError that lists the known ones. */
export function runScenario(name: string, options: ScenarioOptions = {}): ScenarioResult {
  if (!isScenarioName(name)) {
    throw new ArgumentError(`explain: unknown scenario '${name}'; the scenarios are ${SCENARIO_NAMES.join(", ")}`);
  }
  return SCENARIOS[name](options);
}

export {
  seedScenario, constScenario, nodetachScenario, persampleScenario, steScenario, hiddenScenario, secondOrderScenario,
};
export { toySetup, setupOf, type Setup, type ToyOptions } from "./setup.ts";
export type { LossOptions } from "./loss-variant.ts";
