/**
 * The suite without the CLI wrapper: `npx tsx bench/run.ts [--full] [--only W1,W4] [--json] [--save f] [--compare f]`
 * is the same as `npx tapegrad bench …` (see src/cli/commands/bench.ts for the options).
 */
import { main } from "../src/cli/main.ts";

process.exitCode = await main(["bench", ...process.argv.slice(2)]);
