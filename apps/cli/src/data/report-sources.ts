import { type BucketSource, createClientSource } from '@usagekit/report';
import type { CommandContext } from '../commands/command-context';
import type { DataSources } from './data-source';

/**
 * The organizations as report sources: one client source each, with the run's per-call options.
 *
 * @param sources The organizations.
 *
 * @returns One source per organization, labelled as in output.
 */
export function reportSources(sources: DataSources): BucketSource[] {
  return sources.organizations.map((organization) =>
    createClientSource(organization.client, {
      label: organization.label,
      requestOptions: sources.callOptions,
    }),
  );
}

/** Whether the command was asked to read the store: `--store`, `USAGEKIT_STORE` or `--refresh`. */
function readsStore(context: CommandContext): boolean {
  return (
    typeof context.values.store === 'string' ||
    (context.env.USAGEKIT_STORE ?? '') !== '' ||
    context.values.refresh === true
  );
}

/**
 * The report sources of a command: the API, or, when the command reads the store, the store
 * wherever it covers a fetch and the API where it does not (so a synced window answers offline).
 * With `--refresh` the store is synced first. The store is closed when the command finishes.
 *
 * @param context The command context.
 * @param sources The organizations.
 * @param nowSeconds The run's clock. @unit seconds since the Unix epoch
 *
 * @returns One source per organization.
 */
export async function commandReportSources(
  context: CommandContext,
  sources: DataSources,
  nowSeconds: number,
): Promise<BucketSource[]> {
  const apiSources = reportSources(sources);
  if (!readsStore(context)) return apiSources;
  const [{ createStoreSource }, { openStoreOf }, { syncOrganizations }] = await Promise.all([
    import('@usagekit/store'),
    import('../sync/open-store'),
    import('../sync/sync-organizations'),
  ]);
  const { store } = await openStoreOf(context);
  if (context.defer === undefined) throw new Error('a command that opens a store needs defer');
  context.defer(() => store.close());
  if (context.values.refresh === true) {
    await syncOrganizations({ store, organizations: sources.organizations, nowSeconds });
  }
  return sources.organizations.map((organization, index) =>
    createStoreSource(store, {
      organization: organization.label,
      label: organization.label,
      fallback: apiSources[index],
    }),
  );
}
