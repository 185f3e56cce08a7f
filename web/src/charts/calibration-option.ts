import type { EChartsCoreOption } from 'echarts/core';
import type { PrecisionCell } from '../../../server/contracts/calibration';

/**
 * Precision per score band as bars (how often editors confirmed what the tagger scored there), with
 * the number of decided items as a line on a second axis, so a band with two verdicts is not read
 * like one with two hundred.
 */
export function buildCalibrationOption(bands: readonly PrecisionCell[], labels: { precision: string; decided: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: bands.map((b) => b.label) },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.precision,
        type: 'bar',
        data: bands.map((b) => (b.precision === null ? null : Math.round(b.precision * 1000) / 10)),
        itemStyle: { color: '#dc2626' },
      },
      { name: labels.decided, type: 'line', yAxisIndex: 1, data: bands.map((b) => b.decided), itemStyle: { color: '#2563eb' } },
    ],
  };
}
