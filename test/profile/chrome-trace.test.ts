import { describe, expect, it } from "vitest";
import { TRACK_TIDS, type TraceEvent } from "../../src/profile/chrome-trace.ts";
import { profile } from "../../src/profile/profile.ts";
import { mlpStep } from "./mlp-step.ts";

/** The events of one thread that no other event of that thread contains. */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of [...events].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || (b.dur ?? 0) - (a.dur ?? 0))) {
    const ts = e.ts ?? 0;
    if (ts >= end) {
      out.push(e);
      end = ts + (e.dur ?? 0);
    }
  }
  return out;
}

// Times are µs rounded to the ns; sums of n of them differ from the table's by at most n/2 ns.
const ROUNDING = (n: number) => (n * 0.5e-3 + 1e-9) * 1.000001;

describe("toChromeTrace", () => {
  const { step } = mlpStep();
  const p = profile(() => profile.region("step", step), { repeat: 3 });
  const trace = JSON.parse(JSON.stringify(p.toChromeTrace())) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
  const complete = trace.traceEvents.filter((e) => e.ph === "X");

  it("parses as Trace Event Format: complete events with ts and dur in µs, named threads for each track", () => {
    expect(complete.length).toBe(p.events.length);
    for (const e of complete) {
      expect(e.ts).toBeGreaterThanOrEqual(0);
      expect(e.dur).toBeGreaterThanOrEqual(0);
      expect(Object.values(TRACK_TIDS)).toContain(e.tid);
    }
    const names = trace.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => e.args?.name);
    expect(names.sort()).toEqual(["backward", "forward", "region"]);
  });

  it("events on one thread nest: each starts and ends inside any event it overlaps", () => {
    for (const tid of Object.values(TRACK_TIDS)) {
      const open: TraceEvent[] = [];
      const sorted = complete.filter((e) => e.tid === tid).sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || (b.dur ?? 0) - (a.dur ?? 0));
      for (const e of sorted) {
        const ts = e.ts ?? 0;
        while (open.length > 0 && (open[open.length - 1].ts ?? 0) + (open[open.length - 1].dur ?? 0) <= ts) open.pop();
        const parent = open[open.length - 1];
        if (parent !== undefined) expect(ts + (e.dur ?? 0)).toBeLessThanOrEqual((parent.ts ?? 0) + (parent.dur ?? 0) + 1e-9);
        open.push(e);
      }
    }
  });

  it("forward and backward totals equal the table's", () => {
    for (const [track, of] of [["forward", "forward"], ["backward", "backward"]] as const) {
      const top = outermost(complete.filter((e) => e.tid === TRACK_TIDS[track]));
      const traced = top.reduce((s, e) => s + (e.dur ?? 0), 0);
      const tabled = p.rows.reduce((s, r) => s + r[of], 0) * p.repeat * 1e6;
      expect(Math.abs(traced - tabled)).toBeLessThanOrEqual(ROUNDING(2 * top.length) + 1e-9 * tabled);
    }
  });
});
