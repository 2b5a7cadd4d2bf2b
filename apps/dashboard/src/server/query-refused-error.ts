/** A query valid on its own that the loaded data cannot answer (for example a range too old): a 400. */
export class QueryRefusedError extends Error {
  override name = 'QueryRefusedError';
}
