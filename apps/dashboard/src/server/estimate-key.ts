import type { EndpointName } from '@usagekit/schemas';

/** What an estimate row is for, beyond project, user and key. */
export interface EstimateKey {
  readonly endpoint: EndpointName;
  readonly model: string | null;
  readonly batch: boolean | null;
  readonly serviceTier: string | null;
}

/**
 * Encodes endpoint, model, batch and service tier into one text value, so that estimates can
 * be stored in the table's `line_item` dimension and re-sliced by any of them. The encoding is
 * JSON, so any model name round-trips unchanged.
 *
 * @param key The parts.
 *
 * @returns The encoded value.
 */
export function encodeEstimateKey(key: EstimateKey): string {
  return JSON.stringify([key.endpoint, key.model, key.batch, key.serviceTier]);
}

/**
 * Decodes what {@link encodeEstimateKey} wrote; results are cached per value.
 */
export class EstimateKeyDecoder {
  readonly #cache = new Map<string, EstimateKey>();

  /**
   * @param encoded An encoded key.
   *
   * @returns The parts.
   */
  decode(encoded: string): EstimateKey {
    let key = this.#cache.get(encoded);
    if (key === undefined) {
      const [endpoint, model, batch, serviceTier] = JSON.parse(encoded) as [
        EndpointName,
        string | null,
        boolean | null,
        string | null,
      ];
      key = { endpoint, model, batch, serviceTier };
      this.#cache.set(encoded, key);
    }
    return key;
  }
}
