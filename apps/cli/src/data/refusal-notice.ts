import type { UsageClientEvent } from '@usagekit/client';

/**
 * The one plain notice shown for a refusal. Names: the client's own sentence (it names the
 * missing scope). Grouping: what is shown instead, without the server's wording.
 *
 * @param refusal The client's refusal event.
 *
 * @returns The notice, e.g. `grouping by api_key_id refused by this organization; shown without it`.
 */
export function refusalNotice(
  refusal: Extract<UsageClientEvent, { type: 'capability-refused' }>,
): string {
  if (refusal.capability === 'names') return refusal.message;
  const fields = refusal.fields ?? [];
  return `grouping by ${fields.join(', ')} refused by this organization; shown without ${fields.length > 1 ? 'them' : 'it'}`;
}
