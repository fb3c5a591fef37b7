/**
 * Regression mode: tapegrad's figures of a run against a saved base run. A figure counts as slower (or faster)
 * only when it moved by more than the measured noise: the sum of the two runs' relative margins of error (their
 * 95% intervals no longer overlap), and never by less than MIN_CHANGE, since runs on different days also differ
 * by drift that no single run's spread shows.
 */
import type { Summary } from "../src/profile/stats.ts";
import type { SuiteResult } from "./suite.ts";

export const MIN_CHANGE = 0.03;

export interface Change {
  readonly key: string;
  /** Base and current median times (ms), or the paired W5/W2 ratio. */
  readonly base: number;
  readonly current: number;
  /** current / base: above 1 is slower. */
  readonly ratio: number;
  /** The relative change that counts as real. */
  readonly threshold: number;
  readonly verdict: "slower" | "faster" | "same";
}

/** The tapegrad figures of a result, by key. */
export function figures(r: SuiteResult): Map<string, Summary> {
  const out = new Map<string, Summary>();
  for (const c of r.cells) if (c.system === "tapegrad") out.set(`${c.workload} ${c.dtype}`, c.time);
  for (const p of r.pairs) if (p.system === "tapegrad") out.set("W5/W2 ratio", p.ratio);
  for (const m of r.micro) if (m.system === "tapegrad") out.set(`micro ${m.id}`, m.time);
  return out;
}

export function change(key: string, base: Summary, current: Summary): Change {
  const ratio = current.median / base.median;
  const noise = (Number.isFinite(base.rme) ? base.rme : 1) + (Number.isFinite(current.rme) ? current.rme : 1);
  const threshold = Math.max(MIN_CHANGE, noise);
  const verdict = ratio - 1 > threshold ? "slower" : 1 / ratio - 1 > threshold ? "faster" : "same";
  return { key, base: base.median, current: current.median, ratio, threshold, verdict };
}

/** Every figure present in both runs, compared. */
export function compareResults(base: SuiteResult, current: SuiteResult): Change[] {
  const b = figures(base);
  const out: Change[] = [];
  for (const [key, cur] of figures(current)) {
    const old = b.get(key);
    if (old !== undefined) out.push(change(key, old, cur));
  }
  return out;
}
