import { usageEndpointNames } from '@usagekit/schemas';
import { parseTimeRange } from '../args/time-range';
import { loadNames } from '../data/name-lookup';
import { ExitCode } from '../exit-codes';
import { DEMO_NOTICE, type OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { openDataSession } from './data-session';
import { buildForecastDocument } from './forecast-command';
import { buildReconcileDocument } from './reconcile-command';
import { buildReportDocument } from './report-command';

/**
 * Runs `usagekit demo`: the embedded demo organization's last 30 days (usage by project and
 * model, estimate against the bill, month-end forecast), always demo data even when a key is set.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  outputFormat(context.values);
  const demoContext: CommandContext = { ...context, values: { ...context.values, demo: true } };
  const session = await openDataSession(demoContext);
  const range = parseTimeRange({
    since: '30d',
    nowSeconds: session.nowSeconds,
    timeZone: session.timeZone,
  });
  const warnings: string[] = [];
  const names = await loadNames(session.sources, {}, warnings);
  const report = await buildReportDocument(session, {
    range,
    grain: 'total',
    by: ['project_id', 'model'],
    endpoints: usageEndpointNames,
    top: 15,
    explicitWidth: undefined,
    section: { name: 'usage', title: 'Last 30 days: usage by project and model, estimated cost' },
  });
  const reconcile = await buildReconcileDocument(session, { range, by: undefined, names });
  const forecast = await buildForecastDocument(session, false, names);
  const parts: OutputDocument[] = [report, reconcile, forecast];
  const document: OutputDocument = {
    command: 'demo',
    demo: true,
    organizations: session.organizationLabels,
    range,
    timeZone: session.timeZone,
    currency: 'usd',
    meta: { notice: DEMO_NOTICE },
    sections: parts.flatMap((part) => part.sections),
    warnings: [...new Set([...parts.flatMap((part) => part.warnings), ...warnings])],
  };
  emitDocument(context, document, 'total');
  if (outputFormat(context.values) === 'table') {
    context.io.stdout.write(
      '\nThis was simulated data. With a real organization: export OPENAI_ADMIN_KEY=<admin key> and run usagekit report, costs, reconcile, forecast.\n',
    );
  }
  return ExitCode.ok;
}
