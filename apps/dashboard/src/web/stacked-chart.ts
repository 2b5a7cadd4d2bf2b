import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesView } from '../shared/api-types';
import type { Grain } from '../shared/dashboard-query';
import { labelledPeriods, periodLabeler } from '../shared/period-labels';
import { element } from './dom';
import { seriesColour } from './palette';

/** Options of {@link renderStackedChart}. */
export interface StackedChartOptions {
  /** Period starts. @unit Unix seconds */
  readonly times: readonly number[];
  /** Per period: whether it is partial (cut by the range's edges, or not over yet). */
  readonly partial: readonly boolean[];
  readonly series: readonly SeriesView[];
  /** Formats one value for the axis and the tooltip. */
  readonly format: (value: number) => string;
  /** IANA zone the periods are cut and named in. */
  readonly timeZone: string;
  /** The periods' grain: each axis label names one period at this precision. */
  readonly grain: Grain;
  readonly height?: number | undefined;
}

/** A rendered chart: its element and a way to free it. */
export interface StackedChart {
  readonly element: HTMLElement;
  destroy(): void;
}

function stack(series: readonly SeriesView[], length: number): number[][] {
  const running = new Float64Array(length);
  return series.map((each) => {
    const row: number[] = new Array(length);
    for (let index = 0; index < length; index += 1) {
      running[index] = (running[index] as number) + (each.values[index] ?? 0);
      row[index] = running[index] as number;
    }
    return row;
  });
}

function withAlpha(colour: string, alpha: string): string {
  return `${colour}${alpha}`;
}

/** Pixels one axis label needs, per grain. */
const LABEL_WIDTHS: Readonly<Record<Grain, number>> = { hour: 96, day: 56, week: 88, month: 72 };

/** Hatches the partial periods so they read as incomplete, not as a drop. */
function hatchPartialPeriods(chart: uPlot, times: readonly number[], partial: readonly boolean[]) {
  if (!partial.includes(true)) return;
  const context = chart.ctx;
  const half =
    times.length > 1
      ? Math.abs(
          chart.valToPos(times[1] as number, 'x', true) -
            chart.valToPos(times[0] as number, 'x', true),
        ) / 2
      : chart.bbox.width / 2;
  const top = chart.bbox.top;
  const height = chart.bbox.height;
  context.save();
  context.strokeStyle = 'rgba(255, 255, 255, 0.75)';
  context.lineWidth = 2 * devicePixelRatio;
  partial.forEach((isPartial, index) => {
    if (!isPartial) return;
    const left = chart.valToPos(times[index] as number, 'x', true) - half;
    const width = 2 * half;
    context.save();
    context.beginPath();
    context.rect(left, top, width, height);
    context.clip();
    context.beginPath();
    for (let x = left - height; x < left + width; x += 8 * devicePixelRatio) {
      context.moveTo(x, top + height);
      context.lineTo(x + height, top);
    }
    context.stroke();
    context.restore();
  });
  context.restore();
}

/**
 * Draws a stacked chart with uPlot: bars for short series, areas for long ones, a legend whose
 * entries carry the id behind each name as a title, and a hover box with every value of the
 * period and their total.
 *
 * @param options Times, series, value formatter, zone.
 *
 * @returns The chart.
 */
