/**
 * Type tests: our inferred params and result types against the official SDK's (`openai@7.55.0`,
 * `resources/admin/organization/*`). Where the wire agrees the types are equal once two
 * TypeScript-only conventions of ours are normalised away by {@link Wire}:
 *
 * - Optional properties are written `field?: T | undefined` (house style under
 *   `exactOptionalPropertyTypes`); the SDK writes `field?: T`. No `undefined` ever reaches the wire.
 * - Result and directory objects are valibot `looseObject`s, so their types carry
 *   `[key: string]: unknown`: parsing keeps undocumented fields (drift) instead of dropping them.
 *
 * Every other difference is deliberate and has its own test below, with the reason.
 */

import type { ProjectAPIKey as SdkProjectApiKey } from 'openai/resources/admin/organization/projects/api-keys';
import type {
  ProjectListParams,
  Project as SdkProject,
} from 'openai/resources/admin/organization/projects/projects';
import type { ProjectServiceAccount as SdkProjectServiceAccount } from 'openai/resources/admin/organization/projects/service-accounts/service-accounts';
import type {
  CostQuantityUnit,
  UsageAudioSpeechesParams,
  UsageAudioSpeechesResponse,
  UsageAudioTranscriptionsParams,
  UsageAudioTranscriptionsResponse,
  UsageCodeInterpreterSessionsParams,
  UsageCodeInterpreterSessionsResponse,
  UsageCompletionsParams,
  UsageCompletionsResponse,
  UsageCostsParams,
  UsageCostsResponse,
  UsageDecisionsParams,
  UsageDecisionsResponse,
  UsageEmbeddingsParams,
  UsageEmbeddingsResponse,
  UsageFileSearchCallsParams,
  UsageFileSearchCallsResponse,
  UsageImagesParams,
  UsageImagesResponse,
  UsageModerationsParams,
  UsageModerationsResponse,
  UsageVectorStoresParams,
  UsageVectorStoresResponse,
  UsageWebSearchCallsParams,
  UsageWebSearchCallsResponse,
} from 'openai/resources/admin/organization/usage';
import type { OrganizationUser as SdkOrganizationUser } from 'openai/resources/admin/organization/users/users';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  AudioSpeechesParams,
  AudioSpeechesResult,
  AudioTranscriptionsParams,
  AudioTranscriptionsResult,
  CodeInterpreterSessionsParams,
  CodeInterpreterSessionsResult,
  CompletionsParams,
  CompletionsResult,
  CostsParams,
  CostsResult,
  DecisionsParams,
  DecisionsResult,
  EmbeddingsParams,
  EmbeddingsResult,
  FileSearchCallsParams,
  FileSearchCallsResult,
  ImagesParams,
  ImagesResult,
  ListParams,
  ModerationsParams,
  ModerationsResult,
  OrganizationUser,
  Page,
  Project,
  ProjectApiKey,
  ProjectList,
  ProjectServiceAccount,
  QuantityUnit,
  ResultOf,
  VectorStoresParams,
  VectorStoresResult,
  WebSearchCallsParams,
  WebSearchCallsResult,
} from './index';

/** Drops index signatures (our loose objects keep unknown fields) and `| undefined` of optionals. */
type Wire<T> = T extends readonly (infer Item)[]
  ? Wire<Item>[]
  : T extends object
    ? {
        [Key in keyof T as string extends Key ? never : number extends Key ? never : Key]: Wire<
          Exclude<T[Key], undefined>
        >;
      }
    : T;

/** The same object with `null` removed from every property: what the SDK's decisions params add. */
type WithoutNull<T> = { [Key in keyof T]: Exclude<T[Key], null> };

/** The properties of `T` except those named. */
type Without<T, Keys extends PropertyKey> = {
  [Key in keyof T as Key extends Keys ? never : Key]: T[Key];
};

/** The result type the SDK puts in a page of one endpoint (its union holds all eleven). */
type SdkResult<TResponse extends { data: { results: unknown[] }[] }, TObject> = Extract<
  TResponse['data'][number]['results'][number],
  { object: TObject }
>;

