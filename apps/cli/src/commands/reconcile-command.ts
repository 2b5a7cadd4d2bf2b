import type { CostsBucketLike, ReconcileDimension, VarianceReason } from '@usagekit/cost';
import { type EndpointName, usageEndpointNames } from '@usagekit/schemas';
import { parseDimensionList } from '../args/dimension-list';
import type { TimeRange } from '../args/time-range';
import { formatIsoInZone } from '../args/time-zone';
import { CliError } from '../cli-error';
import { fetchEndpoints } from '../data/fetch-endpoints';
import { loadNames, type NameLookup } from '../data/name-lookup';
import { loadPriceBook } from '../data/price-rows';
import { withoutRefusedDimensions } from '../data/refused-dimensions';
import { snapToUtcDays } from '../data/utc-days';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, DocumentRow, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { type DataSession, openDataSession, rangeOfFlags } from './data-session';
import { dimensionColumns } from './usage-columns';

interface Group {
  organization: string;
  projectId: string | null;
  key: string | null;
  estimated: number;
  billed: number;
  reasons: Set<VarianceReason>;
}

/** Options of {@link buildReconcileDocument}. */
export interface ReconcileOptions {
  readonly range: TimeRange;
  /** The extra grouping beside project. */
  readonly by: ReconcileDimension | undefined;
  readonly names: NameLookup | undefined;
}

/**
 * Prices the usage of a range, reads the bill for the same whole UTC days, and reports the
 * variance per (organization, project[, line item]) with its reasons.
 *
 * @param session The data session.
 * @param options The range and grouping.
 *
 * @returns The document.
 */
