/**
 * The profile's events in the Trace Event Format that Perfetto and chrome://tracing open: one complete event
 * (`ph: "X"`, start `ts` and duration `dur` in microseconds) per op, node and region, forward ops, backward nodes
 * and the user's regions each on a thread of their own, named by metadata events.
 */
import { formatShape } from "../autograd/shape.ts";
import type { ProfileEvent, Track } from "./recorder.ts";

export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: "X" | "M";
  readonly ts?: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: Readonly<Record<string, string | number>>;
}

export interface ChromeTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: "ms";
}

export const TRACK_TIDS: Readonly<Record<Track, number>> = { forward: 1, backward: 2, region: 3 };

/** Microseconds with nanosecond digits; start and end are rounded alike, so nested events stay nested. */
const us = (ms: number): number => Math.round(ms * 1e6) / 1e3;

function argsOf(e: ProfileEvent): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  if (e.output !== null) args.output = formatShape(e.output.shape);
  if (e.node !== null) args.node = e.node.id;
  if (e.bytes > 0) args.bytes = e.bytes;
  if (e.saved > 0) args.saved = e.saved;
  return args;
}

export function toChromeTrace(events: readonly ProfileEvent[]): ChromeTrace {
  const origin = events.reduce((m, e) => Math.min(m, e.start), Infinity);
  const meta: TraceEvent[] = [
    { name: "process_name", ph: "M", pid: 1, tid: 0, args: { name: "tapegrad profile" } },
    ...Object.entries(TRACK_TIDS).map(([track, tid]) => ({ name: "thread_name", ph: "M" as const, pid: 1, tid, args: { name: track } })),
  ];
  const complete = events.map((e): TraceEvent => {
    const ts = us(e.start - origin);
    const dur = Math.round((us(e.end - origin) - ts) * 1e3) / 1e3;
    return { name: e.name, cat: e.track, ph: "X", ts, dur, pid: 1, tid: TRACK_TIDS[e.track], args: argsOf(e) };
  });
  return { traceEvents: [...meta, ...complete], displayTimeUnit: "ms" };
}
