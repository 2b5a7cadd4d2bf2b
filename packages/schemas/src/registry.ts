import type * as v from 'valibot';
import { audioSpeechesEndpoint } from './endpoints/audio-speeches';
import { audioTranscriptionsEndpoint } from './endpoints/audio-transcriptions';
import { codeInterpreterSessionsEndpoint } from './endpoints/code-interpreter-sessions';
import { completionsEndpoint } from './endpoints/completions';
import { costsEndpoint } from './endpoints/costs';
import { decisionsEndpoint } from './endpoints/decisions';
import { embeddingsEndpoint } from './endpoints/embeddings';
import { fileSearchCallsEndpoint } from './endpoints/file-search-calls';
import { imagesEndpoint } from './endpoints/images';
import { moderationsEndpoint } from './endpoints/moderations';
import { vectorStoresEndpoint } from './endpoints/vector-stores';
import { webSearchCallsEndpoint } from './endpoints/web-search-calls';

/**
 * The endpoint registry: every usage and costs endpoint, keyed by name, in the spec's order.
 * Every other package reads endpoints, params, metrics and dimensions from here.
 */
export const endpoints = {
  completions: completionsEndpoint,
  embeddings: embeddingsEndpoint,
  moderations: moderationsEndpoint,
  images: imagesEndpoint,
  audio_speeches: audioSpeechesEndpoint,
  audio_transcriptions: audioTranscriptionsEndpoint,
  vector_stores: vectorStoresEndpoint,
  code_interpreter_sessions: codeInterpreterSessionsEndpoint,
  file_search_calls: fileSearchCallsEndpoint,
  web_search_calls: webSearchCallsEndpoint,
  decisions: decisionsEndpoint,
  costs: costsEndpoint,
} as const;

/** The registry's type. */
export type Endpoints = typeof endpoints;

/** The name of an endpoint in the registry. */
export type EndpointName = keyof Endpoints;

/** Every endpoint name, in the registry's order. */
export const endpointNames = /* @__PURE__ */ Object.keys(endpoints) as EndpointName[];

/** The names of the usage endpoints (every endpoint but costs). */
export const usageEndpointNames = /* @__PURE__ */ endpointNames.filter(
  (name) => endpoints[name].kind === 'usage',
) as Exclude<EndpointName, 'costs'>[];

/** The parsed result type of an endpoint. */
export type ResultOf<TName extends EndpointName> = v.InferOutput<Endpoints[TName]['resultSchema']>;

/** The query parameters of an endpoint. */
export type ParamsOf<TName extends EndpointName> = v.InferOutput<Endpoints[TName]['paramsSchema']>;

/** A metric name of an endpoint. */
export type MetricOf<TName extends EndpointName> = Endpoints[TName]['metrics'][number]['name'];

/** A dimension (`group_by` value) of an endpoint. */
export type DimensionOf<TName extends EndpointName> = Endpoints[TName]['dimensions'][number];

/** The name of a metric of any endpoint. */
export type MetricName = MetricOf<EndpointName>;

/** The name of a dimension of any endpoint. */
export type DimensionName = DimensionOf<EndpointName>;

/**
 * Tells whether a string names an endpoint of the registry. Safe on untrusted input: it never
 * reads inherited properties.
 *
 * @param name The string to check.
 *
 * @returns Whether it is an endpoint name.
 */
export function isEndpointName(name: string): name is EndpointName {
  return Object.hasOwn(endpoints, name);
}

/**
 * Looks up an endpoint by name, failing with the list of names when it is unknown.
 *
 * @param name The endpoint name.
 *
 * @returns The endpoint definition.
 */
export function getEndpoint<TName extends EndpointName>(name: TName): Endpoints[TName] {
  if (!isEndpointName(name)) {
    throw new RangeError(`Unknown endpoint "${String(name)}"; known: ${endpointNames.join(', ')}`);
  }
  return endpoints[name];
}