export async function buildReconcileDocument(
  session: DataSession,
  options: ReconcileOptions,
): Promise<OutputDocument> {
  const { estimateCost, pricingDimensions, reconcile, VARIANCE_REASON_DESCRIPTIONS } = await import(
    '@usagekit/cost'
  );
  const range = snapToUtcDays(options.range);
  const costsGroupBy = ['project_id', ...(options.by === undefined ? [] : [options.by])];
  const fetched = await fetchEndpoints(
    session.sources,
    [
      ...usageEndpointNames.map((endpoint: EndpointName) => ({
        endpoint,
        groupBy: [
          'project_id',
          ...pricingDimensions(),
          ...(options.by !== undefined && options.by !== 'line_item' ? [options.by] : []),
        ],
        bucketWidth: '1d' as const,
      })),
      { endpoint: 'costs', groupBy: costsGroupBy, bucketWidth: '1d' as const },
    ],
    range,
  ).finally(() => session.reporter.finish());
  // A grouping the Costs API refused is left out: the bill has no such split to compare with.
  const by = withoutRefusedDimensions(
    options.by === undefined ? [] : [options.by],
    session.sources,
    ['costs'],
  )[0] as ReconcileDimension | undefined;
  const priceBook = await loadPriceBook(session.config);
  const groups = new Map<string, Group>();
  for (const organization of session.organizationLabels) {
    const usage = fetched
      .filter((item) => item.endpoint !== 'costs')
      .map((item) => ({
        endpoint: item.endpoint,
        buckets: item.buckets.filter((bucket) => bucket.organization === organization),
      }));
    const costs = fetched
      .filter((item) => item.endpoint === 'costs')
      .flatMap((item) => item.buckets.filter((bucket) => bucket.organization === organization));
    const estimate = estimateCost(usage, { priceBook });
    const result = reconcile({
      estimate,
      costs: costs as unknown as CostsBucketLike[],
      now: session.nowSeconds,
      ...(by === undefined ? {} : { by }),
    });
    for (const group of result.groups) {
      const key = JSON.stringify([organization, group.projectId, group.key]);
      const entry = groups.get(key) ?? {
        organization,
        projectId: group.projectId,
        key: group.key,
        estimated: 0,
        billed: 0,
        reasons: new Set<VarianceReason>(),
      };
      entry.estimated += group.estimated;
      entry.billed += group.billed;
      for (const reason of group.reasons) entry.reasons.add(reason);
      groups.set(key, entry);
    }
  }
  const sorted = [...groups.values()].sort(
    (left, right) =>
      Math.abs(right.billed - right.estimated) - Math.abs(left.billed - left.estimated),
  );
  const dimensions = ['project_id', ...(by === undefined ? [] : [by])];
  const rows: DocumentRow[] = sorted.map((group) => {
    const row: Record<string, DocumentRow[string]> = Object.create(null);
    if (session.organizationLabels.length > 1) row.organization = group.organization;
    row.project_id = group.projectId;
    row.project_name =
      group.projectId === null ? null : (options.names?.name('project', group.projectId) ?? null);
    if (by !== undefined) {
      row[by] = group.key;
      if (by === 'api_key_id')
        row.api_key_name =
          group.key === null ? null : (options.names?.name('api_key', group.key) ?? null);
      if (by === 'user_id')
        row.user_name =
          group.key === null ? null : (options.names?.name('user', group.key) ?? null);
    }
    row.estimated_cost = group.estimated;
    row.billed_cost = group.billed;
    row.variance = group.billed - group.estimated;
    row.variance_ratio =
      group.billed === 0 ? null : (group.billed - group.estimated) / group.billed;
    row.reasons = [...group.reasons].join(';');
    return row;
  });
  const estimated = sorted.reduce((sum, group) => sum + group.estimated, 0);
  const billed = sorted.reduce((sum, group) => sum + group.billed, 0);
  const columns: DocumentColumn[] = [
    ...(session.organizationLabels.length > 1 ? dimensionColumns('organization') : []),
    ...dimensions.flatMap((dimension) => dimensionColumns(dimension)),
    { key: 'estimated_cost', header: 'Estimated', type: 'money' },
    { key: 'billed_cost', header: 'Billed', type: 'money' },
    { key: 'variance', header: 'Variance', type: 'money' },
    { key: 'variance_ratio', header: 'Var %', type: 'percent', optional: true },
    {
      key: 'reasons',
      header: 'Why',
      type: 'text',
      tableText: (row) =>
        String(row.reasons ?? '')
          .split(';')
          .filter((reason) => reason !== '')
          .map((reason) => VARIANCE_REASON_DESCRIPTIONS[reason as VarianceReason] ?? reason)
          .join(', '),
    },
  ];
  const totals: Record<string, DocumentRow[string]> = Object.create(null);
  totals.estimated_cost = estimated;
  totals.billed_cost = billed;
  totals.variance = billed - estimated;
  totals.variance_ratio = billed === 0 ? null : (billed - estimated) / billed;
  const partialToday = range.endTime > session.nowSeconds;
  return {
    command: 'reconcile',
    demo: session.sources.demo,
    organizations: session.organizationLabels,
    range,
    timeZone: 'UTC',
    currency: 'usd',
    meta: { dimensions },
    sections: [
      {
        name: 'reconcile',
        title: `Estimate against the bill, whole UTC days ${formatIsoInZone(range.startTime, 'UTC').slice(0, 10)} to ${formatIsoInZone(range.endTime - 1, 'UTC').slice(0, 10)} (${session.organizationLabels.join(', ')})`,
        columns,
        rows,
        totals,
        notes: [
          'Variance = billed - estimated. The bill (Costs API) is the source of truth; org-level charges have no project.',
        ],
      },
    ],
    warnings: [
      ...(partialToday
        ? [
            'the last UTC day is still in progress: its bill may be incomplete (shows as "not billed")',
          ]
        : []),
      ...session.progress.warnings,
    ],
  };
}

/**
 * Runs `usagekit reconcile`.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  const { values } = context;
  outputFormat(values);
  const session = await openDataSession(context);
  const range = rangeOfFlags(session, values);
  const by = parseDimensionList(values.by as string | undefined, ['costs'], ['project_id']).filter(
    (dimension) => dimension !== 'project_id',
  );
  const extra = by[0];
  if (
    by.length > 1 ||
    (extra !== undefined && !['line_item', 'api_key_id', 'user_id'].includes(extra))
  ) {
    throw new CliError('--by: reconcile joins on project plus at most one of line_item, key, user');
  }
  const warnings: string[] = [];
  const names = await loadNames(session.sources, session.config.aliases ?? {}, warnings);
  const document = await buildReconcileDocument(session, {
    range,
    by: extra as ReconcileDimension | undefined,
    names,
  });
  emitDocument(context, { ...document, warnings: [...document.warnings, ...warnings] });
  return ExitCode.ok;
}
