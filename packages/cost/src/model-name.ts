/** A name to try when pricing a model, and what trying it assumes. */
export interface ModelCandidate {
  /** The lowercase name to look up. */
  readonly name: string;
  /** Set when the name is not the reported one: the assumption that makes the price an estimate. */
  readonly assumption?: string | undefined;
  /**
   * Set when the name is another model (a fine-tune's base model): its explicit prices are tried
   * only after the model's own names, derived prices included.
   */
  readonly otherModel?: true | undefined;
}

const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/;

/**
 * Lists the names to try for a reported model name, most specific first: the name itself; for a
 * fine-tuned `ft:<base>:<org>:<suffix>:<id>` name the `ft:<base>` price key, then the base model;
 * without a `-latest` suffix; without a snapshot date suffix. Every name after the first carries
 * the assumption it makes.
 *
 * @param reported The model name from the Usage API.
 *
 * @returns The candidates, never empty.
 */
export function modelCandidates(reported: string): ModelCandidate[] {
  const name = reported.trim().toLowerCase();
  const candidates: ModelCandidate[] = [{ name }];
  const seen = new Set([name]);
  const add = (candidate: string, assumption: string, otherModel?: true) => {
    if (candidate.length === 0 || seen.has(candidate)) return;
    seen.add(candidate);
    candidates.push({ name: candidate, assumption, otherModel });
  };
  if (name.startsWith('ft:')) {
    const base = name.slice(3).split(':')[0] ?? '';
    // The `ft:<base>` key holds the published fine-tuned price of that base: no assumption.
    if (!seen.has(`ft:${base}`)) {
      seen.add(`ft:${base}`);
      candidates.push({ name: `ft:${base}` });
    }
    add(
      base,
      `fine-tuned model with no known fine-tuned price; priced as its base model ${base} (fine-tuned inference usually costs more)`,
      true,
    );
    for (const candidate of modelCandidates(base).slice(1)) {
      add(
        candidate.name,
        `fine-tuned model with no known fine-tuned price; priced as ${candidate.name}`,
        true,
      );
    }
    return candidates;
  }
  if (name.endsWith('-latest')) {
    const stripped = name.slice(0, -'-latest'.length);
    add(stripped, `"-latest" alias priced as ${stripped}`);
  }
  if (DATE_SUFFIX.test(name)) {
    const stripped = name.replace(DATE_SUFFIX, '');
    add(stripped, `unknown snapshot priced as its base model ${stripped}`);
  }
  return candidates;
}
