import type { TimeseriesResponse } from '../../shared/api-types';
import { GRAINS, GROUPINGS } from '../../shared/dashboard-query';
import { getJson } from '../api';
import { type Choice, labelledSelect } from '../controls';
import { element } from '../dom';
import { renderStackedChart } from '../stacked-chart';
import { renderTable } from '../table-view';
import { csvHref, formatterFor, type ViewContext } from '../view-context';

const GROUPING_LABELS: Readonly<Record<(typeof GROUPINGS)[number], string>> = {
  model: 'Model',
  project: 'Project',
  user: 'User',
  key: 'API key',
  endpoint: 'Endpoint',
  batch: 'Batch',
  service_tier: 'Service tier',
};

const METRIC_CHOICES: readonly Choice[] = [
  { value: 'spend', label: 'Estimated spend (from usage)' },
  { value: 'billed', label: 'Billed spend' },
  { value: 'tokens', label: 'Tokens' },
  { value: 'requests', label: 'Requests' },
];

function timeZoneChoices(current: string): Choice[] {
  const zones = new Set(['UTC', Intl.DateTimeFormat().resolvedOptions().timeZone, current]);
  for (const zone of Intl.supportedValuesOf('timeZone')) zones.add(zone);
  return [...zones].map((zone) => ({ value: zone, label: zone }));
}

/**
 * Renders usage or spend over time, stacked by the chosen dimension at the chosen grain and zone.
 *
 * @param container Where to render.
 * @param context The view context.
 */
export async function renderTimeseries(
  container: HTMLElement,
  context: ViewContext,
): Promise<void> {
  const { state, meta } = context;
  // Headline metrics, then every metric of every endpoint (images, characters, sessions, …).
  const choices: Choice[] = [
    ...METRIC_CHOICES,
    ...meta.endpointMetrics.flatMap((entry) =>
      entry.metrics.map((metric) => ({
        value: `${entry.endpoint}:${metric.name}`,
        label: `${entry.label} · ${metric.label}`,
      })),
    ),
  ];
  const current = state.endpoint === '' ? state.metric : `${state.endpoint}:${state.metric}`;
  const metric = choices.some((choice) => choice.value === current) ? current : 'spend';
  const answer = await getJson<TimeseriesResponse>('/api/timeseries', context.query);
  const controls = element('div', { className: 'controls' }, [
    labelledSelect('Show', 'metric', choices, metric, (value) => {
      const [endpoint, name] = value.includes(':') ? value.split(':') : ['', value];
      context.update({ endpoint: endpoint ?? '', metric: name ?? 'spend' });
    }),
    labelledSelect(
      'Stack by',
      'by',
      GROUPINGS.map((value) => ({ value, label: GROUPING_LABELS[value] })),
      state.by,
      (value) => context.update({ by: value as (typeof GROUPINGS)[number] }),
    ),
    labelledSelect(
      'Grain',
      'grain',
      GRAINS.map((value) => ({ value, label: value[0]?.toUpperCase() + value.slice(1) })),
      state.grain,
      (value) => context.update({ grain: value as (typeof GRAINS)[number] }),
    ),
    labelledSelect('Time zone', 'tz', timeZoneChoices(state.tz), state.tz, (value) =>
      context.update({ tz: value }),
    ),
    element('span', {
      className: 'timing',
      text: `re-sliced in ${answer.elapsedMs.toFixed(1)} ms`,
      attributes: { 'data-elapsed-ms': String(answer.elapsedMs) },
    }),
  ]);
  const format = formatterFor(answer.metric, meta.currency);
  const chart = renderStackedChart({
    times: answer.times,
    partial: answer.partial,
    series: answer.series,
    format,
    timeZone: answer.timeZone,
    grain: answer.grain,
  });
  context.onDispose(chart.destroy);
  const warnings = answer.warnings.map((warning) =>
    element('p', { className: 'warning', text: warning }),
  );
  container.replaceChildren(
    element('section', { className: 'card' }, [
      element('header', { className: 'card-header' }, [
        element('h2', {
          text: `${choices.find((choice) => choice.value === metric)?.label ?? answer.metric} by ${GROUPING_LABELS[state.by].toLowerCase()}, per ${answer.grain} (${answer.timeZone})`,
        }),
      ]),
      controls,
      ...warnings,
      chart.element,
    ]),
    ...answer.tables.map((table) =>
      renderTable(table, { currency: meta.currency, csvHref: csvHref(context, 'time', table.id) }),
    ),
  );
}
