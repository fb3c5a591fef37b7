/**
 * The configuration fingerprint: a short hash of everything besides the cell (kind, scale, optimizer, seed) that
 * changes a run's result — the data set, widths, activation, epochs, batch size, learning rates, train limit. Every
 * result carries it, so results of another configuration are never resumed or merged as this one's.
 */
import { createHash } from "node:crypto";
import type { RunConfig } from "./config.ts";

/** The fields hashed, in a fixed order (JSON of an object literal keeps its key order). */
export function fingerprintFields(run: RunConfig): Record<string, unknown> {
  return {
    data: run.data,
    hidden: [...run.hidden],
    activation: run.activation,
    epochs: run.epochs,
    batchSize: run.batchSize,
    lr: { sgd: run.lr.sgd, momentum: run.lr.momentum, adam: run.lr.adam },
    trainLimit: run.trainLimit ?? null,
  };
}

/** 16 hex digits of SHA-256 over the fields: collisions are not a concern at this size. */
export function configFingerprint(run: RunConfig): string {
  return createHash("sha256").update(JSON.stringify(fingerprintFields(run))).digest("hex").slice(0, 16);
}

/** "digits, [32] relu, 8 epochs, batch 32, lr sgd 0.1 momentum 0.02 adam 0.003": for messages. */
export function describeRun(run: RunConfig): string {
  return `${run.data}, hidden ${run.hidden.join(",")} ${run.activation}, ${run.epochs} epochs, batch ${run.batchSize}, ` +
    `lr sgd ${run.lr.sgd} momentum ${run.lr.momentum} adam ${run.lr.adam}` +
    (run.trainLimit === undefined ? "" : `, train limit ${run.trainLimit}`);
}
