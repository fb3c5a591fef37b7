/**
 * Why a leaf got null: a gradient reaches a leaf only along a path of edges to the output that no detach cuts.
 * When there is none, the answer a learner wants is the detach that every path crosses ("every path to the output
 * crosses v3 → detach"); when the paths cross different detaches, all of them.
 */
import type { TapeListing } from "../listing.ts";

interface Walk {
  /** A node the walk may not enter. */
  readonly skip?: string;
  /** Walk across cut edges as if they were not cut. */
  readonly throughCuts?: boolean;
}

/** Whether `to` (default: the listing's root) can be reached from `from` along its edges, under `walk`'s rules. */
function reaches(listing: TapeListing, from: string, walk: Walk, to = listing.root): boolean {
  const consumers = new Map<string, { to: string; cut: boolean }[]>();
  for (const r of listing.rows) {
    for (const input of r.inputs) consumers.set(input.ref, [...(consumers.get(input.ref) ?? []), { to: r.id, cut: input.cut }]);
  }
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    for (const e of consumers.get(id) ?? []) {
      if ((e.cut && walk.throughCuts !== true) || e.to === walk.skip || seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return false;
}

/** Why `leaf` received no gradient, in one line (or that it has a path, when it did). */
export function whyNull(listing: TapeListing, leaf: string): string {
  const root = listing.rows.find((r) => r.id === listing.root);
  if (root !== undefined && !root.requiresGrad) {
    return "the output does not require grad (it is built from constants and detach outputs only), so nothing was recorded";
  }
  if (reaches(listing, leaf, {})) return "it has a path to the output that no detach cuts";
  if (!reaches(listing, leaf, { throughCuts: true })) return "it is not connected to the output on the tape (ops on constants and detach outputs alone are not recorded)";
  const cutters = listing.rows.filter((r) => r.cuts);
  const onEvery = cutters.find((d) => !reaches(listing, leaf, { skip: d.id, throughCuts: true }));
  if (onEvery !== undefined) return `every path to the output crosses ${onEvery.id} → ${onEvery.op}`;
  const crossed = cutters.filter((d) => reaches(listing, leaf, { throughCuts: true }, d.id) && reaches(listing, d.id, { throughCuts: true }));
  return `every path to the output crosses a detach (${crossed.map((d) => `${d.id} → ${d.op}`).join(", ")})`;
}
