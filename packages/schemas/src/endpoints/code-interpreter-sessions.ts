import type * as v from 'valibot';
import { createProjectUsageResultSchema, defineProjectUsageEndpoint } from '../project-usage';

/** One code interpreter sessions usage result: sessions for one bucket and project. */
export const CodeInterpreterSessionsResultSchema = /* @__PURE__ */ createProjectUsageResultSchema(
  'organization.usage.code_interpreter_sessions.result',
  'num_sessions',
);

/** One code interpreter sessions usage result. */
export type CodeInterpreterSessionsResult = v.InferOutput<
  typeof CodeInterpreterSessionsResultSchema
>;

/** `GET /organization/usage/code_interpreter_sessions`. */
export const codeInterpreterSessionsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineProjectUsageEndpoint({
    name: 'code_interpreter_sessions',
    label: 'Code interpreter sessions',
    resultObject: 'organization.usage.code_interpreter_sessions.result',
    resultSchema: CodeInterpreterSessionsResultSchema,
    counterName: 'num_sessions',
    unit: 'sessions',
    counterLabel: 'Sessions',
    aggregation: 'sum',
  }))();

/** Query parameters of the code interpreter sessions endpoint. */
export type CodeInterpreterSessionsParams = v.InferOutput<
  typeof codeInterpreterSessionsEndpoint.paramsSchema
>;
