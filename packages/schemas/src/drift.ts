/** What kind of difference between the wire and the documented schema was seen. */
export type DriftKind =
  /** A field the schema does not document; it is kept in the output. */
  | 'unknown_field'
  /** An `object` value other than the documented literal; the value is kept as received. */
  | 'unknown_object'
  /** A documented optional counter that some results lack (older responses). */
  | 'absent_field'
  /** A bucket carried `result` instead of `results` (the spec's old name); it was renamed. */
  | 'renamed_field'
  /**
   * A number no honest answer holds, kept as received: a negative counter or one beyond 2^53 - 1
   * (no longer exact), or a non-finite amount or quantity or one beyond ±(2^53 - 1). (A
   * non-finite counter is not an integer: the page fails validation, naming its path.)
   */
  | 'invalid_value'
  /** A bucket with the same start and end as one already kept; the first copy is kept. */
  | 'duplicate_bucket'
  /** A bucket overlapping one already kept without matching it; the first one is kept. */
  | 'overlapping_bucket'
  /** A bucket that does not overlap the requested window; dropped. */
  | 'bucket_outside_window'
  /** A bucket starting before the one before it in the same page; kept, and sorted. */
  | 'bucket_out_of_order'
  /** A page whose buckets start before the previous page's; kept, and sorted. */
  | 'page_out_of_order';

/** One kind of drift at one field, with where it was first seen and how often. */
export interface DriftEntry {
  /** What was seen. */
  readonly kind: DriftKind;
  /** The field name, or for `unknown_object` the value received. */
  readonly key: string;
  /** Where it was first seen, e.g. `data[0].results[3].organization_id`. */
  readonly path: string;
  /** How many times it was seen in the page. */
  count: number;
}

/** Collects drift entries, one per kind and key. */
export class DriftCollector {
  readonly #entries = new Map<string, DriftEntry>();

  /**
   * Records one sighting.
   *
   * @param kind What was seen.
   * @param key The field or value.
   * @param path Where it was seen.
   * @param count How many sightings this stands for.
   */
  add(kind: DriftKind, key: string, path: string, count = 1): void {
    const id = `${kind}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry) entry.count += count;
    else this.#entries.set(id, { kind, key, path, count });
  }

  /** @returns Every entry recorded, in the order first seen. */
  entries(): DriftEntry[] {
    return [...this.#entries.values()];
  }
}