export function renderStackedChart(options: StackedChartOptions): StackedChart {
  const { times, partial, series, format, timeZone, grain } = options;
  const length = times.length;
  const stacked = stack(series, length);
  const useBars = length <= 120;
  const periodLabel = periodLabeler(grain, timeZone);
  const partialCount = partial.filter(Boolean).length;

  const container = element('div', {
    className: 'chart',
    attributes: {
      'data-series-count': String(series.length),
      'data-partial-count': String(partialCount),
    },
  });
  const plotHost = element('div', { className: 'chart-plot' });
  const tooltip = element('div', { className: 'chart-tooltip', attributes: { role: 'status' } });
  tooltip.hidden = true;
  const legend = element(
    'ul',
    { className: 'chart-legend' },
    series.map((each, index) => {
      const swatch = element('span', { className: 'swatch' });
      swatch.style.background = seriesColour(index, each.key === '__other__');
      const total = each.values.reduce((sum, value) => sum + value, 0);
      return element('li', { title: each.title }, [
        swatch,
        element('span', { className: 'legend-label', text: each.label }),
        element('span', { className: 'legend-value', text: format(total) }),
      ]);
    }),
  );
  plotHost.append(tooltip);
  container.append(plotHost, legend);
  if (partialCount > 0) {
    container.append(
      element('p', {
        className: 'note chart-partial-note',
        text: 'Hatched: a partial period (cut by the range, or not over yet).',
      }),
    );
  }

  // Draw the tallest (cumulative) series first so each lower layer paints over it.
  const order = series.map((_, index) => index).reverse();
  const barPaths = uPlot.paths.bars?.({ size: [0.8, 64], gap: 1 });
  const data: uPlot.AlignedData = [
    Float64Array.from(times),
    ...order.map((index) => stacked[index] as number[]),
  ];
  const uPlotSeries: uPlot.Series[] = [
    {},
    ...order.map((index) => {
      const colour = seriesColour(index, series[index]?.key === '__other__');
      return {
        label: series[index]?.label ?? '',
        stroke: useBars ? withAlpha(colour, 'ff') : colour,
        fill: useBars ? colour : withAlpha(colour, 'cc'),
        width: useBars ? 0 : 1,
        points: { show: false },
        ...(useBars && barPaths !== undefined ? { paths: barPaths } : {}),
      } satisfies uPlot.Series;
    }),
  ];

  const showTooltip = (chart: uPlot): void => {
    const index = chart.cursor.idx;
    if (
      index === null ||
      index === undefined ||
      chart.cursor.left === undefined ||
      chart.cursor.left < 0
    ) {
      tooltip.hidden = true;
      return;
    }
    const time = times[index];
    if (time === undefined) return;
    let total = 0;
    const rows = series
      .map((each, seriesIndex) => ({ each, seriesIndex, value: each.values[index] ?? 0 }))
      .filter((row) => row.value !== 0)
      .sort((left, right) => right.value - left.value)
      .map(({ each, seriesIndex, value }) => {
        total += value;
        const swatch = element('span', { className: 'swatch' });
        swatch.style.background = seriesColour(seriesIndex, each.key === '__other__');
        return element('div', { className: 'tooltip-row', title: each.title }, [
          swatch,
          element('span', { className: 'tooltip-label', text: each.label }),
          element('span', { className: 'tooltip-value', text: format(value) }),
        ]);
      });
    tooltip.replaceChildren(
      element('div', {
        className: 'tooltip-time',
        text: `${periodLabel(time)}${partial[index] === true ? ' (partial)' : ''}`,
      }),
      ...rows.slice(0, 12),
      ...(rows.length > 12
        ? [element('div', { className: 'note', text: `+${rows.length - 12} more` })]
        : []),
      element('div', { className: 'tooltip-row tooltip-total' }, [
        element('span', { className: 'tooltip-label', text: 'Total' }),
        element('span', { className: 'tooltip-value', text: format(total) }),
      ]),
    );
    tooltip.hidden = false;
    const left = chart.cursor.left;
    const flip = left > chart.over.clientWidth / 2;
    tooltip.style.left = flip ? '' : `${left + 70}px`;
    tooltip.style.right = flip ? `${chart.over.clientWidth - left + 10}px` : '';
  };

  const width = (): number => Math.max(280, plotHost.clientWidth || container.clientWidth || 800);
  const chart = new uPlot(
    {
      width: width(),
      height: options.height ?? 320,
      series: uPlotSeries,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: true },
        y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.05 : 1] },
      },
      axes: [
        {
          stroke: '#5b6475',
          grid: { show: false },
          ticks: { stroke: '#d8dce3' },
          // One label per period, at period starts only: never the same day twice.
          splits: (chart) =>
            labelledPeriods(
              times,
              grain,
              chart.bbox.width / devicePixelRatio / LABEL_WIDTHS[grain],
            ),
          values: (_chart, splits) => splits.map((split) => periodLabel(split)),
        },
        {
          stroke: '#5b6475',
          size: 64,
          grid: { stroke: '#eceff3', width: 1 },
          ticks: { show: false },
          values: (_chart, splits) => splits.map((split) => format(split)),
        },
      ],
      hooks: {
        setCursor: [showTooltip],
        draw: [(chart) => hatchPartialPeriods(chart, times, partial)],
      },
    },
    data,
    plotHost,
  );
  const resize = new ResizeObserver(() =>
    chart.setSize({ width: width(), height: options.height ?? 320 }),
  );
  resize.observe(container);
  return {
    element: container,
    destroy: () => {
      resize.disconnect();
      chart.destroy();
    },
  };
}
