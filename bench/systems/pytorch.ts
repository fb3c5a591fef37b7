/**
 * PyTorch eager on one thread, an optional peer: a Python worker (pytorch_worker.py) runs the steps, and this side
 * talks to it over two named pipes, blocking, because the harness's `run(count)` is synchronous. A request costs
 * one round trip (tens of µs), paid once per sample rather than per step. The peer is skipped, with a note, where
 * no Python interpreter can import torch.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { matmulData, mlpData } from "../data.ts";
import type { Workload } from "../workloads.ts";
import { addChildCpu } from "./child-cpu.ts";
import type { BenchDType, Stepper, System } from "./system.ts";

/** Interpreters tried in order: an explicit choice, the one on PATH, the system's (where Debian's torch lives). */
const CANDIDATES = [process.env.TAPEGRAD_BENCH_PYTHON, "python3", "/usr/bin/python3"];

let python: string | null | undefined;

/** The first interpreter that imports torch, or null when none does. */
export function torchPython(): string | null {
  python ??= CANDIDATES.find((py) => py !== undefined && py !== "" && spawnSync(py, ["-c", "import torch"]).status === 0) ?? null;
  return python;
}

class Worker {
  private readonly dir = mkdtempSync(path.join(tmpdir(), "tapegrad-torch-"));
  private readonly child: ChildProcess;
  private readonly requests: number;
  private readonly replies: number;
  private readonly buffer = Buffer.alloc(4096);
  private pending = "";
  private keys = 0;

  constructor(py: string) {
    const inbox = path.join(this.dir, "requests");
    const outbox = path.join(this.dir, "replies");
    spawnSync("mkfifo", [inbox, outbox]);
    const script = fileURLToPath(new URL("./pytorch_worker.py", import.meta.url));
    // One thread in every layer: torch's own pool (the worker sets it) and the BLAS library's.
    const env = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
    this.child = spawn(py, [script, inbox, outbox], { stdio: ["ignore", "inherit", "inherit"], env });
    this.child.unref();
    // Opening a pipe blocks until the other end opens it; the worker opens them in this same order.
    this.requests = openSync(inbox, "w");
    this.replies = openSync(outbox, "r");
  }

  ask(request: string): string {
    writeSync(this.requests, request + "\n");
    for (;;) {
      const nl = this.pending.indexOf("\n");
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        if (line.startsWith("error")) throw new Error(`PyTorch worker: ${line}`);
        return line;
      }
      const n = readSync(this.replies, this.buffer);
      if (n === 0) throw new Error(`PyTorch worker: it exited while answering '${request.slice(0, 40)}'`);
      this.pending += this.buffer.toString("utf8", 0, n);
    }
  }

  create(w: Workload): string {
    const key = `s${this.keys++}`;
    const file = path.join(this.dir, `${key}.f64`);
    const values = dataOf(w);
    writeFileSync(file, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    this.ask(`create ${key} ${JSON.stringify({ ...w, data: file })}`);
    rmSync(file);
    return key;
  }

  close(): void {
    writeSync(this.requests, "quit\n");
    closeSync(this.requests);
    closeSync(this.replies);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A workload's data as one float64 array, in the order the worker reads it. */
function dataOf(w: Workload): Float64Array {
  if (w.kind === "matmul") {
    const d = matmulData(w.seed, w.n);
    return Float64Array.from([...d.a, ...d.b]);
  }
  const d = mlpData(w.seed, w.sizes, w.batch, w.loss);
  const parts = [...d.weights.flatMap((v, l) => [v, d.biases[l]]), d.x, d.targets ?? Float64Array.from(d.labels ?? [])];
  return Float64Array.from(parts.flatMap((p) => [...p]));
}

let worker: Worker | null = null;

process.once("exit", () => worker?.close());

export const pytorch: System = {
  id: "pytorch",
  dtypes: ["float32"],
  async enter() {
    if (worker !== null) return false;
    const py = torchPython();
    if (py === null) throw new Error("PyTorch: no python3 here imports torch (install python3-torch, or set TAPEGRAD_BENCH_PYTHON)");
    worker = new Worker(py);
    return false;
  },
  create(w: Workload, dtype: BenchDType): Stepper {
    const wk = worker;
    if (wk === null) throw new Error("PyTorch: call enter() before create()");
    if (dtype !== "float32") throw new Error(`the PyTorch peer runs float32 only, not ${dtype}`);
    const key = wk.create(w);
    return {
      run: (count) => addChildCpu(Number(wk.ask(`run ${key} ${count}`))),
      lossStep: () => Number(wk.ask(`loss ${key}`)),
      dispose: () => void wk.ask(`drop ${key}`),
    };
  },
};

/** The worker's torch version, or an empty record when PyTorch is not here. */
export async function torchVersion(): Promise<Record<string, string>> {
  const py = torchPython();
  if (py === null) return {};
  await pytorch.enter();
  return { torch: (worker as Worker).ask("version") };
}
