/**
 * Why a leaf got null: a gradient reaches a leaf only along a path of edges to the output that no detach cuts.
 * If there is none, one detach is usually on every path (removing it would reconnect the leaf); that is the
 * answer a learner wants: "every path to the output crosses v3 → detach".
 */
import type { TapeListing } from "../listing.ts";

/** Whether some path from `from` to the listing's root uses no cut edge (and, if given, avoids the node `skip`). */
function connected(listing: TapeListing, from: string, skip: string | null, ignoreCut: string | null): boolean {
  const consumers = new Map<string, { to: string; cut: boolean }[]>();
  for (const r of listing.rows) {
    for (const input of r.inputs) {
      const list = consumers.get(input.ref) ?? [];
      list.push({ to: r.id, cut: input.cut && r.id !== ignoreCut });
      consumers.set(input.ref, list);
    }
  }
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === listing.root) return true;
    for (const e of consumers.get(id) ?? []) {
      if (e.cut || e.to === skip || seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return false;
}

/** Why `leaf` received no gradient, in one line (or that it did have a path). */
export function whyNull(listing: TapeListing, leaf: string): string {
  if (connected(listing, leaf, null, null)) return "it has a path to the output that no detach cuts";
  if (!connected(listing, leaf, null, listing.root) && !listing.rows.some((r) => r.cuts)) {
    return "it is not connected to the output";
  }
  const cutters = listing.rows.filter((r) => r.cuts);
  // A detach whose removal alone reconnects the leaf: every path crosses it.
  const every = cutters.find((d) => connected(listing, leaf, null, d.id));
  if (every !== undefined) return `every path to the output crosses ${every.id} → ${every.op}`;
  return `every path to the output crosses a detach (${cutters.map((d) => `${d.id} → ${d.op}`).join(", ")})`;
}
