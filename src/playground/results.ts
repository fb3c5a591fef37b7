/**
 * The numbers: the output's value and every leaf's gradient (`null` when no path carries gradient to it), as
 * DESIGN §6's test ids. In predict-first mode the gradients stay hidden until the learner has typed a guess for
 * each and pressed "check"; then each guess is shown beside the engine's number, right or wrong.
 */
import type { ExprRun } from "../explain/expr/run.ts";
import { el } from "./dom.ts";

const text = (g: number | null): string => (g === null ? "null" : String(g));

/** A guess is right when it says null for null, or is within 1e-3 (absolute and relative) of the number. */
function right(guess: string, g: number | null): boolean {
  const t = guess.trim().toLowerCase();
  if (g === null) return t === "null" || t === "none";
  const v = Number(t);
  return t !== "" && Number.isFinite(v) && Math.abs(v - g) <= 1e-3 * (1 + Math.abs(g));
}

export interface ResultsOptions {
  readonly predict: boolean;
  /** The learner's guesses once checked, else null. */
  readonly guesses: ReadonlyMap<string, string> | null;
  readonly onCheck: (guesses: Map<string, string>) => void;
  /** The same gradients without any detach (compare mode), or null. */
  readonly without: ReadonlyMap<string, number | null> | null;
}

export function resultsPanel(run: ExprRun, o: ResultsOptions): HTMLElement {
  const hidden = o.predict && o.guesses === null;
  const rows = run.names.map((name) => {
    const g = run.grads.get(name) ?? null;
    const cells: (HTMLElement | string)[] = [el("td", {}, `∂out/∂${name}`)];
    if (hidden) cells.push(el("td", {}, el("input", { "data-testid": `guess-${name}`, class: "guess", size: "8", placeholder: "your guess" })));
    cells.push(el("td", { class: g === null ? "null" : "" }, el("span", { "data-testid": `grad-${name}` }, hidden ? "?" : text(g))));
    if (o.guesses !== null) {
      const guess = o.guesses.get(name) ?? "";
      cells.push(el("td", { class: right(guess, g) ? "ok" : "bad" }, `you said ${guess || "nothing"} ${right(guess, g) ? "✓" : "✗"}`));
    }
    if (o.without !== null) cells.push(el("td", { class: "muted" }, `without detach: ${hidden ? "?" : text(o.without.get(name) ?? null)}`));
    return el("tr", {}, ...cells);
  });
  const panel = el("div", { class: "results" },
    el("div", {}, "value = ", el("b", { "data-testid": "value" }, String(run.value))),
    el("table", {}, ...rows));
  if (hidden && run.names.length > 0) {
    const check = el("button", { type: "button", "data-testid": "check" }, "check my guesses");
    check.addEventListener("click", () => {
      const guesses = new Map<string, string>();
      for (const input of Array.from(panel.querySelectorAll<HTMLInputElement>("input.guess"))) {
        guesses.set((input.dataset.testid ?? "").slice("guess-".length), input.value);
      }
      o.onCheck(guesses);
    });
    panel.append(check, el("div", { class: "muted" }, "type a number, or null if no gradient can reach the leaf"));
  }
  return panel;
}
