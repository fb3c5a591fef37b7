/**
 * What `profile` records: a tape observer that times every op's forward and every node's backward, and the
 * user's regions, as a stack of open frames.
 *
 *   1. An op's frame opens at `opStart` and closes at `opEnd`; a node's frame opens at `nodeEnter` and closes at
 *      `nodeExit`. Ops that run inside a node's frame (its rule is written with ops) belong to that node's backward.
 *   2. The profiler's own bookkeeping is cut out of time: each callback reads the clock last on entry and first on
 *      exit, adds what it spent in between to a running total, and every time it records is the clock less that
 *      total. So no op, node or step includes the profiler's time, and the trace's events still nest.
 *   3. A closed frame becomes an event (start, end, its time less its children's, track, depth); the tables and
 *      the trace are built from the events afterwards, so the callbacks only push and pop.
 */
import type { TapeObserver } from "../autograd/observer.ts";
import type { Node } from "../autograd/tape.ts";
import type { Tensor } from "../autograd/tensor.ts";
import type { Clock } from "./harness.ts";

/** Forward ops, backward nodes (with the ops their rules run), and the user's regions each get a track. */
export type Track = "forward" | "backward" | "region";

export interface ProfileEvent {
  readonly name: string;
  readonly track: Track;
  /** Clock milliseconds. */
  readonly start: number;
  readonly end: number;
  /** end − start less the time of the frames nested in this one (for a node: less nothing). */
  readonly self: number;
  /** Nesting depth within its track. */
  readonly depth: number;
  /** The repetition of the step this event belongs to. */
  readonly repeat: number;
  /** A forward op's output, and its node when it recorded one. */
  readonly output: Tensor | null;
  readonly node: Node | null;
  /** For a node: bytes its rule's ops allocated. For an op: its output's bytes if that storage is new, else 0. */
  readonly bytes: number;
  readonly saved: number;
}

type FrameKind = "op" | "node" | "region";

interface Frame {
  readonly kind: FrameKind;
  readonly name: string;
  readonly track: Track;
  readonly depth: number;
  start: number;
  /** Time of the frames nested in this one. */
  nested: number;
  /** For a node: bytes its rule's ops allocated. */
  bytes: number;
}

export class Recorder implements TapeObserver {
  readonly events: ProfileEvent[] = [];
  /** Per repetition: the step's time, and the profiler's own time that was cut out of it. */
  readonly steps: number[] = [];
  readonly overheads: number[] = [];
  private readonly stack: Frame[] = [];
  private readonly seen = new WeakSet<object>();
  /** The profiler's time so far: subtracted from every clock reading. */
  private cut = 0;
  private repeat = 0;

  constructor(private readonly clock: Clock) {}

  /** Runs one repetition of `fn`, timing the whole. */
  step(fn: () => unknown): void {
    this.stack.length = 0;
    const cut0 = this.cut;
    const t0 = this.clock() - this.cut;
    fn();
    this.steps.push(this.clock() - this.cut - t0);
    this.overheads.push(this.cut - cut0);
    this.repeat++;
  }

  private track(): Track {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i].kind === "node") return "backward";
    return "forward";
  }

  private open(kind: FrameKind, name: string, track: Track, entered: number): void {
    let depth = 0;
    for (const f of this.stack) if (f.track === track) depth++;
    const frame: Frame = { kind, name, track, depth, start: 0, nested: 0, bytes: 0 };
    this.stack.push(frame);
    const now = this.clock();
    this.cut += now - entered;
    frame.start = now - this.cut;
  }

  /** Closes the innermost `kind` frame named `name` (frames an op's throw left open above it are dropped). */
  private close(kind: FrameKind, name: string, end: number, output: Tensor | null, node: Node | null): void {
    let k = this.stack.length - 1;
    while (k >= 0 && !(this.stack[k].kind === kind && this.stack[k].name === name)) k--;
    if (k < 0) return;
    const f = this.stack[k];
    this.stack.length = k;
    const parent = this.stack[k - 1];
    if (parent !== undefined) parent.nested += end - f.start;
    let bytes = f.bytes;
    if (output !== null) {
      // A one-element result holding its number (no storage yet, see scalarResult) is counted without making one.
      const data = output._data;
      const fresh = data === null || (!this.seen.has(data) && !(node?.inputs.some((t) => t._data === data) ?? false));
      if (data !== null) this.seen.add(data);
      bytes = fresh ? output._byteLength : 0;
      if (f.track === "backward") {
        let o = k - 1;
        while (o >= 0 && this.stack[o].kind !== "node") o--;
        if (o >= 0) this.stack[o].bytes += bytes;
      }
    }
    const self = kind === "op" ? end - f.start - f.nested : end - f.start;
    this.events.push({
      name, track: f.track, start: f.start, end, self, depth: f.depth, repeat: this.repeat, output, node, bytes,
      saved: node === null || kind !== "op" || f.track === "backward" ? 0 : node.savedBytes,
    });
  }

  /** The clock less the profiler's time so far. */
  private now(): number {
    return this.clock() - this.cut;
  }

  /** Cuts the bookkeeping since `end` (a reading less the cut) out of time. */
  private finish(end: number): void {
    this.cut += this.now() - end;
  }

  opStart(name: string): void {
    const t = this.clock();
    this.open("op", name, this.track(), t);
  }

  opEnd(name: string, output: Tensor, node: Node | null): void {
    const end = this.now();
    this.close("op", name, end, output, node);
    this.finish(end);
  }

  nodeEnter(node: Node): void {
    const t = this.clock();
    this.open("node", node.def.name, "backward", t);
  }

  nodeExit(node: Node): void {
    const end = this.now();
    this.close("node", node.def.name, end, null, node);
    this.finish(end);
  }

  /** Runs `fn` as a region named `name`, nested in whatever region is open. */
  region<T>(name: string, fn: () => T): T {
    this.open("region", name, "region", this.clock());
    try {
      return fn();
    } finally {
      const end = this.now();
      this.close("region", name, end, null, null);
      this.finish(end);
    }
  }
}
