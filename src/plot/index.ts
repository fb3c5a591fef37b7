/** Dependency-free SVG plots. */
export { lineChart, escapeXml, PALETTE, type Point, type Series, type LineChartOptions } from "./line-chart.ts";
export { sideBySide } from "./compose.ts";
export { linearTicks, logTicks, formatTick } from "./ticks.ts";
