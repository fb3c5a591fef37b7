/**
 * Command-line arguments: `--name value`, `--name=value`, `--flag`, and positionals. Each command declares its
 * options; an unknown option or a malformed value is an error that names it and shows the usage.
 */
export type OptionType = "string" | "number" | "int" | "boolean" | "list" | "numbers";

export interface OptionSpec {
  readonly type: OptionType;
  readonly help: string;
  readonly default?: string | number | boolean | readonly (string | number)[];
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

function convert(name: string, spec: OptionSpec, raw: string): Value {
  const bad = (what: string) => new UsageError(`--${name}: expected ${what}, got '${raw}'`);
  switch (spec.type) {
    case "string":
      return raw;
    case "number": {
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v)) throw bad("a number");
      return v;
    }
    case "int": {
      const v = Number(raw);
      if (!Number.isInteger(v)) throw bad("an integer");
      return v;
    }
    case "boolean":
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      throw bad("true or false");
    case "list":
      return raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
    case "numbers":
      return raw.split(",").map((s) => {
        const v = Number(s);
        if (s.trim() === "" || !Number.isFinite(v)) throw bad("comma-separated numbers");
        return v;
      });
  }
}

export function parseArgs(argv: readonly string[], options: Options): Parsed {
  const all: Options = { ...GLOBAL, ...options };
  const values: Record<string, Value> = {};
  for (const [k, spec] of Object.entries(all)) {
    const d = spec.default;
    values[k] = Array.isArray(d) ? [...d] as string[] | number[] : (d as Value);
  }
  const positionals: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = all[name];
    if (spec === undefined) {
      throw new UsageError(`unknown option --${name}; known: ${Object.keys(all).map((k) => "--" + k).join(", ")}`);
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
  const all: Options = { ...options, ...GLOBAL };
  return Object.entries(all)
    .map(([k, s]) => {
      const d = s.default === undefined ? "" : ` (default ${Array.isArray(s.default) ? s.default.join(",") : s.default})`;
      return `  --${k}${s.type === "boolean" ? "" : " <" + s.type + ">"}`.padEnd(28) + s.help + d;
    })
    .join("\n");
}
