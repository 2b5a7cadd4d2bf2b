/** What the client found this key or organization may not do. */
export interface Refusal {
  /** `names`: the directory cannot be read; `grouping`: some `group_by` fields were refused. */
  readonly capability: 'names' | 'grouping';
  /** The refused grouping fields. */
  readonly fields?: readonly string[] | undefined;
}

/**
 * The one plain notice shown for a refusal: what is missing and what is shown instead.
 *
 * @param refusal What was refused.
 *
 * @returns The notice.
 */
export function refusalNotice(refusal: Refusal): string {
  if (refusal.capability === 'names')
    return 'names unavailable: this key lacks api.management.read; showing ids';
  const fields = refusal.fields ?? [];
  return `grouping by ${fields.join(', ')} refused by this organization; shown without ${fields.length > 1 ? 'them' : 'it'}`;
}
