/**
 * The playground page: an expression (typed or a preset), a slider per leaf, the graph with every signed gradient,
 * live. Click an edge to put a detach there or take it off; step through backward; predict first; compare with
 * every detach taken off. The whole state lives in the URL hash (DESIGN §6). Errors show in the
 * `[data-testid="error"]` element, never as a blank page.
 */
import { namesOf, type Expr } from "../explain/expr/ast.ts";
import { toggleDetach } from "../explain/expr/edit.ts";
import { ExprError, parseExpr } from "../explain/expr/parse.ts";
import { printExpr } from "../explain/expr/print.ts";
import { runExpr, type ExprRun } from "../explain/expr/run.ts";
import { backwardSteps } from "../explain/expr/steps.ts";
import { dotLegend } from "../explain/dot.ts";
import { byId, el, fill } from "./dom.ts";
import { changedEdges, dotOf, drawGraph } from "./graph.ts";
import { readHash, writeHash, type PageState } from "./hash.ts";
import { PRESETS, SEED_EXPR } from "./presets.ts";
import { resultsPanel } from "./results.ts";
import { seedPanel } from "./seed-panel.ts";
import { stepPanel } from "./step-panel.ts";
import { rangeFor, sliderRow, type SliderRange } from "./sliders.ts";

const first = PRESETS[1];
let state: PageState = readHash(location.hash) ?? { expr: first.expr, values: first.values, predict: false, compare: false, step: null };
let names: readonly string[] = [];
const ranges = new Map<string, SliderRange>();
let guesses: ReadonlyMap<string, string> | null = null;
let drawn = 0;
let lastHash = "";

function showError(message: string, pointer: string | null): void {
  const box = el("div", { "data-testid": "error", role: "alert", class: "error" }, message);
  if (pointer !== null) box.append(el("pre", {}, pointer));
  fill(byId("error-slot"), box);
}

function update(next: Partial<PageState>, options: { keepGuesses?: boolean } = {}): void {
  state = { ...state, ...next };
  if (options.keepGuesses !== true) guesses = null;
  render();
}

function saveHash(): void {
  lastHash = writeHash(state, names);
  if (location.hash === lastHash) return;
  try {
    history.replaceState(null, "", lastHash);
  } catch {
    location.hash = lastHash;
  }
}

function renderSliders(): void {
  fill(byId("sliders"), ...names.map((n) => {
    if (!ranges.has(n)) ranges.set(n, rangeFor(state.values[n]));
    return sliderRow(n, state.values[n], ranges.get(n) as SliderRange, (v) => update({ values: { ...state.values, [n]: v } }));
  }));
}

function onEdge(expr: Expr, path: string): void {
  const edited = toggleDetach(expr, path);
  if (edited === null) return;
  const text = printExpr(edited);
  (byId("expr") as HTMLInputElement).value = text;
  update({ expr: text, step: null });
}

async function renderGraphs(run: ExprRun, compare: ExprRun | null): Promise<void> {
  const token = ++drawn;
  const changed = compare === null ? undefined : changedEdges(run.listing, compare.listing);
  const hide = state.predict && guesses === null;
  const main = await drawGraph(dotOf(run, { ids: true, changed, hideGradients: hide }), (p) => onEdge(run.expr, p));
  const other = compare === null ? null : await drawGraph(dotOf(compare, { changed, hideGradients: hide }), null);
  if (token !== drawn) return;
  const steps = state.step === null ? null : backwardSteps(run.listing);
  if (steps !== null) main.querySelector(`[id="node-${steps[Math.min(state.step ?? 0, steps.length - 1)].id}"]`)?.classList.add("current");
  const figure = (svg: SVGSVGElement, caption: string, testid: string): HTMLElement =>
    el("figure", { "data-testid": testid }, svg as unknown as Node, el("figcaption", {}, caption));
  fill(byId("graphs"),
    figure(main, compare === null ? "click an edge to put a detach there, or take one off" : "with detach (as typed)", "graph"),
    ...(other === null ? [] : [figure(other, "without detach (every sg taken off); amber: edges whose gradient changed", "graph-compare")]));
  fill(byId("legend"), ...dotLegend(run.listing).map((l) => el("li", {}, l)));
  document.body.dataset.graphs = String(token);
}

