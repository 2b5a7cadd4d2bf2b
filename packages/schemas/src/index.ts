export { type ApiErrorBody, ApiErrorBodySchema } from './api-error';
export { BucketSequence, type CheckedPage, type TimeSpan } from './bucket-sequence';
export {
  type BucketWidth,
  type BucketWidthLimits,
  COSTS_BUCKET_WIDTHS,
  USAGE_BUCKET_WIDTHS,
} from './bucket-width';
export {
  DIMENSIONS,
  type DimensionDescriptor,
  type DimensionEntity,
  type DimensionValueKind,
  dimensionInfo,
  isDimensionName,
} from './dimensions';
export {
  createListPageSchema,
  type ListParams,
  ListParamsSchema,
} from './directory/list-page';
export {
  type OrganizationUser,
  type OrganizationUserList,
  OrganizationUserListSchema,
  OrganizationUserSchema,
} from './directory/organization-user';
export {
  type Project,
  type ProjectList,
  ProjectListSchema,
  ProjectSchema,
} from './directory/project';
export {
  type ProjectApiKey,
  type ProjectApiKeyList,
  ProjectApiKeyListSchema,
  ProjectApiKeySchema,
} from './directory/project-api-key';
export {
  type ProjectServiceAccount,
  type ProjectServiceAccountList,
  ProjectServiceAccountListSchema,
  ProjectServiceAccountSchema,
} from './directory/project-service-account';
export { DriftCollector, type DriftEntry, type DriftKind } from './drift';
export {
  defineEndpoint,
  type EndpointDefinition,
  type EndpointParams,
  type EndpointSpecification,
} from './endpoint';
export { dimensionsOf, type EndpointDimension } from './endpoint-dimensions';
export {
  type AudioSpeechesParams,
  type AudioSpeechesResult,
  AudioSpeechesResultSchema,
  audioSpeechesEndpoint,
} from './endpoints/audio-speeches';
export {
  type AudioTranscriptionsParams,
  type AudioTranscriptionsResult,
  AudioTranscriptionsResultSchema,
  audioTranscriptionsEndpoint,
} from './endpoints/audio-transcriptions';
export {
  type CodeInterpreterSessionsParams,
  type CodeInterpreterSessionsResult,
  CodeInterpreterSessionsResultSchema,
  codeInterpreterSessionsEndpoint,
} from './endpoints/code-interpreter-sessions';
export {
  type CompletionsParams,
  type CompletionsResult,
  CompletionsResultSchema,
  completionsEndpoint,
} from './endpoints/completions';
export {
  type CostsParams,
  type CostsResult,
  CostsResultSchema,
  costsEndpoint,
  KNOWN_QUANTITY_UNITS,
  type QuantityUnit,
} from './endpoints/costs';
export {
  type DecisionsParams,
  type DecisionsResult,
  DecisionsResultSchema,
  decisionsEndpoint,
} from './endpoints/decisions';
export {
  type EmbeddingsParams,
  type EmbeddingsResult,
  EmbeddingsResultSchema,
  embeddingsEndpoint,
} from './endpoints/embeddings';
export {
  type FileSearchCallsParams,
  type FileSearchCallsResult,
  FileSearchCallsResultSchema,
  fileSearchCallsEndpoint,
} from './endpoints/file-search-calls';
export {
  IMAGE_SIZES,
  IMAGE_SOURCES,
  type ImagesParams,
  type ImagesResult,
  ImagesResultSchema,
  imagesEndpoint,
} from './endpoints/images';
export {
  type ModerationsParams,
  type ModerationsResult,
  ModerationsResultSchema,
  moderationsEndpoint,
} from './endpoints/moderations';
export {
  type VectorStoresParams,
  type VectorStoresResult,
  VectorStoresResultSchema,
  vectorStoresEndpoint,
} from './endpoints/vector-stores';
export {
  CONTEXT_LEVELS,
  type WebSearchCallsParams,
  type WebSearchCallsResult,
  WebSearchCallsResultSchema,
  webSearchCallsEndpoint,
} from './endpoints/web-search-calls';
export { InvalidParamsError, type ParamsIssue, UsageSchemaError } from './errors';
export type {
  EnumFilter,
  Filter,
  FilterValue,
  FlagFilter,
  IdsFilter,
} from './filter';
export type { MetricAggregation, MetricField, MetricOptions, MetricUnit } from './metric';
export {
  type IdentityViolation,
  identitiesOf,
  identityViolations,
  isWithin,
  METRIC_IDENTITIES,
  type MetricIdentity,
} from './metric-identities';
export { isLevelMetric, isMetricName, metricInfo, metricsOf } from './metric-info';
export { type Bucket, createBucketSchema, createPageSchema, type Page } from './page';
export {
  driftMessage,
  type PageIssue,
  type PageParse,
  type ParsePageOptions,
  parsePage,
  type ValidationMode,
} from './parse-page';
export { decodeQuery, encodeQuery } from './query-string';
export {
  type DimensionName,
  type DimensionOf,
  type EndpointName,
  type Endpoints,
  endpointNames,
  endpoints,
  getEndpoint,
  isEndpointName,
  type MetricName,
  type MetricOf,
  type ParamsOf,
  type ResultOf,
  usageEndpointNames,
} from './registry';
export { TOKEN_DETAIL_FIELDS, type TokenDetailField } from './token-details';
export { assertParams, type ParamsValidation, validateParams } from './validate-params';