describe('query parameters line up with the SDK', () => {
  test('completions: equal, and assignable both ways', () => {
    expectTypeOf<Wire<CompletionsParams>>().toEqualTypeOf<UsageCompletionsParams>();
    expectTypeOf<UsageCompletionsParams>().toExtend<CompletionsParams>();
    expectTypeOf<Wire<CompletionsParams>>().toExtend<UsageCompletionsParams>();
  });

  test('every other usage endpoint: equal', () => {
    expectTypeOf<Wire<EmbeddingsParams>>().toEqualTypeOf<UsageEmbeddingsParams>();
    expectTypeOf<Wire<ModerationsParams>>().toEqualTypeOf<UsageModerationsParams>();
    expectTypeOf<Wire<ImagesParams>>().toEqualTypeOf<UsageImagesParams>();
    expectTypeOf<Wire<AudioSpeechesParams>>().toEqualTypeOf<UsageAudioSpeechesParams>();
    expectTypeOf<Wire<AudioTranscriptionsParams>>().toEqualTypeOf<UsageAudioTranscriptionsParams>();
    expectTypeOf<Wire<VectorStoresParams>>().toEqualTypeOf<UsageVectorStoresParams>();
    expectTypeOf<
      Wire<CodeInterpreterSessionsParams>
    >().toEqualTypeOf<UsageCodeInterpreterSessionsParams>();
    expectTypeOf<Wire<FileSearchCallsParams>>().toEqualTypeOf<UsageFileSearchCallsParams>();
    expectTypeOf<Wire<WebSearchCallsParams>>().toEqualTypeOf<UsageWebSearchCallsParams>();
  });

  test('costs: equal (1d only, line_items, group_by with user_id and api_source)', () => {
    expectTypeOf<Wire<CostsParams>>().toEqualTypeOf<UsageCostsParams>();
    expectTypeOf<CostsParams['bucket_width']>().toEqualTypeOf<'1d' | undefined>();
  });

  test('the SDK params of every endpoint are accepted by ours', () => {
    expectTypeOf<UsageEmbeddingsParams>().toExtend<EmbeddingsParams>();
    expectTypeOf<UsageImagesParams>().toExtend<ImagesParams>();
    expectTypeOf<UsageVectorStoresParams>().toExtend<VectorStoresParams>();
    expectTypeOf<UsageFileSearchCallsParams>().toExtend<FileSearchCallsParams>();
    expectTypeOf<UsageWebSearchCallsParams>().toExtend<WebSearchCallsParams>();
    expectTypeOf<UsageCostsParams>().toExtend<CostsParams>();
  });

  test('deliberate: decisions params are not nullable (the SDK drops nulls before sending)', () => {
    // The SDK types every optional decisions param `T | null` and strips nulls client-side; null
    // never reaches the wire, so ours take only the wire's values. Without the nulls they match.
    expectTypeOf<Wire<DecisionsParams>>().toEqualTypeOf<WithoutNull<UsageDecisionsParams>>();
    expectTypeOf<Wire<DecisionsParams>>().toExtend<UsageDecisionsParams>();
    expectTypeOf<UsageDecisionsParams>().not.toExtend<DecisionsParams>();
  });

  test('deliberate: our optionals admit `undefined` (house style), the wire never sees it', () => {
    expectTypeOf<CompletionsParams['end_time']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ end_time: undefined; start_time: 1 }>().toExtend<CompletionsParams>();
    expectTypeOf<{ end_time: undefined; start_time: 1 }>().not.toExtend<UsageCompletionsParams>();
  });

  test('admin list params: equal to the SDK’s project list params', () => {
    expectTypeOf<Wire<ListParams>>().toEqualTypeOf<Wire<ProjectListParams>>();
  });
});

