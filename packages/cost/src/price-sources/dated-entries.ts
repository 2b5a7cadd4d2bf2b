import type { EndpointName } from '@usagekit/schemas';
import type { PriceContext } from './price-provider';

/** An entry with a start day and the qualifiers it needs (an override or a supplement entry). */
export interface DatedEntry {
  /** First UTC day the entry applies, or null for always. */
  readonly effectiveFrom: string | null;
  /** Image size or web search context level the entry needs. */
  readonly qualifier?: string | undefined;
  /** Image quality the entry is for. */
  readonly quality?: string | undefined;
}

/** Qualifier assumed when usage does not report one but the prices need it. */
const DEFAULT_QUALIFIERS: Partial<Record<EndpointName, string>> = {
  images: '1024x1024',
  web_search_calls: 'medium',
};

/** Image qualities assumed, in order, when usage does not report one. */
const DEFAULT_QUALITIES = ['medium', 'standard'];

/**
 * Picks the entry in force on the context's day among those matching its qualifier and quality,
 * filling in a stated default when the usage does not report what the prices need.
 *
 * @param entries Candidate entries of one name, unit and tier.
 * @param context The day and qualifiers.
 *
 * @returns The entry and what was assumed to pick it, or undefined.
 */
export function selectDated<TEntry extends DatedEntry>(
  entries: readonly TEntry[],
  context: PriceContext,
): { entry: TEntry; assumption?: string } | undefined {
  let qualifier = context.qualifier;
  let assumption: string | undefined;
  const needsQualifier = entries.some((entry) => entry.qualifier !== undefined);
  if (qualifier === undefined && needsQualifier && context.endpoint !== undefined) {
    const fallback = DEFAULT_QUALIFIERS[context.endpoint];
    if (fallback !== undefined && entries.some((entry) => entry.qualifier === fallback)) {
      qualifier = fallback;
      assumption = `${context.endpoint === 'images' ? 'image size' : 'context level'} not reported; priced as ${fallback}`;
    }
  }
  let candidates = entries.filter(
    (entry) => entry.qualifier === undefined || entry.qualifier === qualifier,
  );
  if (context.quality !== undefined) {
    candidates = candidates.filter(
      (entry) => entry.quality === undefined || entry.quality === context.quality,
    );
  } else if (candidates.some((entry) => entry.quality !== undefined)) {
    const qualities = new Set(candidates.map((entry) => entry.quality));
    const chosen =
      DEFAULT_QUALITIES.find((quality) => qualities.has(quality)) ?? candidates[0]?.quality;
    candidates = candidates.filter((entry) => entry.quality === chosen);
    const qualityNote = `image quality not reported; priced as ${chosen} quality`;
    assumption = assumption ? `${assumption}; ${qualityNote}` : qualityNote;
  }
  let best: TEntry | undefined;
  for (const entry of candidates) {
    if (entry.effectiveFrom !== null && entry.effectiveFrom > context.day) continue;
    if (best === undefined || (entry.effectiveFrom ?? '') >= (best.effectiveFrom ?? '')) {
      best = entry;
    }
  }
  if (best === undefined) return undefined;
  return assumption === undefined ? { entry: best } : { entry: best, assumption };
}
