import { type BucketSource, createClientSource } from '@usagekit/report';
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
