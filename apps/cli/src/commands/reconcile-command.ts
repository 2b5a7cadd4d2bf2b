import type { BucketInput } from '@usagekit/aggregate';
import type {
  CostsBucketLike,
  EndpointBuckets,
  ReconcileDimension,
  VarianceCauseName,
} from '@usagekit/cost';
import type { EndpointName } from '@usagekit/schemas';
import { parseDimensionList } from '../args/dimension-list';
import type { TimeRange } from '../args/time-range';
import { formatIsoInZone } from '../args/time-zone';
import { CliError } from '../cli-error';
import { loadNames, type NameLookup } from '../data/name-lookup';
import { loadPriceBook } from '../data/price-rows';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, DocumentRow, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { type DataSession, openDataSession, rangeOfFlags } from './data-session';
import { recordingSource } from './recording-source';
import { dimensionColumns } from './usage-columns';

/** Causes a table row names in its "Why" column. */
const WHY_CAUSES = 3;

interface Group {
  organization: string;
  projectId: string | null;
  key: string | null;
  estimated: number;
  billed: number;
  /** billed + allocated − estimated: org-level charges (Scale Tier units) moved to the group. */
  variance: number;
  /** The variance's causes in micro-units, by name. */
  causes: Map<VarianceCauseName, number>;
  unexplained: number;
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
  const [
    { estimateCost, reconcile, VARIANCE_CAUSE_DESCRIPTIONS, formatMoney },
    { runCostsReport, runReport },
  ] = await Promise.all([import('@usagekit/cost'), import('@usagekit/report')]);
  /** The largest causes of a variance in dollars, for tables ("Scale Tier -$455.44, ..."). */
  const whyText = (causes: ReadonlyMap<VarianceCauseName, number>, unexplained: number) =>
    [
      ...[...causes].map(
        ([cause, amount]) =>
          [VARIANCE_CAUSE_DESCRIPTIONS[cause].replace(/ \(.*$/, ''), amount] as const,
      ),
      ...(unexplained === 0 ? [] : [['unexplained', unexplained] as const]),
    ]
      .filter(([, amount]) => amount !== 0)
      .sort((left, right) => Math.abs(right[1]) - Math.abs(left[1]))
      .slice(0, WHY_CAUSES)
      .map(([text, amount]) => `${text} ${formatMoney(amount)}`)
      .join(', ');
  // Both sides through the report layer, with its plan: the bill's whole UTC days, and the
  // usage of exactly those days (the totals are report's and costs' for the same window).
  const buckets = new Map<string, { endpoint: EndpointName; buckets: BucketInput[] }[]>();
  const sources = (await session.reportSources()).map((source) =>
    recordingSource(source, (endpoint, page) => {
      const fetched = buckets.get(source.label) ?? [];
      fetched.push({ endpoint, buckets: [...page] });
      buckets.set(source.label, fetched);
    }),
  );
  const extra = options.by === undefined ? [] : [options.by];
  const bill = await runCostsReport(
    {
      window: { since: options.range.startTime, until: options.range.endTime },
      grain: 'total',
      timeZone: 'UTC',
      now: session.nowSeconds,
      // Line items always: reconcile finds the org-level "scale tier units" line by them.
      dimensions: [
        'project_id',
        'line_item',
        ...extra.filter((dimension) => dimension !== 'line_item'),
      ],
    },
    { sources },
  ).finally(() => session.reporter.finish());
  const priceBook = await loadPriceBook(session.config);
  const usage = await runReport(
    {
      window: bill.window,
      grain: 'total',
      timeZone: 'UTC',
      now: session.nowSeconds,
      dimensions: ['project_id', ...extra.filter((dimension) => dimension !== 'line_item')],
    },
    { sources, priceBook },
  ).finally(() => session.reporter.finish());
  const range = { startTime: bill.window.start, endTime: bill.window.end };
  // A grouping the Costs API refused is left out: the bill has no such split to compare with.
  const by = extra.find((dimension) => bill.dimensions.includes(dimension));
  const groups = new Map<string, Group>();
  for (const organization of session.organizationLabels) {
    const fetched = buckets.get(organization) ?? [];
    const estimate = estimateCost(
      fetched.filter((item) => item.endpoint !== 'costs') as unknown as EndpointBuckets[],
      { priceBook },
    );
    const result = reconcile({
      estimate,
      costs: fetched
        .filter((item) => item.endpoint === 'costs')
        .flatMap((item) => item.buckets) as unknown as CostsBucketLike[],
      now: session.nowSeconds,
      ...(by === undefined ? {} : { by }),
    });
    for (const group of result.groups) {
      // Without --by the bill's line items (fetched for the Scale Tier allocation) fold into the project.
      const groupKey = by === undefined ? null : group.key;
      const key = JSON.stringify([organization, group.projectId, groupKey]);
      const entry = groups.get(key) ?? {
        organization,
        projectId: group.projectId,
        key: groupKey,
        estimated: 0,
        billed: 0,
        variance: 0,
        causes: new Map<VarianceCauseName, number>(),
        unexplained: 0,
      };
      entry.estimated += group.estimated;
      entry.billed += group.billed;
      entry.variance += group.variance;
      entry.unexplained += group.unexplained;
      for (const { cause, amount } of group.causes) {
        entry.causes.set(cause, (entry.causes.get(cause) ?? 0) + amount);
      }
      groups.set(key, entry);
    }
  }
  const sorted = [...groups.values()].sort(
    (left, right) => Math.abs(right.variance) - Math.abs(left.variance),
  );
  const causeNames = [
    ...new Set([...groups.values()].flatMap((group) => [...group.causes.keys()])),
  ];
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
    row.variance = group.variance;
    row.variance_ratio = group.billed === 0 ? null : group.variance / group.billed;
    for (const cause of causeNames) row[`cause_${cause}`] = group.causes.get(cause) ?? 0;
    row.unexplained = group.unexplained;
    row.why = whyText(group.causes, group.unexplained);
    return row;
  });
  // The exact totals of report and costs for these days, not sums of rounded groups.
  const estimated = usage.totals.estimated_cost;
  const billed = Object.values(bill.totals.amounts).reduce((sum, amount) => sum + amount, 0);
  const columns: DocumentColumn[] = [
    ...(session.organizationLabels.length > 1 ? dimensionColumns('organization') : []),
    ...dimensions.flatMap((dimension) => dimensionColumns(dimension)),
    { key: 'estimated_cost', header: 'Estimated', type: 'money' },
    { key: 'billed_cost', header: 'Billed', type: 'money' },
    { key: 'variance', header: 'Variance', type: 'money' },
    { key: 'variance_ratio', header: 'Var %', type: 'percent' },
    ...causeNames.map(
      (cause): DocumentColumn => ({
        key: `cause_${cause}`,
        header: VARIANCE_CAUSE_DESCRIPTIONS[cause],
        type: 'money',
        machineOnly: true,
      }),
    ),
    { key: 'unexplained', header: 'Unexplained', type: 'money' },
    { key: 'why', header: 'Why (largest causes)', type: 'text', tableOnly: true },
  ];
  const totals: Record<string, DocumentRow[string]> = Object.create(null);
  totals.estimated_cost = estimated;
  totals.billed_cost = billed;
  totals.variance = billed - estimated;
  totals.variance_ratio = billed === 0 ? null : (billed - estimated) / billed;
  // Σ causes + unexplained = variance, exactly: the totals' unexplained is what the causes leave.
  const totalCauses = new Map<VarianceCauseName, number>();
  for (const group of groups.values()) {
    for (const [cause, amount] of group.causes) {
      totalCauses.set(cause, (totalCauses.get(cause) ?? 0) + amount);
    }
  }
  let explained = 0;
  for (const cause of causeNames) {
    const amount = totalCauses.get(cause) ?? 0;
    totals[`cause_${cause}`] = amount;
    explained += amount;
  }
  totals.unexplained = billed - estimated - explained;
  totals.why = whyText(totalCauses, billed - estimated - explained);
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
          'Variance = billed + allocated - estimated = the causes (cause_* in JSON/CSV) + unexplained. The bill (Costs API) is the source of truth; Scale Tier units are allocated to the projects that used Scale Tier.',
        ],
      },
    ],
    warnings: [
      ...(partialToday
        ? [
            'the last UTC day is still in progress: its bill may be incomplete (shows as "not billed")',
          ]
        : []),
      ...usage.notices,
      ...bill.notices,
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
