/** Axis ticks: "nice" linear steps (1, 2 or 5 times a power of ten), and decades (with 2 and 5 between) on log axes. */

/** About `target` ticks covering [lo, hi], at multiples of a nice step. */
export function linearTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(target - 1, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  // NOTE: ticks come from integer multiples k·step, not from repeated v += step: when step is below the float
  // spacing at lo (1e20 and 1.0000000000000002e20), adding it never moves v. Then the ends are the only ticks.
  const first = Math.ceil(lo / step - 1e-9);
  const count = Math.floor(hi / step + 1e-9) - first + 1;
  if (!Number.isFinite(count) || count > MAX_TICKS || lo + step === lo || hi - step === hi) return [lo, hi];
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const v = (first + k) * step;
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

/** More ticks than an axis can show means the step could not be represented; the ends are used instead. */
const MAX_TICKS = 1000;

/** Powers of ten in [lo, hi] (both > 0), adding 2× and 5× when the range spans fewer than three decades. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mults = b - a < 3 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = a; e <= b; e++) {
    for (const m of mults) {
      const v = m * Number(`1e${e}`); // exact decimal powers (10 ** -4 is 9.999…e-5)
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
    }
  }
  return out;
}

/** A short label: up to 4 significant digits, exponent form for very large or small magnitudes. */
export function formatTick(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = v.toExponential().split("e");
    const mant = Number(Number(m).toPrecision(3));
    return `${mant === 1 ? "" : `${mant}×`}10^${Number(e)}`.replace(/^-1×/, "-");
  }
  return String(Number(v.toPrecision(4)));
}
