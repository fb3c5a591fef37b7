/**
 * Step-through backward: Prev / Next walk the nodes in reverse order, one at a time; the panel shows the gradient
 * that arrived, the op's rule with numbers, the running sums, and at the last step which leaves got null and why.
 */
import type { BackwardStep } from "../explain/expr/steps.ts";
import { el } from "./dom.ts";

export function stepPanel(steps: readonly BackwardStep[], k: number, onGo: (k: number | null) => void): HTMLElement {
  const prev = el("button", { "data-testid": "step-prev", type: "button" }, "◀ Prev");
  const next = el("button", { "data-testid": "step-next", type: "button" }, k < 0 ? "Step through backward ▶" : "Next ▶");
  const stop = el("button", { type: "button" }, "stop");
  prev.addEventListener("click", () => onGo(k <= 0 ? null : k - 1));
  next.addEventListener("click", () => onGo(Math.min(k + 1, steps.length - 1)));
  stop.addEventListener("click", () => onGo(null));
  prev.toggleAttribute("disabled", k < 0);
  next.toggleAttribute("disabled", k >= steps.length - 1);
  const panel = el("div", { class: "steps" }, prev, " ", next, ...(k >= 0 ? [" ", stop] : []));
  if (k < 0) return panel;
  const s = steps[k];
  panel.append(
    el("div", { class: "step-head" },
      `step ${k + 1} of ${steps.length}: `, el("b", { "data-testid": "step-node" }, s.id), ` (${s.op}): ${s.arrived}`),
    el("ul", { "data-testid": "step-rule" }, ...s.rule.map((l) => el("li", {}, `${s.op}: ${l}`))),
  );
  if (s.running.length > 0) panel.append(el("div", { class: "muted" }, "waiting, summed so far: ", s.running.join("; ")));
  if (k === steps.length - 1) {
    const nulls = steps.filter((t) => t.arrived.startsWith("null"));
    panel.append(el("div", { "data-testid": "step-summary" },
      nulls.length === 0
        ? "backward done: every leaf got a gradient"
        : `backward done; null: ${nulls.map((t) => `${t.id} (${t.arrived.slice("null: ".length)})`).join("; ")}`));
  }
  return panel;
}
