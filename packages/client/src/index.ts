export {
  type Bucket,
  type EndpointName,
  endpointNames,
  InvalidParamsError,
  type Page,
  type ParamsOf,
  type ResultOf,
} from '@usagekit/schemas';
export { isLoopbackURL } from './base-url';
export type { ClientCapabilities, NamesCapability } from './capabilities';
export { type ClientDirectory, createUsageClient, type UsageClient } from './client';
export type { ClientValidationMode, UsageClientOptions } from './core';
export type { Directory, ProjectsOptions } from './directory';
export type { EndpointResource } from './endpoint-resource';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  CursorLoopError,
  DeadlineExceededError,
  InternalServerError,
  NotFoundError,
  OrganizationReadError,
  PageLimitError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  ResponseValidationError,
  UnprocessableEntityError,
  UsageClientError,
} from './errors';
export type { ProgressCounts, UsageClientEvent, UsageClientEventHandler } from './events';
export {
  type OrganizationBucket,
  type OrganizationResult,
  type OrganizationSource,
  readOrganizations,
} from './multi-organization';
export {
  createNameResolver,
  type NamedIdField,
  type NameFields,
  type NameKind,
  type NameResolver,
  type ResolvedName,
} from './name-resolver';
export { neutralizeTerminalText } from './neutralize-terminal-text';
export { type FetchPage, type FollowPagesOptions, followPages, PagePromise } from './pagination';
export { type PlannedRequest, type PlanOptions, planRequests, type RequestPlan } from './planner';
export {
  createRequestPool,
  type ReleaseSlot,
  type RequestPool,
  type RequestPoolOptions,
} from './pool';
export {
  createSecretRedactor,
  REDACTED_SECRET,
  redactSecret,
  redactSecrets,
} from './redact-secret';
export type { RequestOptions } from './request';
export { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry';
export { type Sleep, sleep } from './sleep';
