/**
 * A tiny growth curve as SVG polyline points, scaled to width × height with a 1-unit inset (an SVG
 * line per event is far lighter than an ECharts instance per row). Pure.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 1);
  const inner = height - 2;
  const step = values.length > 1 ? (width - 2) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? 1 + i * step : width / 2;
      const y = 1 + inner - (Math.max(0, v) / max) * inner;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
