/**
 * Command-line arguments: `--name value`, `--name=value`, `--flag`, and positionals. Each command declares its
 * options (and how many positionals it takes); an unknown option (with the nearest known name), a malformed or
 * out-of-range value, or a stray positional is a UsageError naming the flag, before the command runs.
 */
import { suggest } from "./suggest.ts";

export type OptionType = "string" | "number" | "int" | "boolean" | "list" | "numbers";

export interface OptionSpec {
  readonly type: OptionType;
  readonly help: string;
  readonly default?: string | number | boolean | readonly (string | number)[];
  /** Bounds of a number, an int, or of each of numbers: min and max inclusive, above and below strict. */
  readonly min?: number;
  readonly max?: number;
  readonly above?: number;
  readonly below?: number;
}

export type Options = Readonly<Record<string, OptionSpec>>;

export class UsageError extends Error {
  override name = "UsageError";
}

export type Value = string | number | boolean | string[] | number[] | undefined;

export interface Parsed {
  readonly positionals: string[];
  readonly values: Record<string, Value>;
}

const GLOBAL: Options = {
  json: { type: "boolean", help: "end stdout with one JSON object holding the results" },
  help: { type: "boolean", help: "show this help" },
};

function bounds(spec: OptionSpec): string {
  const parts: string[] = [];
  if (spec.above !== undefined) parts.push(`> ${spec.above}`);
  if (spec.min !== undefined) parts.push(`≥ ${spec.min}`);
  if (spec.max !== undefined) parts.push(`≤ ${spec.max}`);
  if (spec.below !== undefined) parts.push(`< ${spec.below}`);
  return parts.length === 0 ? "" : " " + parts.join(" and ");
}

function number(name: string, spec: OptionSpec, raw: string, integer: boolean, what: string): number {
  const v = Number(raw);
  const ok = raw.trim() !== "" && (integer ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
    !(spec.min !== undefined && v < spec.min) && !(spec.max !== undefined && v > spec.max) &&
    !(spec.above !== undefined && !(v > spec.above)) && !(spec.below !== undefined && !(v < spec.below));
  if (!ok) throw new UsageError(`--${name}: expected ${what}${bounds(spec)}, got '${raw}'`);
  return v;
}

function convert(name: string, spec: OptionSpec, raw: string): Value {
  if (raw === "" && spec.type !== "string") throw new UsageError(`--${name}: the value is empty`);
  switch (spec.type) {
    case "string":
      return raw;
    case "number":
      return number(name, spec, raw, false, "a number");
    case "int":
      return number(name, spec, raw, true, "an integer");
    case "boolean":
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      throw new UsageError(`--${name}: expected true or false, got '${raw}'`);
    case "list": {
      const items = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
      if (items.length === 0) throw new UsageError(`--${name}: expected a comma-separated list, got '${raw}'`);
      return items;
    }
    case "numbers":
      return raw.split(",").map((s) => number(name, spec, s, false, "comma-separated numbers"));
  }
}

/** How many positionals a usage line like "<scenario> " or "<dirs or files…> " admits (Infinity for "…"). */
export function positionalLimit(usageLine: string | undefined): number {
  if (usageLine === undefined) return 0;
  if (/…|\.\.\./.test(usageLine)) return Infinity;
  return (usageLine.match(/<[^>]+>|\[[^\]]+\]/g) ?? []).length;
}

export function parseArgs(argv: readonly string[], options: Options, maxPositionals = Infinity): Parsed {
  // Own properties only: "--constructor" or "--__proto__" must not find Object.prototype's members.
  const all = new Map<string, OptionSpec>([...Object.entries(GLOBAL), ...Object.entries(options)]);
  const values: Record<string, Value> = Object.create(null) as Record<string, Value>;
  for (const [k, spec] of all) {
    const d = spec.default;
    values[k] = Array.isArray(d) ? [...d] as string[] | number[] : (d as Value);
  }
  const positionals: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--") || arg === "--") {
      if (positionals.length >= maxPositionals) {
        throw new UsageError(
          maxPositionals === 0 ? `unexpected argument '${arg}': this command takes options only` :
            `unexpected argument '${arg}': this command takes at most ${maxPositionals}`,
        );
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = all.get(name);
    if (spec === undefined) {
      const near = suggest(name, [...all.keys()]);
      throw new UsageError(`unknown option --${name}` + (near === null ? "" : `; did you mean --${near}?`));
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (spec.type === "boolean") raw = "true";
    else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      raw = argv[++i];
    }
    const value = convert(name, spec, raw);
    // A list given several times (--value w=0.5 --value x=2) collects every occurrence.
    const before = values[name];
    values[name] = spec.type === "list" && given.has(name) && Array.isArray(before) ? [...(before as string[]), ...(value as string[])] : value;
    given.add(name);
  }
  return { positionals, values };
}

export function usage(options: Options): string {
  const all = [...Object.entries(options), ...Object.entries(GLOBAL)];
  return all
    .map(([k, s]) => {
      const d = s.default === undefined ? "" : ` (default ${Array.isArray(s.default) ? s.default.join(",") : s.default})`;
      return `  --${k}${s.type === "boolean" ? "" : " <" + s.type + ">"}`.padEnd(28) + s.help + d;
    })
    .join("\n");
}
