import type { EndpointName } from '@usagekit/schemas';
import type { UsageClientEvent } from './events';
import { describeNamesRefusal, type GroupingRefusal, type ScopeRefusal } from './refusal';

/** Whether the key may read the directory, which names ids. */
export interface NamesCapability {
  /** `true` once a directory read succeeded, `false` once one was refused, `undefined` before. */
  readonly available: boolean | undefined;
  /**
   * Why names are unavailable, a sentence to show as it is, e.g.
   * `names unavailable: this key lacks api.management.read; showing ids`.
   */
  readonly reason?: string | undefined;
}

/**
 * What a client has learned its key and organization allow, from the first refusal of each kind,
 * kept for the client's life. A snapshot: read `client.capabilities` again for later changes.
 */
export interface ClientCapabilities {
  /** Whether names can be read (directory calls and `resolver().load()`). */
  readonly names: NamesCapability;
  /**
   * Per endpoint, the `group_by` fields the API refused (HTTP 400). Later requests of that
   * endpoint leave them out up front; their results lack that dimension (null).
   */
  readonly refusedGroupings: ReadonlyMap<EndpointName, readonly string[]>;
}

/** Records refusals and successes for one client, emitting each refusal once. Internal. */
export interface CapabilityTracker {
  /** The current snapshot. */
  snapshot(): ClientCapabilities;
  /** A directory read succeeded. */
  namesRead(): void;
  /** A directory read was refused. */
  namesRefused(refusal: ScopeRefusal): void;
  /** A usage or costs request was refused a grouping. */
  groupingRefused(endpoint: EndpointName, refusal: GroupingRefusal): void;
  /** The fields refused so far for an endpoint. */
  refusedFields(endpoint: EndpointName): readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Creates the capability record of one client.
 *
 * @param emit Sends an event through the client's `onEvent`.
 *
 * @returns The tracker.
 */
export function createCapabilityTracker(
  emit: (event: UsageClientEvent) => void,
): CapabilityTracker {
  let names: NamesCapability = Object.freeze({ available: undefined });
  const refused = new Map<EndpointName, readonly string[]>();
  let snapshot: ClientCapabilities | undefined;

  return {
    snapshot() {
      snapshot ??= Object.freeze({ names, refusedGroupings: new Map(refused) });
      return snapshot;
    },
    namesRead() {
      if (names.available !== undefined) return;
      names = Object.freeze({ available: true });
      snapshot = undefined;
    },
    namesRefused(refusal) {
      if (names.available === false) return;
      const reason = describeNamesRefusal(refusal);
      names = Object.freeze({ available: false, reason });
      snapshot = undefined;
      emit({ type: 'capability-refused', capability: 'names', message: reason });
    },
    groupingRefused(endpoint, refusal) {
      const known = refused.get(endpoint) ?? NONE;
      const fresh = refusal.fields.filter((field) => !known.includes(field));
      if (fresh.length === 0) return;
      refused.set(endpoint, Object.freeze([...known, ...fresh]));
      snapshot = undefined;
      const detail = refusal.message === '' ? '' : ` (${refusal.message})`;
      emit({
        type: 'capability-refused',
        capability: 'grouping',
        endpoint,
        fields: Object.freeze(fresh),
        message: `${endpoint}: the API refused grouping by ${fresh.join(', ')}${detail}; results come without it`,
      });
    },
    refusedFields(endpoint) {
      return refused.get(endpoint) ?? NONE;
    },
  };
}