function render(): void {
  const input = byId("expr") as HTMLInputElement;
  if (document.activeElement !== input && input.value !== state.expr) input.value = state.expr;
  (byId("predict") as HTMLInputElement).checked = state.predict;
  (byId("compare") as HTMLInputElement).checked = state.compare;
  let expr: Expr;
  try {
    expr = parseExpr(state.expr);
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    showError(e.message, e.pointer());
    return;
  }
  const now = namesOf(expr);
  if (now.join() !== names.join()) {
    names = now;
    renderSliders();
  }
  let run: ExprRun;
  let without: ExprRun | null = null;
  try {
    run = runExpr(expr, state.values, { source: state.expr });
    if (state.compare) without = runExpr(expr, state.values, { source: state.expr, detach: "identity" });
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    showError(`${e.message}: drag its slider or type a value`, e.pointer());
    saveHash();
    return;
  }
  fill(byId("error-slot"));
  saveHash();
  document.body.dataset.expr = state.expr;
  fill(byId("results"), resultsPanel(run, {
    predict: state.predict, guesses, without: without?.grads ?? null,
    onCheck: (g) => {
      guesses = g;
      update({}, { keepGuesses: true });
    },
  }));
  const seed = printExpr(expr) === SEED_EXPR && state.values.L !== undefined && state.values.n !== undefined;
  const nRange = ranges.get("n") ?? rangeFor(state.values.n);
  fill(byId("seed"), ...(seed ? [seedPanel(state.values.L, state.values.n, run.grads.get("L") ?? null, [nRange.min, nRange.max])] : []));
  const steps = backwardSteps(run.listing);
  fill(byId("steps"), stepPanel(steps, state.step === null ? -1 : Math.min(state.step, steps.length - 1), (k) => update({ step: k }, { keepGuesses: true })));
  renderGraphs(run, without).catch((e: unknown) => showError(`the graph could not be drawn: ${String(e)}`, null));
}

function start(): void {
  const select = byId("preset") as HTMLSelectElement;
  fill(select, el("option", { value: "" }, "presets…"), ...PRESETS.map((p, i) => el("option", { value: String(i) }, `${p.name}: ${p.expr}  (${p.note})`)));
  select.addEventListener("change", () => {
    const p = PRESETS[Number(select.value)];
    if (p === undefined) return;
    ranges.clear();
    (byId("expr") as HTMLInputElement).value = p.expr;
    update({ expr: p.expr, values: p.values, step: null });
  });
  const input = byId("expr") as HTMLInputElement;
  const typed = (): void => {
    // A name typed for the first time gets the value 1 on its slider; one only missing from a link stays an error.
    const values: Record<string, number> = { ...state.values };
    try {
      for (const n of namesOf(parseExpr(input.value))) if (!names.includes(n) && values[n] === undefined) values[n] = 1;
    } catch {
      // the parse error is shown by render
    }
    update({ expr: input.value, values, step: null });
  };
  input.addEventListener("input", typed);
  input.addEventListener("change", typed);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") typed();
  });
  byId("predict").addEventListener("change", (e) => update({ predict: (e.target as HTMLInputElement).checked }));
  byId("compare").addEventListener("change", (e) => update({ compare: (e.target as HTMLInputElement).checked }, { keepGuesses: true }));
  window.addEventListener("hashchange", () => {
    if (location.hash === lastHash) return;
    const next = readHash(location.hash);
    if (next === null) return;
    ranges.clear();
    names = [];
    (byId("expr") as HTMLInputElement).value = next.expr;
    state = next;
    guesses = null;
    render();
  });
  input.value = state.expr;
  render();
}

/** What the tests call: the engine in this page, on one expression, without drawing anything. */
function evaluate(expr: string, values: Record<string, number>): { value: number; grads: Record<string, number | null> } | { error: string } {
  try {
    const r = runExpr(expr, values);
    return { value: r.value, grads: Object.fromEntries(r.grads) };
  } catch (e) {
    return { error: String(e) };
  }
}

window.addEventListener("error", (e) => showError(`the page failed: ${e.message}`, null));
window.addEventListener("unhandledrejection", (e) => showError(`the page failed: ${String(e.reason)}`, null));
(window as unknown as { tapegradPlayground: unknown }).tapegradPlayground = { evaluate };
try {
  start();
} catch (e) {
  showError(`the page failed: ${String(e)}`, null);
}
