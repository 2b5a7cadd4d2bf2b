/** What kind of difference between the wire and the documented schema was seen. */
export type DriftKind =
  /** A field the schema does not document; it is kept in the output. */
  | 'unknown_field'
  /** An `object` value other than the documented literal; the value is kept as received. */
  | 'unknown_object'
  /** A documented optional counter that some results lack (older responses). */
  | 'absent_field'
  /** A bucket carried `result` instead of `results` (the spec's old name); it was renamed. */
  | 'renamed_field';

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
