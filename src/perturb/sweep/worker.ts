/** The worker thread's side of the pool: runs each cell it is sent and replies with the result or the error. */
import { parentPort } from "node:worker_threads";
import type { RunConfig } from "./config.ts";
import type { Cell } from "./grid.ts";
import type { WorkerReply } from "./pool.ts";
import { runCell } from "./run-cell.ts";

const port = parentPort;
if (port !== null) {
  port.on("message", ({ cell, config }: { cell: Cell; config: RunConfig }) => {
    let reply: WorkerReply;
    try {
      reply = { ok: true, result: runCell(cell, config) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { ok: false, name: err.name, message: err.message };
    }
    port.postMessage(reply);
  });
}