describe('results line up with the SDK', () => {
  test('embeddings, moderations, images, audio, vector stores, code interpreter, file search', () => {
    type Embeddings = SdkResult<UsageEmbeddingsResponse, 'organization.usage.embeddings.result'>;
    type Moderations = SdkResult<UsageModerationsResponse, 'organization.usage.moderations.result'>;
    type Images = SdkResult<UsageImagesResponse, 'organization.usage.images.result'>;
    type Speeches = SdkResult<
      UsageAudioSpeechesResponse,
      'organization.usage.audio_speeches.result'
    >;
    type Transcriptions = SdkResult<
      UsageAudioTranscriptionsResponse,
      'organization.usage.audio_transcriptions.result'
    >;
    type VectorStores = SdkResult<
      UsageVectorStoresResponse,
      'organization.usage.vector_stores.result'
    >;
    type Sessions = SdkResult<
      UsageCodeInterpreterSessionsResponse,
      'organization.usage.code_interpreter_sessions.result'
    >;
    type FileSearches = SdkResult<
      UsageFileSearchCallsResponse,
      'organization.usage.file_searches.result'
    >;
    expectTypeOf<Wire<EmbeddingsResult>>().toEqualTypeOf<Wire<Embeddings>>();
    expectTypeOf<Wire<ModerationsResult>>().toEqualTypeOf<Wire<Moderations>>();
    expectTypeOf<Wire<ImagesResult>>().toEqualTypeOf<Wire<Images>>();
    expectTypeOf<Wire<AudioSpeechesResult>>().toEqualTypeOf<Wire<Speeches>>();
    expectTypeOf<Wire<AudioTranscriptionsResult>>().toEqualTypeOf<Wire<Transcriptions>>();
    expectTypeOf<Wire<VectorStoresResult>>().toEqualTypeOf<Wire<VectorStores>>();
    expectTypeOf<Wire<CodeInterpreterSessionsResult>>().toEqualTypeOf<Wire<Sessions>>();
    expectTypeOf<Wire<FileSearchCallsResult>>().toEqualTypeOf<Wire<FileSearches>>();
  });

  test('an SDK result is assignable to ours (the SDK interface has no index signature)', () => {
    type Embeddings = SdkResult<UsageEmbeddingsResponse, 'organization.usage.embeddings.result'>;
    expectTypeOf<Embeddings>().toExtend<Wire<EmbeddingsResult>>();
  });

  test('completions, web search and decisions: equal except api_source', () => {
    type Completions = SdkResult<UsageCompletionsResponse, 'organization.usage.completions.result'>;
    type WebSearches = SdkResult<
      UsageWebSearchCallsResponse,
      'organization.usage.web_searches.result'
    >;
    type Decisions = UsageDecisionsResponse['data'][number]['results'][number];
    expectTypeOf<Without<Wire<CompletionsResult>, 'api_source'>>().toEqualTypeOf<
      Without<Wire<Completions>, 'api_source'>
    >();
    expectTypeOf<Without<Wire<WebSearchCallsResult>, 'api_source'>>().toEqualTypeOf<
      Without<Wire<WebSearches>, 'api_source'>
    >();
    expectTypeOf<Without<Wire<DecisionsResult>, 'api_source'>>().toEqualTypeOf<
      Without<Wire<Decisions>, 'api_source'>
    >();
    // The SDK's completions result is assignable to ours, api_source included.
    expectTypeOf<Completions>().toExtend<Wire<CompletionsResult>>();
  });

  test('deliberate: api_source is an open string, the SDK’s is a closed union', () => {
    // A new source (the API already added `agents_api`) must not fail a sync; values we do not
    // know still parse and group. The SDK's closed union is a subset of ours.
    type Completions = SdkResult<UsageCompletionsResponse, 'organization.usage.completions.result'>;
    expectTypeOf<Completions['api_source']>().toEqualTypeOf<
      'agents_api' | 'unlabeled' | null | undefined
    >();
    expectTypeOf<CompletionsResult['api_source']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Completions['api_source']>().toExtend<CompletionsResult['api_source']>();
    expectTypeOf<string>().not.toExtend<Completions['api_source']>();
    expectTypeOf<CostsResult['api_source']>().toEqualTypeOf<string | null | undefined>();
  });

  test('completions counters: required ones are numbers; 30m cache writes may be null', () => {
    expectTypeOf<CompletionsResult['input_tokens']>().toEqualTypeOf<number>();
    expectTypeOf<CompletionsResult['input_cache_write_12h_tokens']>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<CompletionsResult['input_cache_write_30m_tokens']>().toEqualTypeOf<
      number | null | undefined
    >();
  });

  test('decisions token details are nullable, as in the SDK', () => {
    expectTypeOf<DecisionsResult['input_cached_tokens']>().toEqualTypeOf<
      number | null | undefined
    >();
    expectTypeOf<
      UsageDecisionsResponse['data'][number]['results'][number]['input_cached_tokens']
    >().toEqualTypeOf<number | null | undefined>();
  });

  test('costs: equal except api_source, and quantity_unit is the SDK’s open unit type', () => {
    type Costs = SdkResult<UsageCostsResponse, 'organization.costs.result'>;
    expectTypeOf<Without<Wire<CostsResult>, 'api_source'>>().toEqualTypeOf<
      Without<Wire<Costs>, 'api_source'>
    >();
    // 7.55.0 has quantity_unit (older SDKs lacked it); both keep it open to any string.
    expectTypeOf<QuantityUnit>().toEqualTypeOf<CostQuantityUnit>();
    expectTypeOf<'petabyte_fortnights'>().toExtend<QuantityUnit>();
    expectTypeOf<CostsResult['amount']>().toExtend<
      { value?: number | undefined; currency?: string | undefined } | undefined
    >();
  });

  test('deliberate: results keep undocumented fields (drift), the SDK types do not name them', () => {
    expectTypeOf<CostsResult>().toHaveProperty('organization_id');
    expectTypeOf<CostsResult['organization_id']>().toEqualTypeOf<unknown>();
  });

  test('registry lookups infer the same result types', () => {
    expectTypeOf<ResultOf<'completions'>>().toEqualTypeOf<CompletionsResult>();
    expectTypeOf<ResultOf<'costs'>>().toEqualTypeOf<CostsResult>();
  });
});

