/**
 * The page's whole state in the URL hash (DESIGN §6): `#expr=<encodeURIComponent(expression)>&<name>=<number>&…`,
 * plus the page's own switches (`predict=1`, `compare=1`, `step=<k>`), so that a link reproduces the view.
 */
export interface PageState {
  readonly expr: string;
  /** Leaf values; a name missing here has no value (an error on the page). */
  readonly values: Readonly<Record<string, number>>;
  readonly predict: boolean;
  readonly compare: boolean;
  /** The backward step shown, or null when not stepping. */
  readonly step: number | null;
}

const SWITCHES = ["expr", "predict", "compare", "step"];

export function readHash(hash: string): PageState | null {
  const body = hash.replace(/^#/, "");
  if (body === "") return null;
  const values: Record<string, number> = {};
  const fields = new Map<string, string>();
  for (const part of body.split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    let raw: string;
    try {
      raw = decodeURIComponent(part.slice(eq + 1));
    } catch {
      raw = part.slice(eq + 1);
    }
    if (SWITCHES.includes(key)) fields.set(key, raw);
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && raw.trim() !== "") values[key] = Number(raw);
  }
  const expr = fields.get("expr");
  if (expr === undefined) return null;
  const step = fields.get("step");
  return {
    expr,
    values,
    predict: fields.get("predict") === "1",
    compare: fields.get("compare") === "1",
    step: step === undefined || !/^\d+$/.test(step) ? null : Number(step),
  };
}

export function writeHash(state: PageState, names: readonly string[]): string {
  const parts = [`expr=${encodeURIComponent(state.expr)}`];
  for (const n of names) if (state.values[n] !== undefined) parts.push(`${n}=${state.values[n]}`);
  if (state.predict) parts.push("predict=1");
  if (state.compare) parts.push("compare=1");
  if (state.step !== null) parts.push(`step=${state.step}`);
  return `#${parts.join("&")}`;
}
