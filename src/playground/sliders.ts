/**
 * One slider per leaf, with a number box beside it for an exact value. A slider's range is set when the leaf
 * first appears (wide enough for its value) and kept while the learner drags, so the thumb never jumps.
 */
import { el } from "./dom.ts";

export interface SliderRange {
  readonly min: number;
  readonly max: number;
}

export function rangeFor(value: number | undefined): SliderRange {
  const span = Math.max(3, Math.abs(value ?? 0) * 2);
  return { min: -span, max: span };
}

export function sliderRow(
  name: string,
  value: number | undefined,
  range: SliderRange,
  onValue: (v: number) => void,
): HTMLElement {
  const slider = el("input", {
    type: "range", "data-testid": `slider-${name}`, min: String(range.min), max: String(range.max),
    step: String((range.max - range.min) / 600), value: String(value ?? 0),
  });
  const box = el("input", { type: "number", "data-testid": `input-${name}`, step: "any", value: value === undefined ? "" : String(value) });
  slider.addEventListener("input", () => {
    box.value = slider.value;
    onValue(Number(slider.value));
  });
  box.addEventListener("change", () => {
    if (box.value.trim() !== "" && Number.isFinite(Number(box.value))) onValue(Number(box.value));
  });
  return el("div", { class: "slider" }, el("label", {}, el("b", {}, name), " ", slider, " ", box));
}