describe('pages line up with the SDK', () => {
  test('envelope and bucket fields are the same', () => {
    type SdkBucket = UsageCostsResponse['data'][number];
    expectTypeOf<Without<Wire<Page<CostsResult>>, 'data'>>().toEqualTypeOf<
      Without<UsageCostsResponse, 'data'>
    >();
    expectTypeOf<Without<Wire<Page<CostsResult>['data'][number]>, 'results'>>().toEqualTypeOf<
      Without<SdkBucket, 'results'>
    >();
  });

  test('deliberate: our buckets hold only the endpoint’s result, the SDK’s hold an 11-way union', () => {
    type SdkCostsItem = UsageCostsResponse['data'][number]['results'][number];
    expectTypeOf<
      Page<VectorStoresResult>['data'][number]['results'][number]
    >().toEqualTypeOf<VectorStoresResult>();
    expectTypeOf<Wire<VectorStoresResult>>().toExtend<
      UsageVectorStoresResponse['data'][number]['results'][number]
    >();
    expectTypeOf<SdkCostsItem>().not.toExtend<Wire<CostsResult>>();
  });
});

describe('directory objects', () => {
  test('project: the fields we name are the SDK’s; we do not name external_key_id, residency', () => {
    type Named = keyof Wire<Project>;
    expectTypeOf<Wire<Project>>().toEqualTypeOf<Pick<SdkProject, Named>>();
    expectTypeOf<SdkProject>().toExtend<Wire<Project>>();
    expectTypeOf<Exclude<keyof SdkProject, Named>>().toEqualTypeOf<
      'external_key_id' | 'residency'
    >();
  });

  test('organization user: the fields we name are the SDK’s', () => {
    type Named = keyof Wire<OrganizationUser>;
    expectTypeOf<Wire<OrganizationUser>>().toEqualTypeOf<Pick<SdkOrganizationUser, Named>>();
    expectTypeOf<SdkOrganizationUser>().toExtend<Wire<OrganizationUser>>();
  });

  test('deliberate: project API key requires fewer fields than the SDK', () => {
    // Names are what we need from keys; we accept keys whose owner lacks created_at or role, and
    // keys without last_used_at or owner_project_access, instead of failing a whole listing.
    expectTypeOf<SdkProjectApiKey>().toExtend<Wire<ProjectApiKey>>();
    expectTypeOf<Wire<ProjectApiKey>>().not.toExtend<SdkProjectApiKey>();
    expectTypeOf<ProjectApiKey['last_used_at']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<SdkProjectApiKey['last_used_at']>().toEqualTypeOf<number | null>();
  });

  test('deliberate: service account role is an open string, the SDK’s a closed union', () => {
    expectTypeOf<SdkProjectServiceAccount>().toExtend<Wire<ProjectServiceAccount>>();
    expectTypeOf<ProjectServiceAccount['role']>().toEqualTypeOf<string>();
    expectTypeOf<SdkProjectServiceAccount['role']>().toEqualTypeOf<'owner' | 'member' | 'none'>();
  });

  test('deliberate: list pages allow null first_id/last_id (empty lists), the SDK says string', () => {
    expectTypeOf<ProjectList['last_id']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ProjectList['data'][number]>().toEqualTypeOf<Project>();
    expectTypeOf<ProjectList['has_more']>().toEqualTypeOf<boolean>();
  });
});
