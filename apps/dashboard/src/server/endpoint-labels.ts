import type { EndpointName } from '@usagekit/schemas';

// The registry names endpoints but has no label for people yet (asked for in the contract); this
// is the one place the dashboard spells them.
const ENDPOINT_LABELS: Readonly<Record<EndpointName, string>> = {
  completions: 'Completions',
  embeddings: 'Embeddings',
  moderations: 'Moderations',
  images: 'Images',
  audio_speeches: 'Audio: speech (TTS)',
  audio_transcriptions: 'Audio: transcriptions',
  vector_stores: 'Vector storage',
  code_interpreter_sessions: 'Code interpreter sessions',
  file_search_calls: 'File search calls',
  web_search_calls: 'Web search calls',
  decisions: 'Decisions',
  costs: 'Costs',
};

/**
 * What an endpoint's usage is, for people: the title of its table, and the label of its rows
 * that have no model ("Vector storage", "Code interpreter sessions"), never "(none)".
 *
 * @param endpoint The endpoint.
 *
 * @returns The label.
 */
export function endpointLabel(endpoint: EndpointName): string {
  return ENDPOINT_LABELS[endpoint];
}
