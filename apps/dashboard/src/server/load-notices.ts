import type { UsageClientEvent } from '@usagekit/client';

/** A refused grouping the dashboard carried on without. */
interface RefusedGrouping {
  readonly fields: string;
  readonly endpoints: string[];
}

/** Collects what the load could not get, to say each thing once. */
export interface LoadNotices {
  /**
   * Records a refusal the client reported and carried on after.
   *
   * @param event The client's event.
   */
  record(event: UsageClientEvent): void;
  /**
   * Records a part of the data that could not be loaded.
   *
   * @param part What it is ("completions usage", "the bill (Costs API)").
   * @param error Why.
   * @param until When it was partly loaded, the instant it stops. @unit Unix seconds
   */
  failed(part: string, error: unknown, until?: number | undefined): void;
  /** @returns Whether the directory's names could be read (true until a refusal says not). */
  namesAvailable(): boolean;
  /** @returns The notices, each a sentence shown as it is, in the order first seen. */
  list(): string[];
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

/**
 * Creates the notice collector of one load. Every sentence passes through `redact` before it is
 * kept, so no notice can carry the admin key.
 *
 * @param redact Removes secrets from a sentence.
 *
 * @returns The collector.
 */
export function createLoadNotices(redact: (text: string) => string): LoadNotices {
  let namesReason: string | undefined;
  const groupings = new Map<string, RefusedGrouping>();
  const failures = new Map<string, string[]>();

  return {
    record(event) {
      if (event.type !== 'capability-refused') return;
      if (event.capability === 'names') {
        namesReason ??= event.message;
        return;
      }
      const fields = (event.fields ?? []).join(', ');
      const refused = groupings.get(fields) ?? { fields, endpoints: [] };
      groupings.set(fields, refused);
      const endpoint = event.endpoint ?? 'an endpoint';
      if (!refused.endpoints.includes(endpoint)) refused.endpoints.push(endpoint);
    },
    failed(part, error, until) {
      const stop =
        until === undefined
          ? ''
          : ` after ${new Date(until * 1000).toISOString().slice(0, 10)} (shown up to then)`;
      const reason = `could not be loaded${stop}: ${reasonOf(error)}`;
      const parts = failures.get(reason) ?? [];
      failures.set(reason, parts);
      parts.push(part);
    },
    namesAvailable: () => namesReason === undefined,
    list() {
      const notices: string[] = [];
      if (namesReason !== undefined) notices.push(namesReason);
      for (const { fields, endpoints } of groupings.values()) {
        notices.push(
          `grouping by ${fields} refused by this organization (${endpoints.join(', ')}): shown without it`,
        );
      }
      for (const [reason, parts] of failures) notices.push(`${parts.join(', ')} ${reason}`);
      return notices.map(redact);
    },
  };
}
