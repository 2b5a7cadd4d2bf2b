import { estimateCost, type PriceBook } from '@usagekit/cost';
import type { Bucket, EndpointName } from '@usagekit/schemas';
import type { UnpricedEntry } from './dashboard-context';
import { encodeEstimateKey } from './estimate-key';
import { DAY_SECONDS } from './time-range';

/** A costs-shaped bucket of estimated spend, as the estimate table ingests it. */
export interface EstimateBucket {
  readonly start_time: number;
  readonly end_time: number;
  readonly results: Record<string, unknown>[];
}

interface EstimateRow {
  readonly projectId: unknown;
  readonly userId: unknown;
  readonly apiKeyId: unknown;
  readonly lineItem: string;
  micros: number;
}

interface EstimateHour {
  readonly end: number;
  readonly rows: Map<string, EstimateRow>;
}

/**
 * Prices hourly usage buckets as they arrive, one time window at a time. Every endpoint's
 * estimates of one hour share a bucket of the estimate table, which replaces a bucket ingested
 * twice, so a window's hours are collected from every endpoint and drained once. Each priced
 * row is costs-shaped: its `line_item` encodes endpoint, model, batch and service tier, so
 * estimates re-slice like usage. Usage with no price goes to `unpriced`, never in as $0.
 */
export class EstimateWindow {
  readonly #priceBook: PriceBook;
  readonly #unpriced: UnpricedEntry[];
  readonly #hours = new Map<number, EstimateHour>();

  /**
   * @param priceBook The prices.
   * @param unpriced Where usage with no price is listed.
   */
  constructor(priceBook: PriceBook, unpriced: UnpricedEntry[]) {
    this.#priceBook = priceBook;
    this.#unpriced = unpriced;
  }

  /**
   * Prices one hourly bucket of an endpoint into its hour.
   *
   * @param endpoint The usage endpoint.
   * @param bucket The bucket.
   */
  add(endpoint: EndpointName, bucket: Bucket<Readonly<Record<string, unknown>>>): void {
    const estimate = estimateCost({ endpoint, buckets: [bucket] }, { priceBook: this.#priceBook });
    let hour = this.#hours.get(bucket.start_time);
    if (hour === undefined) {
      hour = { end: bucket.end_time, rows: new Map() };
      this.#hours.set(bucket.start_time, hour);
    }
    for (const line of estimate.lines) {
      if (line.amount === null) continue;
      const dimensions = line.dimensions;
      const lineItem = encodeEstimateKey({
        endpoint,
        model: typeof dimensions.model === 'string' ? dimensions.model : null,
        batch: typeof dimensions.batch === 'boolean' ? dimensions.batch : null,
        serviceTier: typeof dimensions.service_tier === 'string' ? dimensions.service_tier : null,
      });
      const projectId = dimensions.project_id ?? null;
      const userId = dimensions.user_id ?? null;
      const apiKeyId = dimensions.api_key_id ?? null;
      const key = JSON.stringify([projectId, userId, apiKeyId, lineItem]);
      const row = hour.rows.get(key);
      if (row === undefined) {
        hour.rows.set(key, { projectId, userId, apiKeyId, lineItem, micros: line.amount });
      } else {
        row.micros += line.amount;
      }
    }
    for (const entry of estimate.unpriced) {
      this.#unpriced.push({
        day: Math.floor(bucket.start_time / DAY_SECONDS) * DAY_SECONDS,
        endpoint,
        model: entry.model,
        unit: entry.unit,
        quantity: entry.quantity,
        reason: entry.reason,
        lines: entry.lines,
      });
    }
  }

  /**
   * Hands over the collected hours as costs-shaped buckets in time order, and forgets them: by
   * project, user, key and line item, and the same summed by project and line item only (fewer
   * rows, for charts by model, endpoint, batch or tier).
   *
   * @returns Both sets of buckets.
   */
  drain(): { readonly full: EstimateBucket[]; readonly byItem: EstimateBucket[] } {
    const hours = [...this.#hours].sort(([left], [right]) => left - right);
    this.#hours.clear();
    const full: EstimateBucket[] = [];
    const byItem: EstimateBucket[] = [];
    for (const [start, hour] of hours) {
      const items = new Map<string, { projectId: unknown; lineItem: string; micros: number }>();
      for (const row of hour.rows.values()) {
        const key = JSON.stringify([row.projectId, row.lineItem]);
        const item = items.get(key);
        if (item === undefined) {
          items.set(key, { projectId: row.projectId, lineItem: row.lineItem, micros: row.micros });
        } else {
          item.micros += row.micros;
        }
      }
      full.push({
        start_time: start,
        end_time: hour.end,
        results: [...hour.rows.values()].map((row) => ({
          object: 'organization.costs.result',
          project_id: row.projectId,
          user_id: row.userId,
          api_key_id: row.apiKeyId,
          line_item: row.lineItem,
          amount: { value: row.micros / 1_000_000, currency: 'usd' },
        })),
      });
      byItem.push({
        start_time: start,
        end_time: hour.end,
        results: [...items.values()].map((item) => ({
          object: 'organization.costs.result',
          project_id: item.projectId,
          line_item: item.lineItem,
          amount: { value: item.micros / 1_000_000, currency: 'usd' },
        })),
      });
    }
    return { full, byItem };
  }
}
