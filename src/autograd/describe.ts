/** How error messages name a value that is not what was expected: its kind, and a short rendering. */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array (wrap it with tensor())";
  if (typeof x === "object") return (x as object).constructor?.name ?? "an object";
  if (typeof x === "number") return `the number ${x}`;
  if (typeof x === "string") return `the string ${JSON.stringify(x.length > 40 ? x.slice(0, 40) + "…" : x)}`;
  if (typeof x === "boolean") return `the boolean ${x}`;
  return typeof x;
}
